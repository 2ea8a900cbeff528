import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterAll, describe, expect, it } from 'vitest';
import { type ImportRecord, openImportFile } from '../../../../../electron/engine/exchange/read-import-file';
import { makeGenAiSpans, serializeSpans } from '../../../../helpers/genai-spans';
import { makeTempDir } from '../../../../helpers/temp-dir';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

function file(name: string, content: Buffer | string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, content);
  return path;
}

const line = (seed: number): string =>
  Buffer.from(JsonTraceSerializer.serializeRequest(makeGenAiSpans(8, seed))!).toString();
const proto = (seed: number): Buffer => Buffer.from(serializeSpans(makeGenAiSpans(8, seed)));

function framed(...messages: Buffer[]): Buffer {
  return Buffer.concat(
    messages.flatMap((m) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(m.length);
      return [length, m];
    }),
  );
}

/** The records of a file, as [position, what]. */
async function read(path: string): Promise<{ format: string; gzip: boolean; records: unknown[] }> {
  const opened = await openImportFile(path);
  const records: unknown[] = [];
  try {
    for await (const r of opened.records) records.push(summarize(r));
  } finally {
    opened.close();
  }
  return { format: opened.format, gzip: opened.gzip, records };
}

function summarize(r: ImportRecord): unknown {
  const at = 'line' in r.at ? `line ${r.at.line}` : `offset ${r.at.offset}`;
  return r.kind === 'problem' ? [at, r.message] : [at, r.encoding, r.signal, r.bytes.length];
}

describe('reading import files (real files, format by content)', () => {
  it('OTLP JSON Lines: one record per line, blank lines skipped, positions are line numbers', async () => {
    const path = file('collector-export.txt', `${line(1)}\n\n${line(2)}\r\n`);
    const { format, records } = await read(path);
    expect(format).toBe('otlp-json-lines');
    expect(records).toEqual([
      ['line 1', 'json', 'traces', line(1).length],
      ['line 3', 'json', 'traces', line(2).length],
    ]);
  });

  it('a pretty-printed OTLP JSON document is one record', async () => {
    const path = file('doc.json', JSON.stringify(JSON.parse(line(1)), null, 2));
    const { format, records } = await read(path);
    expect(format).toBe('otlp-json');
    expect(records).toEqual([['line 1', 'json', 'traces', expect.any(Number)]]);
  });

  it('length-prefixed protobuf (Collector format: proto): positions are byte offsets', async () => {
    const a = proto(1);
    const b = proto(2);
    const { format, records } = await read(file('traces.bin', framed(a, b)));
    expect(format).toBe('otlp-protobuf-framed');
    expect(records).toEqual([
      ['offset 0', 'protobuf', 'traces', a.length],
      [`offset ${4 + a.length}`, 'protobuf', 'traces', b.length],
    ]);
  });

  it('a truncated last frame is reported at its offset; the frames before it are read', async () => {
    const a = proto(1);
    const whole = framed(a, proto(2));
    const { records } = await read(file('truncated.bin', whole.subarray(0, whole.length - 7)));
    expect(records).toEqual([
      ['offset 0', 'protobuf', 'traces', a.length],
      [`offset ${4 + a.length}`, expect.stringMatching(/^truncated message: its length prefix says \d+ bytes/)],
    ]);
  });

  it('a bare ExportTraceServiceRequest (.pb)', async () => {
    const { format, records } = await read(file('one.pb', proto(3)));
    expect(format).toBe('otlp-protobuf');
    expect(records).toEqual([['offset 0', 'protobuf', 'traces', proto(3).length]]);
  });

  it('gzip (and gzip inside gzip) is unwrapped, then recognized again', async () => {
    const gz = await read(file('a.jsonl.gz', gzipSync(`${line(1)}\n`)));
    expect(gz).toMatchObject({
      format: 'otlp-json-lines',
      gzip: true,
      records: [['line 1', 'json', 'traces', line(1).length]],
    });
    const twice = await read(file('b.bin.gz.gz', gzipSync(gzipSync(framed(proto(1))))));
    expect(twice).toMatchObject({ format: 'otlp-protobuf-framed', gzip: true });
  });

  it('files that cannot be read are clear errors, never crashes', async () => {
    const content = gzipSync(`${line(1)}\n${line(2)}\n`);
    const cases: Array<[string, RegExp]> = [
      [join(tmp.dir, 'missing.json'), /^no such file$/],
      [tmp.dir, /^is a directory, not a file$/],
      [file('empty.json', ''), /^the file is empty/],
      [file('data.csv', 'trace_id,span_id\n1,2\n'), /^unknown format: text starting with "trace_id,span_id 1,2"/],
      [file('zstd.bin', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3])), /zstd-compressed data .* not supported/],
      [file('cut.gz', content.subarray(0, content.length - 20)), /^corrupt or truncated gzip data/],
    ];
    for (const [path, message] of cases) {
      await expect(read(path), path).rejects.toThrow(message);
    }
  });

  // Root reads anything: there the case cannot be produced.
  it.skipIf(process.getuid?.() === 0)('a file without read permission is a clear error', async () => {
    const dir = join(tmp.dir, 'locked');
    mkdirSync(dir);
    const path = file('locked/secret.json', line(1));
    chmodSync(path, 0o000);
    await expect(read(path)).rejects.toThrow(/^permission denied$/);
  });
});
