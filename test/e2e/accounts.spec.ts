import { spawn } from 'node:child_process';
import path from 'node:path';
import { startWebHostProcess } from '../support/web-host-process';
import { expect, expectAccessible, test } from './fixtures';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The loopback X fake in a process of its own, as the web host runs in one: this project's
 * tsconfig does not list test/support/fakes, so the spec starts it by path rather than importing it.
 */
async function startXFakeProcess(): Promise<{ endpoints: { authorize: string; api: string }; stop: () => Promise<void> }> {
  const script = [
    "const { startXFake } = await import('./test/support/fakes/x-fake.ts');",
    'const fake = await startXFake();',
    "console.log('X fake: ' + JSON.stringify(fake.endpoints));",
    "process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));",
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const endpoints = await new Promise<{ authorize: string; api: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the X fake did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /X fake: (\{.*\})/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(JSON.parse(match[1]) as { authorize: string; api: string });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the X fake exited with ${code}:\n${output}`));
    });
  });
  return {
    endpoints,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

test('sets up the X app, connects X through the browser step, disconnects, and every step passes axe', async ({ page }) => {
  const fake = await startXFakeProcess();
  const host = await startWebHostProcess(undefined, {
    env: {
      SPHERES_VAULT: 'memory',
      SPHERES_TEST_ACCOUNTS: JSON.stringify({ endpoints: { x: fake.endpoints }, browser: 'follow' }),
    },
  });
  try {
    await page.goto(host.url);
    const nav = page.getByRole('navigation', { name: 'Sections' });

    await nav.getByRole('link', { name: 'Settings' }).click();
    const xApp = page.getByRole('form', { name: 'X' });
    await xApp.getByLabel('Client ID').fill('x-client-id');
    await xApp.getByRole('button', { name: 'Save X' }).click();
    await expect(xApp.getByText('Set up', { exact: true })).toBeVisible();
    await expectAccessible(page, 'Settings → Network apps');

    await nav.getByRole('link', { name: 'Accounts' }).click();
    await expect(page.getByRole('heading', { name: 'No accounts connected yet' })).toBeVisible();
    await page.getByRole('button', { name: 'Connect account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect an account' });
    await expect(dialog.getByRole('button', { name: 'X' })).toBeFocused();
    await expectAccessible(page, 'Connect dialog');

    // The Bluesky form with its errors showing, then Enter on the X form continues in the browser.
    await dialog.getByRole('button', { name: 'Bluesky' }).click();
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog.getByText('Enter your Bluesky handle or email.')).toBeVisible();
    await expectAccessible(page, 'Bluesky form with errors');
    await dialog.getByRole('button', { name: 'Choose another network' }).click();
    await dialog.getByRole('button', { name: 'X' }).click();
    await expect(dialog.getByRole('button', { name: 'Continue in browser' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(dialog).toBeHidden();
    const card = page.getByRole('article', { name: 'Alice Example' });
    await expect(card.getByText('Connected · renews automatically')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Connected @alice_spheres' })).toBeVisible();
    await expectAccessible(page, 'Accounts with X');

    await card.getByRole('button', { name: 'Disconnect @alice_spheres' }).click();
    await page.getByRole('alertdialog', { name: 'Disconnect @alice_spheres?' }).getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByRole('heading', { name: 'No accounts connected yet' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Disconnected @alice_spheres' })).toBeVisible();
  } finally {
    await host.stop();
    await fake.stop();
  }
});
