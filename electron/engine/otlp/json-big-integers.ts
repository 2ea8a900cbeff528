/**
 * JSON.parse loses precision on integers above 2^53 written as bare numbers (int64 values, nanosecond
 * timestamps). Quote such literals first — only outside strings — so they decode exactly.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return JSON.parse(quoteBigIntegers(text));
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * One linear pass over the JSON text: skips string literals, reads each bare number token whole,
 * and quotes it when it is an integer of 16 or more digits (fractions and exponents are left
 * alone). No regular expression, so huge strings cannot exhaust the stack.
 */
function quoteBigIntegers(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i += 2;
        else if (d === QUOTE) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === MINUS || isDigit(c)) {
      const start = i;
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      const intEnd = i;
      while (i < n && /[0-9.eE+-]/.test(text[i]!)) i++;
      const digits = intEnd - start - (c === MINUS ? 1 : 0);
      if (i === intEnd && digits >= 16) {
        parts.push(text.slice(copiedUpTo, start), '"', text.slice(start, intEnd), '"');
        copiedUpTo = intEnd;
      }
      continue;
    }
    i++;
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}
