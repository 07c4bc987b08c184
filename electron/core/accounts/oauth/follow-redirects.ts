/**
 * Plays the person in the browser: loads the sign-in page and follows its redirects, up to ten, to
 * the app's loopback listener. The web host's test-accounts mode and the tests' fakes both use it
 * as the flow's `openBrowser`, where no person is there to click.
 */
export async function followRedirects(url: string): Promise<void> {
  let next = url;
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await fetch(next, { redirect: 'manual' });
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (location === null) return;
    next = new URL(location, next).toString();
  }
}
