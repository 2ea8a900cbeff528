/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Headers typed one per line as `Name=value` (or `Name: value`), e.g. `authorization=Bearer abc`.
 * Blank lines are skipped; a line that is not a header is an error naming its line.
 */
export function parseHeaderLines(text: string): { headers: Record<string, string>; errors: string[] } {
  const headers: Record<string, string> = {};
  const errors: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    const name = m?.[1] ?? '';
    const value = m?.[2]?.trim() ?? '';
    if (!m || !HEADER_NAME.test(name)) {
      errors.push(`line ${String(i + 1)}: write a header as Name=value`);
    } else if (value === '') {
      errors.push(`line ${String(i + 1)}: ${name} has no value`);
    } else if (Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase())) {
      errors.push(`line ${String(i + 1)}: ${name} is given twice`);
    } else {
      headers[name] = value;
    }
  }
  return { headers, errors };
}

/** How a saved header's value is shown: the engine never sends values back (they are API keys). */
export const MASKED_VALUE = '••••••••';
