/**
 * Render timing for the calendar benchmark (test/bench/calendar.ts): from the moment the data a
 * view needs is there, or the user asked for another period or filter when it already was, to
 * the commit of that view. Read as performance measures named `spheres:calendar:<view>`.
 */
export class RenderTiming {
  #askedAt = 0;
  #measuredFrom = 0;

  /** The user asked for another period, view or filter (call from the event handler). */
  begin(): void {
    this.#askedAt = performance.now();
  }

  /**
   * A view committed with its data (call from a layout effect); `dataAt` is when that data
   * arrived. A commit with nothing new since the last measure (a re-render) is not measured.
   */
  committed(view: string, dataAt: number): void {
    const start = Math.max(dataAt, this.#askedAt);
    if (start <= this.#measuredFrom) return;
    this.#measuredFrom = start;
    if (typeof performance.measure !== 'function') return;
    try {
      performance.measure(`spheres:calendar:${view}`, { start, end: performance.now() });
    } catch {
      // A measure that cannot be recorded is not worth failing a render for.
    }
  }
}
