/**
 * Opens a web host address the way a browser tab does (one GET, which uses up its one-time token)
 * and returns the header that tab's bridge sends on every call: the session secret from the page.
 */
export async function webHostSession(url: string): Promise<{ Authorization: string }> {
  const page = await fetch(url);
  const html = await page.text();
  const secret = /<meta name="spheres-session" content="([A-Za-z0-9_-]+)">/.exec(html)?.[1];
  if (page.status !== 200 || secret === undefined) throw new Error(`${new URL(url).origin} gave no session (${page.status}): ${html.slice(0, 200)}`);
  return { Authorization: `Bearer ${secret}` };
}
