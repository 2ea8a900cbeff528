import { create } from 'zustand';
import type { ExportRequest } from '../../../shared/api/exchange-routes';
import { formatCount } from '../../../shared/format/format-count';
import { toApiError } from '../api/api-client';
import type { ExchangeClient } from './exchange-client';

export type ExportStatus =
  | { kind: 'busy'; text: string }
  | { kind: 'done'; text: string }
  | { kind: 'error'; text: string };

interface ExportStatusState {
  status: ExportStatus | null;
  set: (status: ExportStatus | null) => void;
}

export const useExportStatusStore = create<ExportStatusState>()((set) => ({
  status: null,
  set: (status) => {
    set({ status });
  },
}));

/** Exports and downloads runs, telling how it went in the export status (shown by ExchangeDock). */
export async function downloadExport(exchange: ExchangeClient, request: ExportRequest, what: string): Promise<void> {
  const { set } = useExportStatusStore.getState();
  set({ kind: 'busy', text: `Exporting ${what}…` });
  try {
    const r = await exchange.download(request);
    const more = r.truncated ? ' (the newest that match: narrow the filter for the rest)' : '';
    set({ kind: 'done', text: `Saved ${r.fileName}: ${formatCount(r.runs)} ${r.runs === 1 ? 'run' : 'runs'}${more}.` });
  } catch (error) {
    set({ kind: 'error', text: `Export failed: ${toApiError(error).message}` });
  }
}
