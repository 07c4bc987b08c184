import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { MemoryVault } from '../../../electron/core/vault';
import { App } from '../../../renderer/src/app/App';
import { followInBrowser } from '../../support/fakes/http-fake';
import { startXFake, type XFake } from '../../support/fakes/x-fake';
import { inProcessApp, type InProcessOptions } from '../../support/in-process-app';

const fakes: XFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

/** The whole app on the real core, with `window.spheres` built from the contract. */
export async function mount(options: InProcessOptions = {}) {
  const vault = new MemoryVault();
  const app = await inProcessApp({ vault, ...options });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole('heading', { level: 1 });
  return { ...app, vault, user };
}

/** The app with X pointed at the loopback fake, and a user in the browser who approves. */
export async function mountWithX(options: InProcessOptions = {}) {
  const fake = await startXFake();
  fakes.push(fake);
  const mounted = await mount({ openBrowser: followInBrowser, accountsTesting: { endpoints: { x: fake.endpoints } }, ...options });
  return { ...mounted, fake };
}

export async function goTo(user: ReturnType<typeof userEvent.setup>, section: string, heading = section): Promise<void> {
  await user.click(screen.getByRole('link', { name: section }));
  await screen.findByRole('heading', { level: 1, name: heading });
}

/** Settings → Network apps → X: the client id, saved through the form. */
export async function saveXClientId(user: ReturnType<typeof userEvent.setup>, clientId = 'x-client-id'): Promise<void> {
  await goTo(user, 'Settings');
  const form = await screen.findByRole('form', { name: 'X' });
  await user.type(within(form).getByLabelText('Client ID'), clientId);
  await user.click(within(form).getByRole('button', { name: 'Save X' }));
  await within(form).findByText('Set up');
}

/** Accounts → Connect account → X → Continue in browser. */
export async function connectX(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await goTo(user, 'Accounts');
  await user.click(screen.getByRole('button', { name: 'Connect account' }));
  const dialog = screen.getByRole('dialog', { name: 'Connect an account' });
  await user.click(within(dialog).getByRole('button', { name: 'X' }));
  await user.click(await within(dialog).findByRole('button', { name: 'Continue in browser' }));
}
