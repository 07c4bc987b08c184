import { expect, expectAccessible, test } from './fixtures';

const DANISH = 'Smørrebrød på Ærø med kollegerne fra Århus';
const ENGLISH = 'Quarterly numbers are in: thank you, team';

test('writes two posts with New post, finds one by a Danish word typed without its letters, duplicates, trashes, restores and empties the trash', async ({ page, host }) => {
  await page.goto(host.url);
  const editor = page.getByRole('textbox', { name: 'Base text' });
  const status = page.getByRole('status').filter({ hasText: /^Saved$/ });

  // Two posts, each started with New post: the first is saved before the second starts.
  await page.getByRole('button', { name: 'New post' }).click();
  await editor.fill(DANISH);
  await expect(status).toBeVisible();
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(editor).toHaveValue('');
  await editor.fill(ENGLISH);
  await expect(status).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: 'Drafts' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Drafts');
  const list = page.getByRole('list', { name: 'Posts' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expectAccessible(page, 'drafts library');

  // "smorrebrod" finds "Smørrebrød": no ø typed, no accents.
  await page.getByRole('searchbox', { name: 'Search posts' }).fill('smorrebrod aro');
  await expect(page.getByRole('status').filter({ hasText: /^1 post$/ })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: new RegExp(`^${DANISH}`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose');
  await expect(editor).toHaveValue(DANISH);

  // Duplicate it from the library: a second copy of the same text appears.
  await nav.getByRole('link', { name: 'Drafts' }).click();
  await page.getByRole('searchbox', { name: 'Search posts' }).fill('smørrebrød');
  await expect(page.getByRole('status').filter({ hasText: /^1 post$/ })).toBeVisible();
  await page.getByRole('button', { name: /^Duplicate: Smørrebrød/ }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: /^2 posts$/ })).toBeVisible();

  // Delete the first row with the keyboard, then the other with its button; undo is offered.
  await list.getByRole('button', { name: /^Smørrebrød/ }).first().focus();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('status').filter({ hasText: /^Moved to the trash: Smørrebrød/ })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: /^Move to trash: Smørrebrød/ }).click();
  await expect(page.getByText('No post matches this search and these filters.', { exact: false })).toBeVisible();

  // Restore one from the Trash; it is back in the library.
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  const trash = page.getByRole('list', { name: 'Posts in the trash' });
  await expect(trash.getByRole('listitem')).toHaveCount(2);
  await expectAccessible(page, 'trash');
  await trash.getByRole('button', { name: /^Smørrebrød/ }).first().click();
  await expect(trash.getByRole('listitem')).toHaveCount(1);

  // Empty the trash, after saying so in a dialog; the restored post and the English one stay.
  await page.getByRole('button', { name: 'Empty trash…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete everything in the trash for good?' });
  await expect(dialog).toContainText('The post in the trash will be deleted for good.');
  await expectAccessible(page, 'empty trash dialog');
  await dialog.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByText('The trash is empty')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '1 post was deleted for good.' })).toBeVisible();

  await page.getByRole('button', { name: 'All posts' }).click();
  await page.getByRole('searchbox', { name: 'Search posts' }).fill('');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('button', { name: /^Smørrebrød/ })).toHaveCount(1);
  await expect(list.getByRole('button', { name: /^Quarterly numbers/ })).toHaveCount(1);

  // The keyboard alone: arrows move through the list (newest edit first), Enter opens the post in Compose.
  await list.getByRole('button', { name: /^Smørrebrød/ }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('button', { name: /^Quarterly numbers/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose');
  await expect(editor).toHaveValue(ENGLISH);
  void host;
});
