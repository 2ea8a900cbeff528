import { describe, expect, it } from 'vitest';
import { BusyMeter } from '../../../../../electron/engine/store/busy-meter';

function meterWithClock(): { meter: BusyMeter; at: (ms: number) => void } {
  let now = 0;
  return { meter: new BusyMeter(() => now), at: (ms) => (now = ms) };
}

describe('BusyMeter', () => {
  it('reports the busy share of the last full second from stretches noted when they end', () => {
    const { meter, at } = meterWithClock();
    at(300);
    meter.note(100);
    expect(meter.share()).toBe(0); // the first second is not over yet
    at(1000);
    meter.note(700);
    expect(meter.share()).toBeCloseTo(0.5);
  });

  it('counts overlapping asynchronous work once, and an open stretch up to now', () => {
    const { meter, at } = meterWithClock();
    meter.begin();
    at(200);
    meter.begin();
    at(400);
    meter.end();
    at(600);
    meter.end(); // busy 0–600 ms, with two pieces of work in flight for part of it
    at(800);
    meter.begin(); // still open when the second ends
    at(1000);
    expect(meter.share()).toBeCloseTo(0.8);
    at(2000);
    expect(meter.share()).toBeCloseTo(1); // open for the whole next second
    meter.end();
  });

  it('falls back to idle on its own once the work stops', () => {
    const { meter, at } = meterWithClock();
    at(1000);
    meter.note(0);
    expect(meter.share()).toBe(1);
    at(5000);
    expect(meter.share()).toBe(0);
  });

  it('ignores an end without a begin', () => {
    const { meter, at } = meterWithClock();
    meter.end();
    at(1000);
    expect(meter.share()).toBe(0);
  });
});
