/**
 * bench:composer (c): keystroke-to-updated-previews latency in Chromium through the web host,
 * with all seven networks shown and a 3,000-character post. The composer marks each input and
 * measures when the edit's render (previews included) is committed (ComposeScreen.tsx).
 * Prints figures; never fails.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { startWebHostProcess } from '../support/web-host-process';

const NETWORKS = (process.env.NETWORKS ?? 'X,Bluesky,Mastodon,Threads,LinkedIn,Instagram,Facebook').split(',');
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 200);

function mixedText(length: number): string {
  const pieces = [
    'Back from the summit in København — æøå are Danish letters. ',
    'Full notes: https://example.com/notes/summit-2026?ref=spheres ',
    'Great talk by @anna and #fintech friends 🎉👩🏽‍💻. ',
    '信頼はスピードに勝る。 ',
    'Trust beats speed; regulators want dialogue.\n\n',
  ];
  let text = '';
  for (let i = 0; text.length < length; i += 1) text += pieces[i % pieces.length];
  return text.slice(0, length);
}

function stats(values: number[]): { median: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN };
}

async function main(): Promise<void> {
  const host = await startWebHostProcess();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1680, height: 1050 } });
    await page.goto(host.url);
    await page.getByText('Blend', { exact: true }).click();
    for (const name of NETWORKS) {
      await page.getByRole('checkbox', { name }).focus();
      await page.keyboard.press('Space');
    }
    const box = page.getByRole('textbox', { name: 'Base text' });
    await box.fill(mixedText(3000));
    await page.waitForTimeout(500);
    // Type in the middle of the text, as an edit in the middle of a long post.
    await box.evaluate((element) => {
      // Runs in the page; the Node config has no DOM types, so name only what is used.
      const area = element as unknown as { focus(): void; setSelectionRange(start: number, end: number): void };
      area.focus();
      area.setSelectionRange(1500, 1500);
    });
    await page.evaluate(() => performance.clearMeasures());
    for (let i = 0; i < KEYSTROKES; i += 1) {
      await page.keyboard.type(i % 10 === 9 ? ' ' : 'a');
    }
    await page.waitForTimeout(300);
    const durations = await page.evaluate(() =>
      performance.getEntriesByName('spheres:compose-updated', 'measure').map((entry) => entry.duration),
    );
    const figures = stats(durations);
    console.log(`bench:composer (c) Chromium, 7 networks, 3,000 characters, ${durations.length} keystrokes`);
    console.log(`  keystroke → updated previews: median ${figures.median.toFixed(2)} ms, p95 ${figures.p95.toFixed(2)} ms, max ${figures.max.toFixed(2)} ms (target p95 < 8 ms)`);
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((error: unknown) => {
  console.error('bench:composer (c) could not run:', error instanceof Error ? error.message : error);
});
