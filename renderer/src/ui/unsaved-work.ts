import type { SpheresApi } from '../../../common/api';

/**
 * Before the desktop window closes or the app quits, main sends `app.flushRequested` and waits
 * (with a deadline) for `app.flushed`. Every screen holding edits not yet on disk registers how
 * to save them here; the shell answers once all of them have, or at once when none is open.
 */
const savers = new Set<() => Promise<unknown>>();

/** Registers a way to save what a screen holds; returns the function that unregisters it. */
export function holdUnsavedWork(save: () => Promise<unknown>): () => void {
  savers.add(save);
  return () => savers.delete(save);
}

/** Answers main's requests to save; returns the function that stops answering. */
export function answerFlushRequests(api: SpheresApi): () => void {
  return api.on('app.flushRequested', ({ requestId }) => {
    void Promise.allSettled([...savers].map((save) => save())).then(() => api.app.flushed({ requestId }));
  });
}
