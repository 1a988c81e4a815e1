/**
 * proto3 JSON scalars, read the way Envoy's parser reads them. Each reader returns the value in
 * the form protobufjs' `fromObject` takes (64-bit integers as decimal strings, bytes as padded
 * standard base64) or why the JSON value cannot be one. `nonCanonical` says why an accepted value
 * is not canonical proto3 JSON, which only strict mode reports.
 */
import type { ScalarKind } from '../api/schema.js';
import type { CheckName } from '../problems.js';
import { describeValue } from '../problems.js';

export type ScalarResult =
  | { readonly ok: true; readonly value: unknown; readonly nonCanonical?: string }
  | { readonly ok: false; readonly name: CheckName; readonly message: string };

interface IntegerRange {
  readonly min: bigint;
  readonly max: bigint;
  readonly wide: boolean;
}

const INT32: IntegerRange = { min: -(2n ** 31n), max: 2n ** 31n - 1n, wide: false };
const UINT32: IntegerRange = { min: 0n, max: 2n ** 32n - 1n, wide: false };
const INT64: IntegerRange = { min: -(2n ** 63n), max: 2n ** 63n - 1n, wide: true };
const UINT64: IntegerRange = { min: 0n, max: 2n ** 64n - 1n, wide: true };

const INTEGER_RANGES: Partial<Record<ScalarKind, IntegerRange>> = {
  int32: INT32,
  sint32: INT32,
  sfixed32: INT32,
  uint32: UINT32,
  fixed32: UINT32,
  int64: INT64,
  sint64: INT64,
  sfixed64: INT64,
  uint64: UINT64,
  fixed64: UINT64,
};

export function isWideInteger(kind: ScalarKind): boolean {
  return INTEGER_RANGES[kind]?.wide === true;
}

export function isIntegerKind(kind: ScalarKind): boolean {
  return INTEGER_RANGES[kind] !== undefined;
}

export function readScalar(kind: ScalarKind, value: unknown): ScalarResult {
  const range = INTEGER_RANGES[kind];
  if (range) return readInteger(kind, range, value);
  switch (kind) {
    case 'double':
    case 'float':
      return readFloat(kind, value);
    case 'bool':
      return typeof value === 'boolean' ? { ok: true, value } : wrongType('boolean', value);
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : wrongType('string', value);
    case 'bytes':
      return readBytes(value);
    default:
      return wrongType(kind, value);
  }
}

export function wrongType(expected: string, value: unknown): ScalarResult & { ok: false } {
  return { ok: false, name: 'envoy-wrong-type', message: `expected ${expected}, got ${describeValue(value)}` };
}

const DECIMAL_INTEGER = /^-?\d+$/;
// proto3 JSON also accepts integers written with a fraction or exponent when the value is whole.
const DECIMAL_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function readInteger(kind: ScalarKind, range: IntegerRange, value: unknown): ScalarResult {
  let integer: bigint;
  let nonCanonical: string | undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) return invalidNumber(kind, value, 'not an integer');
    integer = BigInt(value);
    if (range.wide) nonCanonical = `64-bit integers are written as strings in proto3 JSON: "${value}"`;
  } else if (typeof value === 'string') {
    const parsed = parseIntegerString(value);
    if (parsed === undefined) return wrongType(`number (${kind})`, value);
    integer = parsed;
    if (!range.wide) nonCanonical = `32-bit integers are written as numbers in proto3 JSON: ${value}`;
    else if (!DECIMAL_INTEGER.test(value) || String(parsed) !== value) nonCanonical = `write the integer as "${parsed}"`;
  } else {
    return wrongType(`number (${kind})`, value);
  }
  if (integer < range.min || integer > range.max) {
    return invalidNumber(kind, value, `out of range ${range.min}..${range.max}`);
  }
  const normalized = range.wide ? String(integer) : Number(integer);
  return nonCanonical ? { ok: true, value: normalized, nonCanonical } : { ok: true, value: normalized };
}

function parseIntegerString(text: string): bigint | undefined {
  if (DECIMAL_INTEGER.test(text)) return BigInt(text);
  if (!DECIMAL_NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? BigInt(n) : undefined;
}

function invalidNumber(kind: ScalarKind, value: unknown, why: string): ScalarResult {
  return { ok: false, name: 'envoy-invalid-number', message: `${describeValue(value)} is not a valid ${kind}: ${why}` };
}

const FLOAT_MAX = 3.4028234663852886e38;
const SPECIAL_FLOATS: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function readFloat(kind: 'double' | 'float', value: unknown): ScalarResult {
  if (typeof value === 'number') return checkFloatRange(kind, value, value);
  if (typeof value === 'string') {
    const special = SPECIAL_FLOATS[value];
    if (special !== undefined) return { ok: true, value: special };
    if (!DECIMAL_NUMBER.test(value)) return wrongType(`number (${kind})`, value);
    const result = checkFloatRange(kind, Number(value), value);
    return result.ok ? { ...result, nonCanonical: `numbers are written as numbers in proto3 JSON: ${value}` } : result;
  }
  return wrongType(`number (${kind})`, value);
}

function checkFloatRange(kind: 'double' | 'float', n: number, original: unknown): ScalarResult {
  if (!Number.isFinite(n)) return invalidNumber(kind, original, 'out of range');
  if (kind === 'float' && Math.abs(n) > FLOAT_MAX) return invalidNumber(kind, original, 'out of range for a 32-bit float');
  return { ok: true, value: n };
}

const BASE64 = /^(?:[A-Za-z0-9+/]|[A-Za-z0-9\-_])*={0,2}$/;
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function readBytes(value: unknown): ScalarResult {
  if (typeof value !== 'string') return wrongType('base64 string (bytes)', value);
  const mixesAlphabets = /[+/]/.test(value) && /[-_]/.test(value);
  if (!BASE64.test(value) || mixesAlphabets || value.replace(/=+$/, '').length % 4 === 1) {
    return { ok: false, name: 'envoy-invalid-bytes', message: `${describeValue(value)} is not valid base64` };
  }
  const normalized = Buffer.from(value, 'base64').toString('base64');
  return CANONICAL_BASE64.test(value)
    ? { ok: true, value: normalized }
    : { ok: true, value: normalized, nonCanonical: `bytes are written in padded standard base64: "${normalized}"` };
}

/** The proto3 default of a scalar, for rules on fields that are not set. */
export function scalarDefault(kind: ScalarKind): unknown {
  if (kind === 'bool') return false;
  if (kind === 'string' || kind === 'bytes') return '';
  return isWideInteger(kind) ? '0' : 0;
}
