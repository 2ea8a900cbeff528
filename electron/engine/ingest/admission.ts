/**
 * Bounds the OTLP payload bytes being decoded or written at once. The writer's queue only sees
 * decoded batches, so without this a flood of requests would pile up in the decode stage; with it,
 * senders beyond the budget get 503 + Retry-After and retry, and memory stays bounded.
 */
export class Admission {
  private inflight = 0;

  constructor(readonly maxBytes: number = 32 * 1024 * 1024) {}

  /** Whether new work should be refused now. */
  isFull(): boolean {
    return this.inflight >= this.maxBytes;
  }

  /** Takes `bytes` of the budget (a single request may overshoot it); false if it is already used up. */
  tryAcquire(bytes: number): boolean {
    if (this.isFull()) return false;
    this.inflight += bytes;
    return true;
  }

  /** Charges bytes already in memory (a body larger than it declared), even past the budget. */
  charge(bytes: number): void {
    this.inflight += bytes;
  }

  release(bytes: number): void {
    this.inflight = Math.max(0, this.inflight - bytes);
  }
}
