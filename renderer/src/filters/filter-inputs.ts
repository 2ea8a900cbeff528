/**
 * Text typed into the filter bar's free-form fields, read and written back: durations ("2s",
 * "500 ms", "1.5m"; a bare number is milliseconds), dollar amounts ("$0.01", "0.01") and local
 * date-times (the value of an `<input type="datetime-local">`). Readers return null for anything
 * they cannot read, so the field can say so instead of guessing.
 */

const DURATION_UNITS_MS: Record<string, number> = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

export function parseDurationInput(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zµ]*)\s*$/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : DURATION_UNITS_MS[unit];
  if (factor === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * factor * 1000) / 1000;
}

/** The shortest exact way to write a duration back: 1500 → "1.5s", 120000 → "2m", 250 → "250ms". */
export function formatDurationInput(ms: number): string {
  if (ms >= 3_600_000 && ms % 360_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 6000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 10 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export function parseCostInput(text: string): number | null {
  const match = /^\s*\$?\s*(\d+(?:\.\d*)?|\.\d+)\s*$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

export function formatCostInput(usd: number): string {
  return `$${String(usd)}`;
}

/** Epoch ms as the value of a datetime-local input, in local time, to the minute: "2026-11-03T14:05". */
export function toLocalDateTimeInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (local time) as epoch ms; null when empty or invalid. */
export function fromLocalDateTimeInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}
