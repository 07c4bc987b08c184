import { readFileSync } from 'node:fs';
import { expect, expectAccessible, test } from './fixtures';

/** A day counted from today, as the date fields and the web host (same machine, same zone) read it. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const BAD_ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:broken@corp', 'DTSTART;VALUE=DATE:20261345', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
const GOOD_ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:agm@corp', 'SUMMARY:AGM quiet period', 'DTSTART;VALUE=DATE:20270301', 'DTEND;VALUE=DATE:20270315', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

test('sets up guardrails, asks before a post in a quiet period with a watched word, records the override, and every step passes axe', async ({ page, host }) => {
  test.setTimeout(60_000);
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Guardrails' });

  // A quiet period by hand, around today.
  await section.getByRole('button', { name: 'Add a quiet period' }).click();
  const form = section.getByRole('form', { name: 'Add a quiet period' });
  await form.getByLabel('Name').fill('Q4 results quiet period');
  await form.getByLabel('First day').fill(dayFromToday(-1));
  await form.getByLabel('Last day').fill(dayFromToday(7));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved the quiet period Q4 results quiet period.');
  await expect(section.getByRole('list', { name: 'Quiet periods' })).toContainText('Q4 results quiet period');

  // A malformed calendar is refused with its line; a good one is imported.
  const upload = section.getByLabel('Import an .ics calendar…');
  await upload.setInputFiles({ name: 'broken.ics', mimeType: 'text/calendar', buffer: Buffer.from(BAD_ICS) });
  await expect(section.getByRole('status')).toContainText('line 5 (DTSTART;VALUE=DATE:20261345)');
  await upload.setInputFiles({ name: 'agm.ics', mimeType: 'text/calendar', buffer: Buffer.from(GOOD_ICS) });
  await expect(section.getByRole('status')).toHaveText('Imported the quiet periods of agm.ics: 1 new, 0 updated.');
  // Deleting one can be undone.
  await section.getByRole('button', { name: 'Delete AGM quiet period' }).click();
  await expect(section.getByRole('status')).toContainText('Deleted the quiet period AGM quiet period.');
  await expect(section.getByRole('list', { name: 'Quiet periods' })).not.toContainText('AGM quiet period');
  await section.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(section.getByRole('list', { name: 'Quiet periods' })).toContainText('AGM quiet period');

  // Watched words, and the starter list.
  await section.getByRole('textbox', { name: 'Watched words' }).fill('Project Falcon');
  await section.getByRole('button', { name: 'Save watched words' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved 1 watched word.');
  // Controlled by the saved setting: it ticks once the save is back.
  await section.getByRole('checkbox', { name: /starter list/ }).click();
  await expect(section.getByRole('checkbox', { name: /starter list/ })).toBeChecked();
  await expectAccessible(page, 'Settings → Guardrails');

  // A professional post now, in the quiet period, naming a watched word.
  await nav.getByRole('link', { name: 'Compose' }).click();
  await page.getByText('Professional', { exact: true }).click();
  const byHand = page.getByRole('checkbox', { name: /^Post it myself on Facebook/ });
  await byHand.focus();
  await page.keyboard.press('Space');
  await expect(byHand).toBeChecked();
  const text = `Proud of the team behind Project Falcon ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Base text' }).fill(text);
  await expect(page.getByText('"Project Falcon" is on your watched words: posting it asks you to confirm first.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Post now', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Post despite a guardrail?' });
  await expect(dialog).toContainText('Planned in the quiet period Q4 results quiet period');
  await expect(dialog).toContainText('Names the watched word “Project Falcon”.');
  await expect(dialog.getByRole('button', { name: 'Go back' })).toBeFocused();
  await expectAccessible(page, 'the guardrail dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Post now', exact: true }).click();
  await dialog.getByRole('button', { name: 'Post anyway' }).click();
  await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('');

  // The quiet period as a band in the calendar.
  await nav.getByRole('link', { name: 'Calendar' }).click();
  await expect(page.locator(`[role=gridcell][data-day="${dayFromToday(0)}"]`)).toHaveAttribute('data-quiet-period', 'Q4 results quiet period');
  await expectAccessible(page, 'calendar with a quiet period');

  // The record, exported as CSV for the compliance officer.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await section.getByRole('button', { name: 'Export the record (CSV)…' }).click();
  await expect(section.getByRole('status')).toContainText('Exported 2 overrides to');
  const file = (await section.getByRole('status').textContent())!.replace(/^Exported 2 overrides to /, '').replace(/\.$/, '');
  const rows = readFileSync(file, 'utf8').split('\r\n');
  expect(rows[0]).toBe('When,Post,Action,Rule,Rule id,Period or word,Post time,Tone,Networks');
  expect(rows.slice(1, 3).map((row) => row.split(',').slice(2, 5).join(','))).toEqual(expect.arrayContaining([expect.stringMatching(/^post_now,quiet_period,manual:/), 'post_now,watched_word,Project Falcon']));
  expect(file.startsWith(host.dataDir)).toBe(true);
});
