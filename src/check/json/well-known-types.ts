/**
 * Which types are well-known, by name only: a leaf that the PGV rules (wrappers) and the Any
 * reader can import without loading the readers in well-known.ts, which import the Any reader.
 */
import type { ScalarKind } from '../api/schema.js';

/** Wrapper types, each with the scalar it carries under `value`. */
export const WRAPPERS: Readonly<Record<string, ScalarKind>> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

/** The scalar a wrapper type (`google.protobuf.UInt32Value`, …) carries under `value`. */
export function wrapperKind(typeName: string): ScalarKind | undefined {
  return WRAPPERS[typeName];
}

/** The types with a proto3 JSON form of their own, other than the wrappers. */
export const SPECIAL_TYPES = [
  'google.protobuf.Any',
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.FieldMask',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
] as const;

export type SpecialType = (typeof SPECIAL_TYPES)[number];

/** Every type read by its own reader (well-known.ts) instead of as a plain message. */
export const WELL_KNOWN_TYPES: ReadonlySet<string> = new Set([...SPECIAL_TYPES, ...Object.keys(WRAPPERS)]);

/** Types whose JSON inside an Any sits under `value`: the well-known ones (an Any in an Any too) and Empty. */
export function hasValueInAny(typeName: string): boolean {
  return WELL_KNOWN_TYPES.has(typeName) || typeName === 'google.protobuf.Empty';
}
