import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

/** Settings, over a library of one post (or none). */
async function mountSettings(locale: string, withPost: boolean, chooseImportPath?: () => Promise<string | null>) {
  const app = await inProcessApp({ locale, ...(chooseImportPath === undefined ? {} : { chooseImportPath }) });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  if (withPost) await app.api.posts.saveDraft({ id: 'counted-post-0001', text: 'One post to export', tone: 'blend' });
  window.location.hash = '#/settings';
  render(<App />);
  return app;
}

describe('the Data section counts in words that agree with the number', () => {
  it('says "1 post and 0 images" after exporting one post', async () => {
    await mountSettings('en-US', true);
    await userEvent.click(await screen.findByRole('button', { name: 'Export all posts…' }));
    expect(await screen.findByText(/^Exported 1 post and 0 images to .*spheres-export-.*\.zip\.$/)).toBeInTheDocument();
  });

  it('says "1 nyt" in Danish after importing one post', async () => {
    const source = await inProcessApp();
    await source.api.posts.saveDraft({ id: 'imported-post-0001', text: 'Brought back', tone: 'private' });
    const exported = await source.api.library.export();
    await mountSettings('da-DK', false, async () => exported.file);
    await userEvent.click(await screen.findByRole('button', { name: 'Importér et arkiv…' }));
    expect(await screen.findByText('Importeret: 1 nyt, 0 opdaterede, 0 fandtes allerede; 0 nye billeder.')).toBeInTheDocument();
  });
});
