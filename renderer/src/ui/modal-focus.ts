import { useLayoutEffect, type KeyboardEvent } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** What Tab can reach inside a container, in document order. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

/**
 * Keeps Tab and Shift+Tab inside a modal: from the last control to the first and back. Call from
 * the modal's onKeyDown.
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement | null): void {
  if (event.key !== 'Tab' || container === null) return;
  const focusable = focusableIn(container);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (first === undefined || last === undefined) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  // Focus on the dialog itself or on a message that takes focus (tabindex -1) is not in the list.
  const outside = active === container || !focusable.includes(active as HTMLElement);
  if (event.shiftKey && (active === first || (outside && active === container))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || (outside && active === container))) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Gives focus back to whatever had it before the modal opened, when the modal closes. Call it
 * before the modal's own focus effects: a layout effect, so it sees the opener before they move focus.
 */
export function useReturnFocus(): void {
  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      if (previous?.isConnected === true) previous.focus();
    };
  }, []);
}
