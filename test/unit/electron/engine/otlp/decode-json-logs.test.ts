import { describe, expect, it } from 'vitest';
import { JsonDecodeError, decodeLogsJson } from '../../../../../electron/engine/otlp/decode-json';

function logsRequest(records: unknown[]): string {
  return JSON.stringify({
    resourceLogs: [{ resource: {}, scopeLogs: [{ scope: { name: 's' }, logRecords: records }] }],
  });
}

describe('decodeLogsJson severityNumber', () => {
  it('accepts enum names (proto3 JSON senders write them) with a warning, beside integers', () => {
    const decoded = decodeLogsJson(
      logsRequest([
        { timeUnixNano: '1', severityNumber: 'SEVERITY_NUMBER_INFO', body: { stringValue: 'named' } },
        { timeUnixNano: '2', severityNumber: 9, body: { stringValue: 'number' } },
        { timeUnixNano: '3', severity_number: 'SEVERITY_NUMBER_FATAL4', body: { stringValue: 'snake' } },
        { timeUnixNano: '4', body: { stringValue: 'none' } },
      ]),
    );
    expect(decoded.groups[0]!.items.map((l) => l.severityNumber)).toEqual([9, 9, 24, 0]);
    expect(decoded.warnings.join('\n')).toMatch(/SEVERITY_NUMBER_INFO/);
  });

  it('refuses a severity that is neither a known name nor a non-negative integer', () => {
    expect(() => decodeLogsJson(logsRequest([{ severityNumber: 'LOUD' }]))).toThrow(JsonDecodeError);
    expect(() => decodeLogsJson(logsRequest([{ severityNumber: -1 }]))).toThrow(JsonDecodeError);
  });
});
