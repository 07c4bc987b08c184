import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import type { MediaHostSave, MediaHostSettings } from '../../../common/domain';
import { App } from '../../../renderer/src/app/App';
import type { MediaHost } from '../../../electron/core/outbox/media-host';
import { PublishFailure } from '../../../electron/core/outbox/publish-failure';
import { MemoryVault } from '../../../electron/core/vault';
import { inProcessApp, type InProcessOptions } from '../../support/in-process-app';

const STORED: MediaHostSettings = { endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1', bucket: 'spheres-media', accessKeyId: 'AKIAEXAMPLE', pathStyle: false };

/** Serves what the fake host holds at http://127.0.0.1:<port>/<key>, as a presigned address would. */
const held = new Map<string, Uint8Array>();
let uploads = 0;
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const bytes = held.get((request.url ?? '').slice(1));
    response.writeHead(bytes === undefined ? 404 : 200).end(bytes === undefined ? undefined : Buffer.from(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A media host in memory; `refuseDelete` makes it refuse removals as a bucket without delete rights does. */
function fakeHost(options: { refuseDelete?: boolean } = {}): NonNullable<InProcessOptions['mediaHostTesting']> {
  return {
    createHost: (settings): MediaHost => ({
      put: async (image) => {
        uploads++;
        const key = `spheres/${uploads}.png`;
        held.set(key, image.bytes);
        return { key, url: `${origin}/${key}` };
      },
      remove: async (key) => {
        if (options.refuseDelete === true) {
          throw new PublishFailure('permanent', 'media_host_refused', `The media host refused: the keys may not write to bucket "${settings.bucket}" at ${settings.endpoint} (access denied), so the image could not be deleted. Check Settings → Media host.`);
        }
        held.delete(key);
      },
      removeOlderThan: async () => 0,
    }),
  };
}

async function mountSettings(options: InProcessOptions & { stored?: MediaHostSettings; secret?: string } = {}) {
  const vault = new MemoryVault();
  const app = await inProcessApp({ vault, ...options });
  if (options.stored !== undefined) await app.core.mediaHost.save({ ...options.stored, secretAccessKey: options.secret ?? 'first-secret' });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  await app.api.settings.update({ theme: 'dark' });
  window.location.hash = '#/settings';
  render(<App />);
  const section = within(await screen.findByRole('region', { name: options.locale?.startsWith('da') === true ? 'Medievært' : 'Media host' }));
  const settingsBefore = await app.api.settings.get();
  return { app, vault, section, settingsBefore };
}

describe('Settings → Media host', () => {
  it('sets up the media host: the settings in settings, the secret only in the keychain, the field empty afterwards', async () => {
    const { app, vault, section, settingsBefore } = await mountSettings();
    expect(section.getByText(/Threads and Instagram download images from a public address: Spheres puts each image in your bucket just before posting and deletes it afterwards/)).toBeInTheDocument();
    await userEvent.type(section.getByRole('textbox', { name: 'Endpoint' }), 'https://s3.eu-central-1.amazonaws.com');
    await userEvent.type(section.getByRole('textbox', { name: 'Region' }), 'eu-central-1');
    await userEvent.type(section.getByRole('textbox', { name: 'Bucket' }), 'spheres-media');
    await userEvent.type(section.getByRole('textbox', { name: 'Access key ID' }), 'AKIAEXAMPLE');
    const secret = section.getByLabelText('Secret access key');
    expect(secret).toHaveAttribute('type', 'password');
    await userEvent.type(secret, 'wJalrXUtnFEMI-secret');
    await userEvent.click(section.getByRole('button', { name: 'Save' }));

    expect(await section.findByText('Saved. The secret stays in your keychain.')).toBeInTheDocument();
    expect(secret).toHaveValue('');
    expect(secret).toHaveAttribute('placeholder', 'Stored in the keychain');
    expect(section.getByText('Set up')).toBeInTheDocument();
    expect(await app.api.mediaHost.get()).toEqual({ settings: STORED, hasSecret: true });
    expect(await vault.get('media-host')).toEqual({ clientId: 'AKIAEXAMPLE', clientSecret: 'wJalrXUtnFEMI-secret' });
    expect(await app.api.settings.get()).toEqual({ ...settingsBefore, mediaHost: STORED });
  });

  it('sends only the field that changed: the other settings and the secret stay as stored', async () => {
    const { app, vault, section } = await mountSettings({ stored: STORED });
    const sent: unknown[] = [];
    const save = app.api.mediaHost.save;
    // What crosses the bridge: a spy on the one call, the real core behind it.
    Object.assign(app.api.mediaHost, {
      save: (patch: MediaHostSave) => {
        sent.push(patch);
        return save(patch);
      },
    });
    const bucket = section.getByRole('textbox', { name: 'Bucket' });
    await waitFor(() => expect(bucket).toHaveValue('spheres-media'));
    await userEvent.clear(bucket);
    await userEvent.type(bucket, 'other-bucket');
    await userEvent.click(section.getByRole('button', { name: 'Save' }));
    expect(await section.findByText('Saved. The secret stays in your keychain.')).toBeInTheDocument();
    expect(sent).toEqual([{ bucket: 'other-bucket' }]);
    expect(await app.api.mediaHost.get()).toEqual({ settings: { ...STORED, bucket: 'other-bucket' }, hasSecret: true });
    expect(await vault.get('media-host')).toEqual({ clientId: 'AKIAEXAMPLE', clientSecret: 'first-secret' });
  });

  it('refuses a bucket name S3 would refuse, says which rule, and saves nothing', async () => {
    const { app, section } = await mountSettings({ stored: STORED });
    const bucket = section.getByRole('textbox', { name: 'Bucket' });
    await waitFor(() => expect(bucket).toHaveValue('spheres-media'));
    await userEvent.clear(bucket);
    await userEvent.type(bucket, 'Spheres_Media');
    await userEvent.click(section.getByRole('button', { name: 'Save' }));
    expect(await section.findByText('A bucket name has only lowercase letters, digits, dots and hyphens.')).toBeInTheDocument();
    expect(bucket).toHaveAttribute('aria-invalid', 'true');
    expect(bucket).toHaveFocus();
    expect(await app.api.mediaHost.get()).toEqual({ settings: STORED, hasSecret: true });
  });

  it('tests the media host and shows each step, with the reason of the one that failed', async () => {
    const { section } = await mountSettings({ stored: STORED, mediaHostTesting: fakeHost({ refuseDelete: true }) });
    const test = section.getByRole('button', { name: 'Test the media host' });
    await waitFor(() => expect(test).toBeEnabled());
    await userEvent.click(test);
    const steps = within(await section.findByRole('list', { name: 'Test the media host' }));
    expect(steps.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '✓ Upload a test image: passed',
      '✓ Download it from its presigned address: passed',
      '✗ Delete it again: failedThe media host refused: the keys may not write to bucket "spheres-media" at https://s3.eu-central-1.amazonaws.com (access denied), so the image could not be deleted. Check Settings → Media host.',
    ]);
    expect(section.getByText('The media host does not work yet. See the step that failed.')).toBeInTheDocument();
  });

  it('tests nothing while the form holds unsaved changes, and says to save first', async () => {
    const { section } = await mountSettings({ stored: STORED, mediaHostTesting: fakeHost() });
    const test = section.getByRole('button', { name: 'Test the media host' });
    await waitFor(() => expect(test).toBeEnabled());
    const uploadsBefore = uploads;
    await userEvent.type(section.getByRole('textbox', { name: 'Region' }), 'x');
    await userEvent.click(test);
    expect(await section.findByRole('alert')).toHaveTextContent('Save your changes first: the test uses the saved settings.');
    expect(uploads).toBe(uploadsBefore);
  });

  it('says the media host works when every step passes', async () => {
    const { section } = await mountSettings({ stored: STORED, mediaHostTesting: fakeHost() });
    const test = section.getByRole('button', { name: 'Test the media host' });
    await waitFor(() => expect(test).toBeEnabled());
    await userEvent.click(test);
    expect(await section.findByText('The media host works: Threads and Instagram can fetch images from it.')).toBeInTheDocument();
  });

  it('asks before removing, keeps everything on "Keep it", and forgets settings and secret on Remove', async () => {
    const { app, vault, section, settingsBefore } = await mountSettings({ stored: STORED });
    await userEvent.click(await section.findByRole('button', { name: 'Remove' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Keep it' }));
    expect(await app.api.mediaHost.get()).toEqual({ settings: STORED, hasSecret: true });

    await userEvent.click(section.getByRole('button', { name: 'Remove' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Remove the media host?' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Remove' }));
    expect(await section.findByText('Removed. Spheres forgot the media host and its secret.')).toBeInTheDocument();
    expect(section.getByRole('textbox', { name: 'Endpoint' })).toHaveValue('');
    expect(await app.api.mediaHost.get()).toEqual({ settings: null, hasSecret: false });
    expect(await vault.get('media-host')).toBeNull();
    expect(await app.api.settings.get()).toEqual({ ...settingsBefore, mediaHost: null });
  });

  it('speaks Danish', async () => {
    const { section } = await mountSettings({ locale: 'da-DK' });
    expect(section.getByRole('textbox', { name: 'Adgangsnøgle-id' })).toBeInTheDocument();
    await userEvent.click(section.getByRole('button', { name: 'Gem' }));
    expect(section.getAllByText('Udfyld dette felt.')).toHaveLength(5);
  });
});
