import type { Attributes, AttrValue } from '../../../shared/domain/attributes';
import { MAX_VALUE_DEPTH, doubleAttr, intAttr, setAttribute } from './model';
import { KeyCache, ProtobufDecodeError, type ProtobufReader, WIRE_LEN } from './protobuf-reader';

/** Attribute keys recur on every span: decoded once per thread (see KeyCache). */
const keys = new KeyCache();

/** KeyValue: 1 key, 2 value. */
export function readKeyValue(r: ProtobufReader, into: Attributes, depth = 0): void {
  let key = '';
  let value: AttrValue = null;
  while (!r.done) {
    const t = r.tag();
    if (t === ((1 << 3) | WIRE_LEN)) key = r.key(keys);
    else if (t === ((2 << 3) | WIRE_LEN)) value = readAnyValue(r.sub(), depth);
    else r.skip(t & 7);
  }
  setAttribute(into, key, value);
}

/**
 * AnyValue: 1 string, 2 bool, 3 int, 4 double, 5 array (ArrayValue: 1 values),
 * 6 kvlist (KeyValueList: 1 values), 7 bytes.
 */
export function readAnyValue(r: ProtobufReader, depth = 0): AttrValue {
  if (depth > MAX_VALUE_DEPTH)
    throw new ProtobufDecodeError(`attribute values nested deeper than ${MAX_VALUE_DEPTH} levels`);
  let value: AttrValue = null;
  while (!r.done) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | WIRE_LEN:
        value = r.string();
        break;
      case 2 << 3:
        value = r.bool();
        break;
      case 3 << 3:
        value = intAttr(r.int64());
        break;
      case (4 << 3) | 1:
        value = doubleAttr(r.double());
        break;
      case (5 << 3) | WIRE_LEN: {
        const arr: AttrValue[] = [];
        const ar = r.sub();
        while (!ar.done) {
          const at = ar.tag();
          if (at === ((1 << 3) | WIRE_LEN)) arr.push(readAnyValue(ar.sub(), depth + 1));
          else ar.skip(at & 7);
        }
        value = arr;
        break;
      }
      case (6 << 3) | WIRE_LEN: {
        const kv: Attributes = {};
        const kr = r.sub();
        while (!kr.done) {
          const kt = kr.tag();
          if (kt === ((1 << 3) | WIRE_LEN)) readKeyValue(kr.sub(), kv, depth + 1);
          else kr.skip(kt & 7);
        }
        value = { $kv: kv };
        break;
      }
      case (7 << 3) | WIRE_LEN:
        value = { $bytes: r.bytesBase64() };
        break;
      default:
        r.skip(t & 7);
    }
  }
  return value;
}
