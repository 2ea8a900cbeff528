import { describe, expect, it } from 'vitest';
import { isEmptyValue, prettyJson } from '../../../../../renderer/src/common/pretty-json';

describe('prettyJson', () => {
  it('indents objects and arrays', () => {
    expect(prettyJson({ order_id: 'A-1', items: [1, 2] })).toBe(
      '{\n  "order_id": "A-1",\n  "items": [\n    1,\n    2\n  ]\n}',
    );
  });

  it('parses and indents JSON held in a string (tool arguments often arrive as text)', () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('  [1]')).toBe('[\n  1\n]');
  });

  it('keeps other strings exactly, including text that only looks like JSON', () => {
    expect(prettyJson('hello')).toBe('hello');
    expect(prettyJson('{not json')).toBe('{not json');
    expect(prettyJson('42')).toBe('42');
  });

  it('shows scalars, null and big integers', () => {
    expect(prettyJson(3)).toBe('3');
    expect(prettyJson(null)).toBe('null');
    expect(prettyJson(true)).toBe('true');
    expect(prettyJson({ n: 2n ** 64n })).toBe('{\n  "n": "18446744073709551616"\n}');
    expect(prettyJson(undefined)).toBe('');
  });

  it('never throws on values with no JSON form', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(prettyJson(cyclic)).toBe('[a value with no JSON form]');
    expect(prettyJson(() => 1)).toBe('[function]');
  });
});

describe('isEmptyValue', () => {
  it('treats missing, blank and empty containers as empty, and everything else as content', () => {
    for (const v of [undefined, null, '', '  ', [], {}]) expect(isEmptyValue(v), JSON.stringify(v)).toBe(true);
    for (const v of [0, false, 'x', [0], { a: null }]) expect(isEmptyValue(v), JSON.stringify(v)).toBe(false);
  });
});
