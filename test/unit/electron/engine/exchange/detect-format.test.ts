import { gzipSync } from 'node:zlib';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { DETECT_BYTES, detectFormat } from '../../../../../electron/engine/exchange/detect-format';
import { makeGenAiSpans, serializeSpans } from '../../../../helpers/genai-spans';

const request = Buffer.from(serializeSpans(makeGenAiSpans(8, 1)));
const json = Buffer.from(JsonTraceSerializer.serializeRequest(makeGenAiSpans(8, 1))!);

function framed(...messages: Buffer[]): Buffer {
  return Buffer.concat(
    messages.flatMap((m) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(m.length);
      return [length, m];
    }),
  );
}

describe('detectFormat (by content, never by name)', () => {
  it('recognizes gzip and zstd by their magic numbers', () => {
    expect(detectFormat(gzipSync(json)).format).toBe('gzip');
    expect(detectFormat(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0])).format).toBe('zstd');
  });

  it('compact JSON whose first value ends on its first line is JSON Lines (a one-line document included)', () => {
    expect(detectFormat(Buffer.concat([json, Buffer.from('\n'), json, Buffer.from('\n')])).format).toBe('json-lines');
    expect(detectFormat(json).format).toBe('json-lines');
    // A UTF-8 BOM and leading blank lines are skipped.
    expect(detectFormat(Buffer.concat([Buffer.from('\ufeff\n\n'), json])).format).toBe('json-lines');
  });

  it('JSON with a line break inside its first value (pretty-printed) or an array is a document', () => {
    const pretty = Buffer.from(JSON.stringify(JSON.parse(json.toString()), null, 2));
    expect(detectFormat(pretty).format).toBe('json-document');
    expect(detectFormat(Buffer.from('[{"traceID":"1","spans":[],"processes":{}}]')).format).toBe('json-document');
    expect(detectFormat(Buffer.from('{\n  "data": []\n}\n')).format).toBe('json-document');
  });

  it('a first line longer than the detection window is still JSON Lines (compact)', () => {
    const long = Buffer.from(`{"resourceSpans":[],"pad":"${'x'.repeat(DETECT_BYTES)}"}\n`);
    expect(detectFormat(long.subarray(0, DETECT_BYTES), long.length).format).toBe('json-lines');
  });

  it('length-prefixed protobuf (Collector file exporter, format: proto) and a bare request', () => {
    const file = framed(request, request);
    expect(detectFormat(file, file.length).format).toBe('protobuf-framed');
    expect(detectFormat(request, request.length).format).toBe('protobuf');
    // A frame longer than the file is not a frame.
    const bad = framed(request).subarray(0, 40);
    expect(detectFormat(bad, bad.length).format).not.toBe('protobuf-framed');
  });

  it('a bare protobuf message starting with the bytes of "\\n{" is not taken for JSON', () => {
    const tricky = Buffer.from([0x0a, 0x7b, 0x0a, 0x22, 0x0a, 0x20, ...Buffer.alloc(0x7b - 4)]);
    expect(detectFormat(tricky, tricky.length).format).toBe('protobuf');
  });

  it('empty, blank and unknown content, with a hint of what it looked like', () => {
    expect(detectFormat(Buffer.alloc(0)).format).toBe('empty');
    expect(detectFormat(Buffer.from(' \n\t\n')).format).toBe('empty');
    expect(detectFormat(Buffer.from('trace_id,span_id,name\n1,2,x\n'))).toEqual({
      format: 'unknown',
      hint: 'text starting with "trace_id,span_id,name 1,"',
    });
    expect(detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])).hint).toBe(
      'binary data starting with 89 50 4e 47 0d 0a 1a 0a',
    );
  });
});
