/** Retention prunes runs oldest-received first. */
export const sql = `
CREATE INDEX runs_by_received ON runs(last_received_at_ms);
`;
