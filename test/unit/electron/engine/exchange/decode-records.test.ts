import { SeverityNumber } from '@opentelemetry/api-logs';
import { JsonLogsSerializer, JsonTraceSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import {
  RecordError,
  decodeJsonValue,
  jsonSignal,
  topLevelKeys,
} from '../../../../../electron/engine/exchange/decode-json-value';
import { decodeProtobufMessage, protobufSignal } from '../../../../../electron/engine/exchange/decode-protobuf-message';
import { makeGenAiSpans, serializeSpans } from '../../../../helpers/genai-spans';

/** Log records as the OTel JS SDK produces them. */
async function sdkLogRecords() {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'svc' }),
    processors: [new SimpleLogRecordProcessor(exporter)],
  });
  provider.getLogger('genai-events').emit({
    eventName: 'gen_ai.user.message',
    body: { content: 'hi' },
    severityNumber: SeverityNumber.INFO,
  });
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}

const spans = makeGenAiSpans(8, 3);
const tracesJson = Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString();

// A metric as OTLP JSON; and as protobuf: MetricsData{ResourceMetrics{ScopeMetrics{Metric{name "m", sum {}}}}}.
const metricsJson = '{"resourceMetrics":[{"resource":{},"scopeMetrics":[{"metrics":[{"name":"m","sum":{}}]}]}]}';
const metric = Buffer.from([0x0a, 0x01, 0x6d, 0x3a, 0x00]);
const scopeMetrics = Buffer.concat([Buffer.from([0x12, metric.length]), metric]);
const resourceMetrics = Buffer.concat([Buffer.from([0x12, scopeMetrics.length]), scopeMetrics]);
const metricsProto = Buffer.concat([Buffer.from([0x0a, resourceMetrics.length]), resourceMetrics]);

function all(text: string) {
  return [...decodeJsonValue(text)];
}

describe('JSON records', () => {
  it('an OTLP JSON ExportTraceServiceRequest (OTel JS serializer) decodes to its spans', () => {
    const [c] = all(tracesJson);
    expect(c!.traces!.groups.flatMap((g) => g.items)).toHaveLength(8);
    expect(c!.logs).toBeUndefined();
    expect(jsonSignal(Buffer.from(tracesJson))).toBe('traces');
  });

  it('logs, and a document carrying both resourceSpans and resourceLogs', async () => {
    const logsJson = Buffer.from(JsonLogsSerializer.serializeRequest(await sdkLogRecords())!).toString();
    expect(jsonSignal(Buffer.from(logsJson))).toBe('logs');
    expect(all(logsJson)[0]!.logs!.groups[0]!.items[0]).toMatchObject({ eventName: 'gen_ai.user.message' });
    const both = `${tracesJson.slice(0, -1)},${logsJson.slice(1)}`;
    expect(topLevelKeys(both)).toEqual(new Set(['resourceSpans', 'resourceLogs']));
    expect(jsonSignal(Buffer.from(both))).toBeNull();
    const [c] = all(both);
    expect(c!.traces!.groups).toHaveLength(1);
    expect(c!.logs!.groups).toHaveLength(1);
  });

  it('a resourceLogs key inside a string value does not make a trace request two signals', () => {
    const sneaky = tracesJson.replace('"invoke_agent support"', '"{\\"resourceLogs\\":[]}"');
    expect(topLevelKeys(sneaky)).toEqual(new Set(['resourceSpans']));
    expect(all(sneaky)[0]!.logs).toBeUndefined();
  });

  it('metrics are recognized (and not stored); {} is an empty request', () => {
    expect(all(metricsJson)).toEqual([{ metrics: true }]);
    expect(jsonSignal(Buffer.from(metricsJson))).toBeNull();
    expect(all('{}')).toEqual([]);
  });

  it('Jaeger JSON yields one record per trace', () => {
    const trace = (id: string) => ({
      traceID: id,
      spans: [{ traceID: id, spanID: '1', operationName: 'x', startTime: 1, duration: 1, processID: 'p1' }],
      processes: { p1: { serviceName: 's' } },
    });
    expect(all(JSON.stringify({ data: [trace('a'), trace('b')] }))).toHaveLength(2);
  });

  it('a bad trace in a Jaeger file is a problem of its own; the other traces are still read', () => {
    const good = {
      traceID: 'a',
      spans: [{ traceID: 'a', spanID: '1', operationName: 'x', startTime: 1, duration: 1, processID: 'p1' }],
      processes: {},
    };
    const bad = { traceID: 'b', spans: [{ spanID: '2', startTime: -5 }], processes: {} };
    const out = all(JSON.stringify({ data: [bad, good] }));
    expect(out[0]).toEqual({
      problem: 'Jaeger trace 1 (b): spans[0].startTime must be a non-negative integer (microseconds)',
    });
    expect(out[1]!.traces!.groups[0]!.items[0]!.traceId).toBe('0'.repeat(31) + 'a');
  });

  it('anything else is a RecordError saying what it was', () => {
    expect(() => all('{"resourceSpans": [oops')).toThrow(RecordError);
    expect(() => all('{"hello":"world"}')).toThrow(/not OTLP JSON or Jaeger JSON \(an object with keys "hello"\)/);
    expect(() => all('[1,2]')).toThrow(/an array/);
    expect(() => all('{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":"SPAN_KIND_NOPE"}]}]}]}')).toThrow(
      /kind must be an integer enum value/,
    );
  });
});

describe('protobuf records', () => {
  it('tells traces, logs and metrics apart by their first item', async () => {
    const traces = Buffer.from(serializeSpans(spans));
    const logs = Buffer.from(ProtobufLogsSerializer.serializeRequest(await sdkLogRecords())!);
    expect(protobufSignal(traces)).toBe('traces');
    expect(protobufSignal(logs)).toBe('logs');
    expect(protobufSignal(metricsProto)).toBe('metrics');
    expect(protobufSignal(Buffer.alloc(0))).toBe('empty');
    expect(decodeProtobufMessage(traces).traces!.groups[0]!.items).toHaveLength(8);
    expect(decodeProtobufMessage(logs).logs!.groups[0]!.items).toHaveLength(1);
    expect(decodeProtobufMessage(metricsProto)).toEqual({ metrics: true });
  });

  it('a truncated message is a RecordError', () => {
    const traces = Buffer.from(serializeSpans(spans));
    expect(() => decodeProtobufMessage(traces.subarray(0, traces.length - 10))).toThrow(RecordError);
  });
});
