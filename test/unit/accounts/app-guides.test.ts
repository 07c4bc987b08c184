import { describe, expect, it } from 'vitest';
import { APP_GUIDES, redirectAddress } from '../../../common/accounts';
import { INSTAGRAM_SCOPES } from '../../../electron/core/accounts/connectors/instagram';
import { LINKEDIN_SCOPES } from '../../../electron/core/accounts/connectors/linkedin';
import { THREADS_SCOPES } from '../../../electron/core/accounts/connectors/threads';
import { X_SCOPES } from '../../../electron/core/accounts/connectors/x';
import { startLoopback } from '../../../electron/core/accounts/oauth/loopback';
import { decideWindowOpen } from '../../../electron/main/security';

describe('the developer-app guides', () => {
  it('show the very scopes the connectors request', () => {
    expect(APP_GUIDES.x.scopes).toBe(X_SCOPES);
    expect(APP_GUIDES.linkedin.scopes).toBe(LINKEDIN_SCOPES);
    expect(APP_GUIDES.threads.scopes).toBe(THREADS_SCOPES);
    expect(APP_GUIDES.instagram.scopes).toBe(INSTAGRAM_SCOPES);
  });

  it('show the redirect address the sign-in listener answers on', async () => {
    const listener = await startLoopback({ expectedState: 'state-for-this-test-only', timeoutMs: 60_000, networkName: 'X' });
    listener.close();
    const port = Number(new URL(listener.redirectUri).port);
    expect(redirectAddress(port)).toBe(listener.redirectUri);
  });

  it('link only to https pages the app will open in the browser', () => {
    for (const guide of Object.values(APP_GUIDES)) {
      for (const link of [guide.site, ...guide.steps.flatMap((step) => (step.link === undefined ? [] : [step.link]))]) {
        expect(decideWindowOpen(link)).toStrictEqual({ action: 'deny', openExternally: link });
      }
    }
  });
});
