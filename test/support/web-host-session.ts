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

/** One call through the web host's API: the answer, value or error. */
export type WebHostCall = (method: string, input?: unknown) => Promise<WebHostAnswer>;

/** Calls the web host's API as a tab's bridge does, with the session traded for `url` (its one-time address). */
export async function webHostCaller(url: string): Promise<WebHostCall> {
  return sessionCaller(new URL(url).origin, await webHostSession(url));
}

/** Calls the web host at `origin` with a session already traded for (webHostSession uses up the address). */
export function sessionCaller(origin: string, session: { Authorization: string }): WebHostCall {
  return async (method, input) => {
    const response = await fetch(`${origin}/api/call/${method}`, {
      method: 'POST',
      headers: { ...session, 'Content-Type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
    return (await response.json()) as WebHostAnswer;
  };
}

/** For calls that must succeed: gives the value, and fails the test naming the method and its error otherwise. */
export function strictCaller<T = unknown>(call: WebHostCall): (method: string, input?: unknown) => Promise<T> {
  return async (method, input) => {
    const answer = await call(method, input);
    if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
    return answer.value as T;
  };
}
