import type { ModelPrice } from '../../../shared/domain/price';
import { parsePriceImport } from '../../../shared/domain/price-import';

/** The user's prices as the JSON file Export writes and Import reads back (`{ "prices": [...] }`). */
export function exportPricesJson(user: readonly ModelPrice[], exportedAt: Date = new Date()): string {
  return `${JSON.stringify({ exportedBy: 'Loupe', exportedAt: exportedAt.toISOString(), prices: user }, null, 2)}\n`;
}

/**
 * Reads an import file: JSON, then the same validation the engine applies (so its messages are the
 * engine's, word for word). Any error means nothing is imported.
 */
export function readPriceImport(text: string): { prices: ModelPrice[]; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { prices: [], errors: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const parsed = parsePriceImport(json);
  if (parsed.errors.length === 0 && parsed.prices.length === 0) {
    return { prices: [], errors: ['the file lists no prices'] };
  }
  return parsed;
}

/** "Re-costed 12 model calls in 3 runs." after prices changed. */
export function recostSummary(recosted: { steps: number; runs: number }): string {
  if (recosted.steps === 0) return 'No stored run changed cost.';
  const calls = `${String(recosted.steps)} model ${recosted.steps === 1 ? 'call' : 'calls'}`;
  const runs = `${String(recosted.runs)} ${recosted.runs === 1 ? 'run' : 'runs'}`;
  return `Re-costed ${calls} in ${runs}.`;
}
