import { describe, expect, it } from 'vitest';
import { NETWORK_APPS_HREF, composeHref, newPostHref, routeFromHash, sectionHref } from '../../../renderer/src/ui/routes';

describe('section addresses', () => {
  it('writes a section as #/<section>', () => {
    expect(sectionHref('calendar')).toBe('#/calendar');
    expect(sectionHref('settings', 'network-apps')).toBe('#/settings/network-apps');
    expect(NETWORK_APPS_HREF).toBe('#/settings/network-apps');
  });

  it('opens a post in the composer by an address the router reads back', () => {
    expect(composeHref('market-draft')).toBe('#/compose/market-draft');
    expect(routeFromHash(composeHref('market-draft'))).toEqual({ section: 'compose', postId: 'market-draft' });
  });

  it('sends "New post" to the composer on a fresh id each time', () => {
    const first = routeFromHash(newPostHref());
    const second = routeFromHash(newPostHref());
    expect(first.section).toBe('compose');
    expect(first.postId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.postId).not.toBe(first.postId);
  });

  it('reads an unknown section as the composer and ignores a post id outside it', () => {
    expect(routeFromHash('#/nowhere')).toEqual({ section: 'compose', postId: null });
    expect(routeFromHash('#/calendar/market-draft')).toEqual({ section: 'calendar', postId: null });
    expect(routeFromHash('#/compose/a%2Fb')).toEqual({ section: 'compose', postId: null });
  });
});
