import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { makeGenAiSpans, serializeSpans } from '../helpers/genai-spans';

/** Resident set size of a process in bytes (Linux /proc; 0 where unavailable). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system, all threads) a process has used so far (Linux /proc; 0 elsewhere). */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100 Hz)
  } catch {
    return 0;
  }
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** Where a span's start (field 7) or end (field 8) time sits in a serialized template, and its value. */
interface TimeField {
  at: number;
  ns: bigint;
}

/** Byte offsets of every occurrence of `needle` in `view`. */
function offsetsOf(view: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = view.indexOf(needle); at !== -1; at = view.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** A fixed64 protobuf field (tag byte, then 8 little-endian bytes). */
function fixed64Field(tag: number, ns: bigint): Buffer {
  const b = Buffer.alloc(9);
  b[0] = tag;
  b.writeBigUInt64LE(ns, 1);
  return b;
}

const START_TIME_TAG = (7 << 3) | 1;
const END_TIME_TAG = (8 << 3) | 1;

/**
 * Serialized OTLP protobuf batches whose trace ids and times can be rewritten cheaply: each send
 * gets fresh trace ids (so every span is new to the store) and times of about now (as an agent's
 * export has: runs arrive in time order, not replaying the same instants), without re-serializing
 * 512 spans.
 */
export class BatchFactory {
  private readonly templates: Array<{
    bytes: Uint8Array<ArrayBuffer>;
    offsets: number[][];
    times: TimeField[];
    firstNs: bigint;
  }> = [];
  private counter = 0;

  constructor(
    readonly spansPerBatch: number,
    templateCount = 4,
  ) {
    for (let t = 0; t < templateCount; t++) {
      const spans = makeGenAiSpans(spansPerBatch, 900_000 + t);
      const bytes = serializeSpans(spans);
      const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const traceIds = [...new Set(spans.map((s) => s.spanContext().traceId))];
      const offsets = traceIds.map((id) => offsetsOf(view, Buffer.from(id, 'hex')));
      const nsOf = ([s, n]: [number, number]) => BigInt(s) * 1_000_000_000n + BigInt(n);
      const fields = new Map<string, TimeField[]>();
      for (const s of spans) {
        for (const [tag, ns] of [
          [START_TIME_TAG, nsOf(s.startTime)],
          [END_TIME_TAG, nsOf(s.endTime)],
        ] as const) {
          const needle = fixed64Field(tag, ns);
          const key = needle.toString('hex');
          if (!fields.has(key))
            fields.set(
              key,
              offsetsOf(view, needle).map((at) => ({ at: at + 1, ns })),
            );
        }
      }
      const times = [...fields.values()].flat();
      if (times.length !== spans.length * 2) throw new Error('BatchFactory: span times not found in the template');
      const firstNs = times.reduce((min, f) => (f.ns < min ? f.ns : min), times[0]!.ns);
      this.templates.push({ bytes, offsets, times, firstNs });
    }
  }

  get bytesPerBatch(): number {
    return this.templates[0]!.bytes.length;
  }

  /** A new batch: a template copy with every trace id replaced by a never-used one, its runs starting ~10 s ago. */
  next(): { body: Uint8Array<ArrayBuffer>; traceIds: string[] } {
    const tpl = this.templates[this.counter % this.templates.length]!;
    const body = tpl.bytes.slice();
    const traceIds: string[] = [];
    for (const offsets of tpl.offsets) {
      this.counter++;
      const id = Buffer.alloc(16);
      id.writeUInt32BE(0xbe4c0000 + (process.pid & 0xffff), 0);
      id.writeBigUInt64BE(BigInt(this.counter), 8);
      traceIds.push(id.toString('hex'));
      for (const at of offsets) body.set(id, at);
    }
    const view = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const shift = BigInt(Date.now() - 10_000) * 1_000_000n - tpl.firstNs;
    for (const f of tpl.times) view.writeBigUInt64LE(f.ns + shift, f.at);
    return { body, traceIds };
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

/**
 * POSTs an OTLP protobuf body with node:http and a keep-alive agent, as the OpenTelemetry JS
 * exporters do (lighter on the sender's CPU than fetch, so the engine gets the machine).
 */
export function postOtlp(url: string, body: Uint8Array): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/traces`,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.byteLength },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
