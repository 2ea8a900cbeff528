/**
 * The share of the last full second something was busy. Busy stretches are either reported when
 * they end (`note`, for synchronous work such as a transaction) or opened and closed around
 * asynchronous work (`begin` / `end`; they may overlap, and the meter counts the time any is open).
 * A stretch still open counts up to now.
 */
export class BusyMeter {
  private windowStart: number;
  /** Busy time in the current window, closed stretches only (ms). */
  private ms = 0;
  private lastShare = 0;
  private open = 0;
  private openSince = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {
    this.windowStart = clock();
  }

  /** A busy stretch that began at `since` (this meter's clock) ended now. */
  note(since: number): void {
    const now = this.clock();
    this.ms += now - Math.max(since, this.windowStart);
    this.roll(now);
  }

  /** Some asynchronous work began (busy until the matching `end`). */
  begin(): void {
    const now = this.clock();
    this.roll(now);
    if (this.open++ === 0) this.openSince = now;
  }

  /** The work a `begin` announced is over. */
  end(): void {
    if (this.open === 0) return;
    const now = this.clock();
    if (--this.open === 0) this.ms += now - this.openSince;
    this.roll(now);
  }

  /**
   * 0–1: the busy share of the last full window (a second or more). After a long idle stretch that
   * window is the idle stretch itself, so the share falls on its own once work stops.
   */
  share(): number {
    this.roll(this.clock());
    return this.lastShare;
  }

  private roll(now: number): void {
    const elapsed = now - this.windowStart;
    if (elapsed < 1000) return;
    const openMs = this.open > 0 ? now - Math.max(this.openSince, this.windowStart) : 0;
    this.lastShare = Math.min(1, (this.ms + openMs) / elapsed);
    this.windowStart = now;
    this.ms = 0;
  }
}
