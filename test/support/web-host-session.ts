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

/** What a call through the web host answers: the value, or the error with its stable code. */
export interface WebHostAnswer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** Calls the web host's API as a tab's bridge does, with the session traded for `url` (its one-time address). */
export async function webHostCaller(url: string): Promise<(method: string, input?: unknown) => Promise<WebHostAnswer>> {
  const session = await webHostSession(url);
  const origin = new URL(url).origin;
  return async (method, input) => {
    const response = await fetch(`${origin}/api/call/${method}`, {
      method: 'POST',
      headers: { ...session, 'Content-Type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
    return (await response.json()) as WebHostAnswer;
  };
}
