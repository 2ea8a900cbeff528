/**
 * Recognizes an import file by its first bytes, never by its name.
 *
 * - `gzip`: the gzip magic 1f 8b (the caller gunzips and detects again).
 * - `zstd`: the zstd magic 28 b5 2f fd (the Collector's `compression: zstd`): not supported on Node 20.
 * - JSON (after an optional UTF-8 BOM and whitespace, the first byte is `{` or `[`):
 *   - `json-lines` when the first JSON value ends before the first line break: one request per
 *     line, as the OpenTelemetry Collector's file exporter writes them (a compact single document
 *     is the one-line case of this);
 *   - `json-document` when a line break comes inside the first value (pretty-printed), or when it
 *     is an array (Jaeger traces): read whole, up to a cap.
 * - `protobuf-framed`: the Collector file exporter's `format: proto`: every message is preceded by
 *   its length as a 4-byte big-endian unsigned integer (exporter/fileexporter/file_writer.go,
 *   `exportMessageAsBuffer`). Recognized by a length that fits the file followed by the tag of
 *   field 1 (length-delimited), which every TracesData/LogsData message starts with.
 * - `protobuf`: one bare ExportTraceServiceRequest / ExportLogsServiceRequest (starts with that tag).
 */
export type FileFormat =
  | 'gzip'
  | 'zstd'
  | 'json-lines'
  | 'json-document'
  | 'protobuf-framed'
  | 'protobuf'
  | 'empty'
  | 'unknown';

/** How many bytes detection looks at (more only delays the decision for a huge first line). */
export const DETECT_BYTES = 1 << 20;

/** Field 1, wire type 2 (length-delimited): `resource_spans` / `resource_logs`. */
const FIELD_1_LEN = 0x0a;

export interface Detection {
  format: FileFormat;
  /** For `unknown`: what the content looked like, for the error message. */
  hint?: string;
}

/**
 * `head`: the first bytes (up to DETECT_BYTES); `totalBytes`: the content's length when known
 * (an uncompressed file), else undefined.
 */
export function detectFormat(head: Buffer, totalBytes?: number): Detection {
  if (head.length === 0) return { format: 'empty' };
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return { format: 'gzip' };
  if (head.length >= 4 && head.readUInt32BE(0) === 0x28b52ffd) return { format: 'zstd' };
  const json = detectJson(head);
  if (json) return { format: json };
  // A head shorter than DETECT_BYTES is the whole content.
  const size = totalBytes ?? (head.length < DETECT_BYTES ? head.length : undefined);
  if (isFramedProtobuf(head, size)) return { format: 'protobuf-framed' };
  if (isBareProtobuf(head, size)) return { format: 'protobuf' };
  if (isBlank(head)) return { format: 'empty' };
  return { format: 'unknown', hint: describeHead(head) };
}

const BOM = [0xef, 0xbb, 0xbf];

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Index of the first byte after an optional UTF-8 BOM and whitespace. */
export function skipBomAndSpace(buf: Buffer): number {
  let i = buf.length >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2] ? 3 : 0;
  while (i < buf.length && isSpace(buf[i]!)) i++;
  return i;
}

function isBlank(buf: Buffer): boolean {
  return skipBomAndSpace(buf) === buf.length;
}

/**
 * JSON starts with `{` then a key or `}`, or with `[` then `{` or `]` (a bare protobuf message can
 * start with the bytes of "\n{", so one byte is not enough).
 */
// eslint-disable-next-line no-control-regex -- JSON strings cannot hold raw control characters: that is the test.
const JSON_START = /^\s*(?:\{\s*(?:"(?:[^"\\\x00-\x1f]|\\.)*"\s*:|\})|\[\s*[{\]])/;

function detectJson(head: Buffer): 'json-lines' | 'json-document' | null {
  const start = skipBomAndSpace(head);
  if (!JSON_START.test(head.toString('latin1', start, Math.min(head.length, start + 512)))) return null;
  if (head[start] === 0x5b /* [ */) return 'json-document';
  // Walk the first value's structure (bytes: no multi-byte UTF-8 sequence contains these ASCII codes).
  let depth = 0;
  let inString = false;
  for (let i = start; i < head.length; i++) {
    const c = head[i]!;
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return 'json-lines';
    } else if (c === 0x0a) return 'json-document';
  }
  // The first value is longer than the head and still on its first line: compact JSON, one per line.
  return 'json-lines';
}

function isFramedProtobuf(head: Buffer, totalBytes: number | undefined): boolean {
  if (head.length < 5) return false;
  const length = head.readUInt32BE(0);
  if (length === 0 || head[4] !== FIELD_1_LEN) return false;
  if (totalBytes !== undefined && 4 + length > totalBytes) return false;
  // When the next frame's header is within the head, it must look like one too.
  const next = 4 + length;
  if (next + 5 <= head.length) return head[next + 4] === FIELD_1_LEN && head.readUInt32BE(next) > 0;
  return true;
}

function isBareProtobuf(head: Buffer, totalBytes: number | undefined): boolean {
  if (head[0] !== FIELD_1_LEN) return false;
  // The varint length of the first ResourceSpans must fit in the content.
  let length = 0;
  let shift = 0;
  let i = 1;
  for (; i < Math.min(head.length, 6); i++) {
    const b = head[i]!;
    length += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) break;
  }
  if (i >= Math.min(head.length, 6)) return false;
  return totalBytes === undefined || i + 1 + length <= totalBytes;
}

function describeHead(head: Buffer): string {
  const sample = head.subarray(skipBomAndSpace(head), skipBomAndSpace(head) + 24);
  const printable = sample.every((c) => (c >= 0x20 && c < 0x7f) || isSpace(c));
  return printable
    ? `text starting with ${JSON.stringify(sample.toString('latin1').replace(/\s+/g, ' ').trim())}`
    : `binary data starting with ${sample.subarray(0, 8).toString('hex').replace(/(..)/g, '$1 ').trim()}`;
}
