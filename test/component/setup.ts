import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy/waitFor wait for what the real core answers; on a busy 2-core machine a month of posts can
// take longer than Testing Library's default second. Patience, not a speed check: speed is benched.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

// jsdom has no matchMedia; the app asks it whether the OS is dark.
if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }),
  });
}
