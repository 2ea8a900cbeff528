import { describe, expect, it } from 'vitest';
import { anchoredScrollTop } from '../../../../../renderer/src/runs/scroll-anchor';

const ROW = 30;
const key = (s: string) => s;
const letters = (s: string) => s.split('');

describe('anchoredScrollTop', () => {
  it('stays at the top so new rows come into view', () => {
    expect(anchoredScrollTop(letters('abc'), letters('xyabc'), 0, ROW, key)).toBeNull();
  });

  it('treats a negative scrollTop (overscroll) like the top', () => {
    expect(anchoredScrollTop(letters('abc'), letters('xyabc'), -12, ROW, key)).toBeNull();
  });

  it('keeps the top row in place when rows are inserted above it', () => {
    // Row "c" (index 2) is at the top; two rows arrive above it, so it moves to index 4.
    expect(anchoredScrollTop(letters('abcdef'), letters('xyabcdef'), 2 * ROW, ROW, key)).toBe(4 * ROW);
  });

  it('keeps the partial-row offset within the anchor row', () => {
    expect(anchoredScrollTop(letters('abcdef'), letters('xyabcdef'), 2 * ROW + 7, ROW, key)).toBe(4 * ROW + 7);
    expect(anchoredScrollTop(letters('abcdef'), letters('xyabcdef'), 0.5, ROW, key)).toBe(2 * ROW + 0.5);
  });

  it('scrolls up when rows above the anchor were removed', () => {
    expect(anchoredScrollTop(letters('abcdef'), letters('bdef'), 3 * ROW + 5, ROW, key)).toBe(1 * ROW + 5);
  });

  it('returns null when the anchor row did not move', () => {
    expect(anchoredScrollTop(letters('abcdef'), letters('abcdefxyz'), 2 * ROW + 3, ROW, key)).toBeNull();
    expect(anchoredScrollTop(letters('abcdef'), letters('xbcdef'), 2 * ROW, ROW, key)).toBeNull();
  });

  it('returns null when the anchor row is gone from the new list', () => {
    expect(anchoredScrollTop(letters('abcdef'), letters('xyabdef'), 2 * ROW, ROW, key)).toBeNull();
  });

  it('returns null when scrolled past the end of the previous list', () => {
    expect(anchoredScrollTop(letters('abc'), letters('xabc'), 3 * ROW, ROW, key)).toBeNull();
    expect(anchoredScrollTop([], letters('xabc'), 10, ROW, key)).toBeNull();
  });

  it('returns null for a non-positive row height', () => {
    expect(anchoredScrollTop(letters('abc'), letters('xabc'), 45, 0, key)).toBeNull();
    expect(anchoredScrollTop(letters('abc'), letters('xabc'), 45, -30, key)).toBeNull();
  });

  it('matches rows by key, not by identity', () => {
    const prev = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const next = [{ id: 'new' }, { id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(anchoredScrollTop(prev, next, ROW, ROW, (r) => r.id)).toBe(2 * ROW);
  });

  it('anchors on the first row with the same key when keys repeat', () => {
    expect(anchoredScrollTop(letters('abc'), letters('xxbxb'), ROW, ROW, key)).toBe(2 * ROW);
  });
});
