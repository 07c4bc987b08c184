import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';

/** How an upload ended: on disk in full, or why not (the caller answers and removes the file). */
export type UploadOutcome =
  | { kind: 'received'; bytes: number }
  | { kind: 'too_large' }
  | { kind: 'timed_out' }
  /** The page went away (closed, reloaded) before the body was complete. */
  | { kind: 'cut_off' }
  | { kind: 'write_failed'; reason: string };

export interface UploadLimits {
  maxBytes: number;
  /** From the first byte to the last: a page that trickles an upload cannot hold the temporary file forever. */
  deadlineMs: number;
}

/**
 * Streams a request body to `destination` (created new, readable by this user only), chunk by
 * chunk with the disk's back-pressure, so a gigabyte archive never sits in memory. Stops at the
 * size cap or the deadline WITHOUT destroying the request, so the route can still answer 413 or
 * 408; the route closes the connection after its answer. Resolves once the file is closed.
 */
export function receiveUpload(request: IncomingMessage, destination: string, limits: UploadLimits): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const file = createWriteStream(destination, { flags: 'wx', mode: 0o600 });
    let bytes = 0;
    let outcome: UploadOutcome | null = null;
    const finish = (result: UploadOutcome): void => {
      if (outcome !== null) return;
      outcome = result;
      clearTimeout(timer);
      request.off('data', onData);
      if (result.kind === 'received') return;
      request.pause();
      file.destroy();
    };
    const onData = (chunk: Buffer): void => {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) return finish({ kind: 'too_large' });
      if (!file.write(chunk)) {
        request.pause();
        file.once('drain', () => {
          if (outcome === null) request.resume();
        });
      }
    };
    const timer = setTimeout(() => finish({ kind: 'timed_out' }), limits.deadlineMs);
    request.on('data', onData);
    request.once('end', () => {
      if (outcome === null) file.end();
    });
    request.once('close', () => {
      if (!request.complete) finish({ kind: 'cut_off' });
    });
    file.once('finish', () => finish({ kind: 'received', bytes }));
    file.once('error', (error: NodeJS.ErrnoException) => finish({ kind: 'write_failed', reason: error.code ?? error.message }));
    // Whatever the outcome, answer only once the file is closed: the caller imports or removes it next.
    file.once('close', () => resolve(outcome ?? { kind: 'write_failed', reason: 'the file closed early' }));
  });
}
