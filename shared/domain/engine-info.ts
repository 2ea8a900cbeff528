/** What a running engine tells about itself. */
export interface EngineInfo {
  version: string;
  uiUrl: string;
  otlpHttpUrl: string;
  otlpGrpcUrl: string;
  dataDir: string;
  databaseBytes: number;
  retention: { maxBytes: number; maxAgeDays: number };
  /** Plain-words notes from start-up, e.g. a default port that was taken. */
  notices: string[];
}
