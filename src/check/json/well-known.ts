/**
 * Well-known types with their own proto3 JSON form: Duration and Timestamp strings, FieldMask
 * strings, wrappers as bare scalars, Struct/Value/ListValue as plain JSON, Any with `@type`.
 * Each reader returns the protobufjs message form.
 */
import type { ScalarKind } from '../api/schema.js';
import { child, describeValue, type PathNode } from '../problems.js';
import { walkAny } from './any.js';
import type { Normalized } from './index.js';
import { readScalar, wrongType } from './scalars.js';
import { durationInRange, formatDuration, readDuration, readTimestamp } from './time.js';
import { accept, isObject, nonCanonical, report, type Walker } from './walker.js';
import { WRAPPERS, type SpecialType } from './well-known-types.js';

type Reader = (w: Walker, value: unknown, at: PathNode) => unknown;

// A Record over SpecialType, so that a type named there without a reader fails to compile.
const SPECIAL_READERS: Readonly<Record<SpecialType, Reader>> = {
  'google.protobuf.Any': walkAny,
  'google.protobuf.Duration': (w, v, at) => (isObject(v) ? readDurationObject(w, v, at) : accept(w, readDuration(v), at, v)),
  'google.protobuf.Timestamp': (w, v, at) => accept(w, readTimestamp(v), at, v),
  'google.protobuf.FieldMask': readFieldMask,
  'google.protobuf.Struct': readStruct,
  'google.protobuf.Value': (w, v, at) => readValue(w, v, at),
  'google.protobuf.ListValue': readListValue,
};

const READERS: ReadonlyMap<string, Reader> = new Map<string, Reader>([
  ...Object.entries(SPECIAL_READERS),
  ...Object.entries(WRAPPERS).map(([name, kind]): [string, Reader] => [name, (w, v, at) => readWrapper(w, kind, v, at)]),
]);

export function readWellKnown(w: Walker, typeName: string, value: unknown, at: PathNode): unknown {
  const reader = READERS.get(typeName);
  // Callers check WELL_KNOWN_TYPES first.
  if (!reader) throw new Error(`${typeName} is not a well-known type`);
  return reader(w, value, at);
}

function readWrapper(w: Walker, kind: ScalarKind, value: unknown, at: PathNode): unknown {
  const inner = accept(w, readScalar(kind, value), at, value);
  return inner === undefined ? undefined : { value: inner };
}

/**
 * `{ seconds: 300, nanos: 5 }`: Envoy parses JSON with protobuf's legacy syntax, which reads a
 * Duration written as an object as the plain message (protobuf src/google/protobuf/json/internal/
 * parser.cc, ParseMessage; json.cc sets allow_legacy_syntax). Canonical proto3 JSON is the string.
 */
function readDurationObject(w: Walker, value: Record<string, unknown>, at: PathNode): unknown {
  let seconds = 0n;
  let nanos = 0;
  let ok = true;
  for (const key in value) {
    const field = value[key];
    if (field === null) continue; // null leaves a field unset
    if (key === 'seconds' || key === 'nanos') {
      // The object as a whole is reported as non-canonical once, so its fields' own spelling is not.
      const read = readScalar(key === 'seconds' ? 'int64' : 'int32', field);
      if (!read.ok) {
        report(w, read.name, child(at, key), read.message, field);
        ok = false;
      } else if (key === 'seconds') seconds = BigInt(String(read.value));
      else nanos = Number(read.value);
    } else {
      report(w, 'envoy-unknown-field', child(at, key), `unknown field ${JSON.stringify(key)}: a google.protobuf.Duration has only "seconds" and "nanos"`, field);
      ok = false;
    }
  }
  if (!ok) return undefined;
  const normalized = { seconds: String(seconds), nanos };
  const why = durationInRange(seconds, nanos);
  if (why !== undefined) {
    report(w, 'envoy-invalid-duration', at, `invalid google.protobuf.Duration ${describeValue(value)} (${why})`, value);
    return undefined;
  }
  nonCanonical(w, at, `a Duration is written as a string in proto3 JSON: "${formatDuration(normalized)}"`, value);
  return normalized;
}

function readStruct(w: Walker, value: unknown, at: PathNode): unknown {
  if (!isObject(value)) {
    report(w, 'envoy-wrong-type', at, `expected object (google.protobuf.Struct), got ${describeValue(value)}`, value);
    return undefined;
  }
  const fields: Normalized = {};
  for (const key in value) fields[key] = readValue(w, value[key], child(at, key));
  return { fields };
}

function readListValue(w: Walker, value: unknown, at: PathNode): unknown {
  if (!Array.isArray(value)) {
    report(w, 'envoy-wrong-type', at, `expected list (google.protobuf.ListValue), got ${describeValue(value)}`, value);
    return undefined;
  }
  return { values: value.map((item, i) => readValue(w, item, child(at, i))) };
}

/** Any JSON is a Value; numbers must be finite (proto3 JSON has no NaN or Infinity there). */
function readValue(w: Walker, value: unknown, at: PathNode): unknown {
  if (value === null || value === undefined) return { null_value: 'NULL_VALUE' };
  if (Array.isArray(value)) return { list_value: readListValue(w, value, at) };
  switch (typeof value) {
    case 'boolean':
      return { bool_value: value };
    case 'string':
      return { string_value: value };
    case 'number':
      if (!Number.isFinite(value)) report(w, 'envoy-invalid-number', at, `${value} cannot be a google.protobuf.Value`, value);
      return { number_value: value };
    case 'object':
      return { struct_value: readStruct(w, value, at) };
    default:
      report(w, 'envoy-wrong-type', at, `${describeValue(value)} is not JSON`);
      return undefined;
  }
}

const CAMEL_PATH = /^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*$/;
const SNAKE_PATH = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;

/** "fooBar,baz.qux" → `{ paths: ['foo_bar', 'baz.qux'] }`. */
function readFieldMask(w: Walker, value: unknown, at: PathNode): unknown {
  if (typeof value !== 'string') {
    const result = wrongType('string (google.protobuf.FieldMask)', value);
    report(w, result.name, at, result.message, value);
    return undefined;
  }
  const paths = value === '' ? [] : value.split(',');
  const out: string[] = [];
  for (const path of paths) {
    if (CAMEL_PATH.test(path)) {
      out.push(path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    } else if (SNAKE_PATH.test(path)) {
      nonCanonical(w, at, `FieldMask paths are written in lowerCamel case in proto3 JSON: "${path}"`, value);
      out.push(path);
    } else {
      report(w, 'envoy-invalid-field-mask', at, `${JSON.stringify(path)} is not a field path (in "${value}")`, value);
      return undefined;
    }
  }
  return { paths: out };
}
