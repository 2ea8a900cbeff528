/** The runs page's sorts by cost and by duration read an index instead of sorting every run. */
export const sql = `
DROP INDEX runs_by_cost;
CREATE INDEX runs_by_cost ON runs(cost_usd, start_ns, trace_id);
CREATE INDEX runs_by_duration ON runs((end_ns - start_ns), start_ns, trace_id);
`;
