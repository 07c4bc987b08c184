/**
 * Runs tasks one at a time in the order they were queued. Every read and write of a store goes
 * through one queue, so a reader never sees a half-applied fold and two saves never interleave.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #running = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.#running++;
    const result = this.#tail.then(task);
    const done = () => {
      this.#running--;
    };
    // The next task waits for this one to settle either way: one failure must not stall the queue.
    this.#tail = result.then(done, done);
    return result;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.#running;
  }
}
