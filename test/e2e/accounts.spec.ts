import { startXFake } from '../support/fakes/x-fake';
import { startWebHostProcess } from '../support/web-host-process';
import { expect, expectAccessible, test } from './fixtures';

test('sets up the X app, connects X through the browser step, disconnects, and every step passes axe', async ({ page }) => {
  const fake = await startXFake();
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
    // The X fake checked PKCE and state on the way in, and saw the tokens revoked on the way out.
    expect(fake.authority.refusals).toEqual([]);
    expect(fake.authority.tokens).toHaveLength(1);
    expect(fake.authority.live()).toEqual([]);
  } finally {
    await host.stop();
    await fake.close();
  }
});
