import { describe, expect, it } from 'vitest';
import { parseHeaderLines } from '../../../../../renderer/src/settings/forwarding-form';

describe('parseHeaderLines', () => {
  it('reads Name=value and Name: value lines, skipping blank ones; values keep their = and spaces', () => {
    expect(parseHeaderLines('authorization=Bearer abc=\n\n  x-team: agents \n')).toEqual({
      headers: { authorization: 'Bearer abc=', 'x-team': 'agents' },
      errors: [],
    });
  });

  it('names the line of anything that is not a header', () => {
    const r = parseHeaderLines('just text\nx-empty=\nbad name=1\nX-A=1\nx-a=2');
    expect(r.headers).toEqual({ 'X-A': '1' });
    expect(r.errors).toEqual([
      'line 1: write a header as Name=value',
      'line 2: x-empty has no value',
      'line 3: write a header as Name=value',
      'line 5: x-a is given twice',
    ]);
  });
});
