import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncer } from '../../../../../renderer/src/common/debounce';

describe('createDebouncer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once, waitMs after the last call', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 100, 1000);
    d.schedule();
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('restarts the wait on every call while calls keep coming', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 100, 1000);
    d.schedule();
    vi.advanceTimersByTime(60);
    d.schedule();
    vi.advanceTimersByTime(60);
    d.schedule();
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('collapses a burst of synchronous calls into one run', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 50, 500);
    for (let i = 0; i < 100; i++) d.schedule();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('serves a steady stream no later than maxWaitMs after its first call', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 100, 250);
    const firedAt: number[] = [];
    fn.mockImplementation(() => firedAt.push(Date.now() - 1_700_000_000_000));
    // A call every 50 ms for 1 s: the quiet period never comes.
    for (let t = 0; t < 1000; t += 50) {
      d.schedule();
      vi.advanceTimersByTime(50);
    }
    expect(firedAt).toEqual([250, 500, 750, 1000]);
    vi.runAllTimers();
    expect(firedAt).toEqual([250, 500, 750, 1000]);
  });

  it('uses maxWaitMs when it is shorter than waitMs', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 500, 100);
    d.schedule();
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('fires immediately (next tick) once the max wait is already overdue', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 100, 100);
    d.schedule();
    // The clock jumps without the timer running (e.g. a suspended tab).
    vi.setSystemTime(Date.now() + 500);
    d.schedule();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('starts a fresh max-wait window after each run', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 100, 150);
    d.schedule();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    d.schedule();
    vi.advanceTimersByTime(99);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('cancel drops the pending run and resets the max-wait window', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 100, 150);
    d.schedule();
    vi.advanceTimersByTime(90);
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
    // A new call gets the full wait, not what was left of the old max-wait window.
    d.schedule();
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('cancel without a pending run is harmless', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 100, 150);
    expect(() => d.cancel()).not.toThrow();
    d.schedule();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('can be rescheduled from inside fn', () => {
    let runs = 0;
    const d = createDebouncer(
      () => {
        runs++;
        if (runs < 3) d.schedule();
      },
      100,
      150,
    );
    d.schedule();
    vi.advanceTimersByTime(100);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(100);
    expect(runs).toBe(2);
    vi.advanceTimersByTime(100);
    expect(runs).toBe(3);
    vi.runAllTimers();
    expect(runs).toBe(3);
  });

  it('keeps working after fn throws', () => {
    let fail = true;
    const fn = vi.fn(() => {
      if (fail) throw new Error('boom');
    });
    const d = createDebouncer(fn, 10, 20);
    d.schedule();
    expect(() => vi.advanceTimersByTime(10)).toThrow('boom');
    fail = false;
    d.schedule();
    vi.advanceTimersByTime(9);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
