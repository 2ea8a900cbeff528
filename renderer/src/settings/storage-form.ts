import { BYTES_PER_GB, RETENTION_BOUNDS, type RetentionCaps } from '../../../shared/domain/storage';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count for people: 1024-based, three significant figures at most (e.g. "12.4 MB"). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 || value >= 100 ? String(Math.round(value)) : value.toFixed(value >= 10 ? 1 : 2);
  return `${text.replace(/\.0+$|(\.\d*[1-9])0+$/, '$1')} ${UNITS[unit]!}`;
}

/** The size cap as the GB field shows it (up to two decimals, no trailing zeros). */
export function bytesToGbText(bytes: number): string {
  return String(Math.round((bytes / BYTES_PER_GB) * 100) / 100);
}

/** Reads the retention fields (GB and days); an error in words when they are out of bounds. */
export function parseRetentionForm(gbText: string, daysText: string): { caps: RetentionCaps } | { error: string } {
  const gb = Number(gbText.trim());
  const minGb = RETENTION_BOUNDS.minBytes / BYTES_PER_GB;
  const maxGb = RETENTION_BOUNDS.maxBytes / BYTES_PER_GB;
  if (gbText.trim() === '' || !Number.isFinite(gb) || gb < minGb || gb > maxGb) {
    return {
      error: `Size cap must be a number of GB from ${String(Math.ceil(minGb * 100) / 100)} to ${String(maxGb)}.`,
    };
  }
  const days = Number(daysText.trim());
  if (daysText.trim() === '' || !Number.isInteger(days) || days < 0 || days > RETENTION_BOUNDS.maxAgeDays) {
    return {
      error: `Age cap must be a whole number of days from 0 (keep forever) to ${String(RETENTION_BOUNDS.maxAgeDays)}.`,
    };
  }
  return { caps: { maxBytes: Math.round(gb * BYTES_PER_GB), maxAgeDays: days } };
}

/** The words the user types to confirm deleting everything. */
export const DELETE_ALL_CONFIRMATION = 'delete all';
