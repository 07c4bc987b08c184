import { startLocalS3 } from '../support/s3-server';
import { startWebHostProcess } from '../support/web-host-process';
import { expect, expectAccessible, test } from './fixtures';

test('sets up a media host in Settings, tests it against a local S3 server step by step, and removes it; every step passes axe', async ({ page }) => {
  const s3 = await startLocalS3();
  const host = await startWebHostProcess(undefined, { env: { SPHERES_VAULT: 'memory' } });
  try {
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Media host' });
    await section.getByLabel('Endpoint').fill(s3.endpoint);
    await section.getByLabel('Region').fill(s3.settings.region);
    await section.getByLabel('Bucket', { exact: true }).fill(s3.settings.bucket);
    await section.getByLabel('Access key ID').fill(s3.settings.accessKeyId);
    await section.getByLabel('Secret access key').fill('S3RVER');
    await section.getByLabel('Put the bucket in the path (path-style addresses)').check();
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByText('Saved. The secret stays in your keychain.')).toBeVisible();
    await expect(section.getByLabel('Secret access key')).toHaveValue('');
    await expect(section.getByLabel('Secret access key')).toHaveAttribute('placeholder', 'Stored in the keychain');

    await section.getByRole('button', { name: 'Test the media host' }).click();
    await expect(section.getByText('The media host works: Threads and Instagram can fetch images from it.')).toBeVisible();
    await expect(section.getByRole('list', { name: 'Test the media host' }).getByRole('listitem')).toHaveText([
      '✓ Upload a test image: passed',
      '✓ Download it from its presigned address: passed',
      '✓ Delete it again: passed',
    ]);
    await expectAccessible(page, 'Settings → Media host after a test');

    await section.getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove the media host?' });
    await expectAccessible(page, 'Remove the media host?');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(section.getByText('Removed. Spheres forgot the media host and its secret.')).toBeVisible();
    await expect(section.getByLabel('Endpoint')).toHaveValue('');
  } finally {
    await host.stop();
    await s3.close();
  }
});
