/** The share of the last full second spent busy, from the busy stretches reported to it. */
export class BusyMeter {
  private start = performance.now();
  /** Busy time since `start` (ms). */
  private ms = 0;
  private lastShare = 0;

  /** A busy stretch that began at `since` (performance.now()) ended now. */
  note(since: number): void {
    const now = performance.now();
    this.ms += now - since;
    if (now - this.start < 1000) return;
    this.lastShare = this.ms / (now - this.start);
    this.start = now;
    this.ms = 0;
  }

  /** 0–1; 0 once nothing has been reported for two seconds. */
  share(): number {
    return performance.now() - this.start >= 2000 ? 0 : this.lastShare;
  }
}
