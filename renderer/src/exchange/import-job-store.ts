import { create } from 'zustand';
import {
  type ImportJobEvent,
  type ImportJobs,
  applyImportJobEvent,
  importOverview,
  runImportJob,
} from '../../../shared/domain/import-job';
import type { ExchangeClient } from './exchange-client';

interface ImportJobState {
  /** Imports on screen: the renderer's own uploads and the desktop shell's File → Import…. */
  jobs: ImportJobs;
  apply: (event: ImportJobEvent) => void;
  /** Closes the summary (only once nothing is running). */
  dismiss: () => void;
}

export const useImportJobStore = create<ImportJobState>()((set) => ({
  jobs: [],
  apply: (event) => {
    set((state) => ({ jobs: applyImportJobEvent(state.jobs, event) }));
  },
  dismiss: () => {
    set((state) => (importOverview(state.jobs).running ? state : { jobs: [] }));
  },
}));

let jobCount = 0;
/** Jobs run one after the other: files dropped while an import runs wait their turn. */
let queue: Promise<void> = Promise.resolve();

/** Imports dropped or picked files, one after the other, into the engine; progress goes to the store. */
export function importFiles(exchange: ExchangeClient, files: readonly File[]): Promise<void> {
  if (files.length === 0) return queue;
  const { apply } = useImportJobStore.getState();
  const jobId = `ui-${String(Date.now())}-${String(++jobCount)}`;
  // Listed at once (waiting), so the panel shows everything that is queued.
  apply({ type: 'start', jobId, files: files.map((f) => ({ name: f.name, size: f.size })) });
  queue = queue.then(() => runImportJob(jobId, files, (file, onProgress) => exchange.upload(file, onProgress), apply));
  return queue;
}
