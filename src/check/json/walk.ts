/**
 * The structural walk: reads a config (plain JSON data) against the reflected message types the
 * way Envoy's loader does, reports what it refuses, and returns the config in normalized form:
 * proto field names, lists as lists, enum names, 64-bit integers as strings, well-known types in
 * their message form ({seconds, nanos}, {fields}, {value}), Any as `{ '@type', ...payload }`.
 * That form is what protobufjs' `fromObject` takes (for the size check) and what invariants read.
 *
 * PGV rules run per message once its fields are read (pgv/message.ts); every message instance
 * is recorded in the InstanceIndex for the invariants.
 */
import type { FieldPlan, MessagePlan, Schema, ValuePlan } from '../api/schema.js';
import { closest } from '../../diagnostics/suggest.js';
import { checkMessageRules } from '../pgv/message.js';
import { child, describeValue, type PathNode, type ProblemSink } from '../problems.js';
import { enumNumber, readEnum } from './enums.js';
import type { InstanceIndex, Normalized } from './index.js';
import { readScalar } from './scalars.js';
import { readWellKnown } from './well-known.js';
import { WELL_KNOWN_TYPES } from './well-known-types.js';
import { accept, isObject, nonCanonical, report, type WalkOptions, type Walker } from './walker.js';

/** A walker over `schema` whose problems go to `sink` and whose message instances go to `index`. */
export function createWalker(schema: Schema, options: WalkOptions, sink: ProblemSink, index: InstanceIndex): Walker {
  return { schema, options, sink, index, incomplete: new WeakSet(), walkMessage };
}

/**
 * One message. `skipKey` is a key that belongs to the enclosing structure (`@type` of an Any
 * whose payload is this message); `validate` is false below `(validate.disabled)` and `skip`.
 */
export function walkMessage(w: Walker, plan: MessagePlan, value: unknown, at: PathNode, validate: boolean, skipKey?: string): Normalized | undefined {
  if (WELL_KNOWN_TYPES.has(plan.fullName)) return readWellKnown(w, plan.fullName, value, at) as Normalized;
  if (!isObject(value)) {
    report(w, 'envoy-wrong-type', at, `expected object (${plan.fullName}), got ${describeValue(value)}`, value);
    return undefined;
  }
  const out: Normalized = {};
  w.index.add(plan.fullName, out, at);
  const validating = validate && !plan.validationDisabled;
  let oneofsSet: Map<string, FieldPlan> | undefined;
  for (const key in value) {
    if (key === skipKey) continue;
    const field = plan.byKey.get(key);
    const fieldAt = child(at, key);
    const raw = value[key];
    if (!field) {
      reportUnknownField(w, plan, key, fieldAt);
      continue;
    }
    if (key !== field.name && field.name in value) {
      report(w, 'envoy-duplicate-field', fieldAt, `field ${field.name} is given twice, as "${field.name}" and as "${field.jsonName}"`);
      continue;
    }
    if (key !== field.name) nonCanonical(w, fieldAt, `write the field as "${field.name}" (proto field name)`);
    if (raw === null && !acceptsNull(field)) {
      nonCanonical(w, fieldAt, 'null: leave the field out instead');
      continue;
    }
    if (field.oneof) {
      oneofsSet ??= new Map();
      const first = oneofsSet.get(field.oneof.name);
      if (first) {
        report(w, 'envoy-oneof-conflict', fieldAt, `oneof set multiple times by ${first.name} and ${field.name}: "${field.oneof.name}" takes only one of them`);
        continue;
      }
      oneofsSet.set(field.oneof.name, field);
    }
    const normalized = walkField(w, field, raw, fieldAt, validating && !skipsValidation(field));
    if (normalized === undefined) continue;
    out[field.name] = normalized;
    if (field.deprecated && isSet(field, normalized)) reportDeprecatedField(w, field, fieldAt);
  }
  if (validating) checkMessageRules(w, plan, value, out, oneofsSet, at);
  return out;
}

function walkField(w: Walker, field: FieldPlan, raw: unknown, at: PathNode, validate: boolean): unknown {
  if (field.label === 'map') return walkMap(w, field, raw, at, validate);
  if (field.label === 'single') return walkValue(w, field.value, raw, at, validate);
  if (!Array.isArray(raw)) {
    // Envoy's parser takes a single value where a list is expected, as a list of one.
    nonCanonical(w, at, 'a single value where a list is expected: write it as a list of one');
    const item = walkValue(w, field.value, raw, at, validate);
    return item === undefined ? undefined : [item];
  }
  const items: unknown[] = [];
  for (let i = 0; i < raw.length; i++) {
    const itemAt = child(at, i);
    const item = raw[i];
    if (item === null && !acceptsNullValue(field.value)) {
      report(w, 'envoy-wrong-type', itemAt, `null is not allowed in a list (${field.name})`);
      continue;
    }
    const normalized = walkValue(w, field.value, item, itemAt, validate);
    if (normalized !== undefined) items.push(normalized);
  }
  if (items.length < raw.length) w.incomplete.add(items);
  return items;
}

function walkMap(w: Walker, field: FieldPlan, raw: unknown, at: PathNode, validate: boolean): unknown {
  if (!isObject(raw)) {
    report(w, 'envoy-wrong-type', at, `expected object (map of ${field.name}), got ${describeValue(raw)}`, raw);
    return undefined;
  }
  const out: Normalized = {};
  for (const key in raw) {
    const entryAt = child(at, key);
    if (!isValidMapKey(field, key)) {
      report(w, 'envoy-wrong-type', entryAt, `map key ${JSON.stringify(key)} is not a valid ${field.mapKey}`, key);
      w.incomplete.add(out);
      continue;
    }
    const item = raw[key];
    if (item === null && !acceptsNullValue(field.value)) {
      report(w, 'envoy-wrong-type', entryAt, 'null is not allowed as a map value');
      w.incomplete.add(out);
      continue;
    }
    const normalized = walkValue(w, field.value, item, entryAt, validate);
    if (normalized !== undefined) out[key] = normalized;
    else w.incomplete.add(out);
  }
  return out;
}

function walkValue(w: Walker, plan: ValuePlan, raw: unknown, at: PathNode, validate: boolean): unknown {
  switch (plan.kind) {
    case 'scalar':
      return accept(w, readScalar(plan.scalar, raw), at, raw);
    case 'enum': {
      if (raw === null && plan.enumType.fullName === 'google.protobuf.NullValue') return 'NULL_VALUE';
      const value = accept(w, readEnum(plan.enumType, raw), at, raw);
      if (typeof value === 'string') reportDeprecatedEnumValue(w, plan.enumType.fullName, plan.enumType.valueOptions.get(value), value, at);
      return value;
    }
    case 'message': {
      const message = w.schema.message(plan.typeName);
      // Every field's type is in the same descriptor; a miss means a broken descriptor.
      if (!message) throw new Error(`message type ${plan.typeName} missing from the Envoy API descriptor`);
      return walkMessage(w, message, raw, at, validate);
    }
  }
}

function reportUnknownField(w: Walker, plan: MessagePlan, key: string, at: PathNode): void {
  const guess = closest(
    key,
    plan.fields.map((f) => f.name),
  );
  report(w, 'envoy-unknown-field', at, `unknown field ${JSON.stringify(key)} in ${plan.fullName}` + (guess ? ` (did you mean "${guess}"?)` : ''));
}

function reportDeprecatedField(w: Walker, field: FieldPlan, at: PathNode): void {
  const what = `field "${field.name}" of ${field.ownerName} is deprecated`;
  if (field.disallowed) report(w, 'envoy-disallowed-deprecated', at, `${what} and Envoy refuses it by default`);
  else report(w, 'envoy-deprecated', at, what);
}

function reportDeprecatedEnumValue(
  w: Walker,
  enumName: string,
  options: { readonly deprecated?: true; readonly disallowed?: true } | undefined,
  value: string,
  at: PathNode,
): void {
  if (!options?.deprecated) return;
  const what = `enum value ${value} of ${enumName} is deprecated`;
  if (options.disallowed) report(w, 'envoy-disallowed-deprecated', at, `${what} and Envoy refuses it by default`);
  else report(w, 'envoy-deprecated', at, what);
}

/** Whether a field counts as set for Envoy's deprecation check (protobuf's HasField). */
function isSet(field: FieldPlan, normalized: unknown): boolean {
  if (field.label === 'repeated') return (normalized as unknown[]).length > 0;
  if (field.label === 'map') return Object.keys(normalized as object).length > 0;
  if (field.explicitPresence || field.value.kind === 'message') return true;
  if (field.value.kind === 'enum') return enumNumber(field.value.enumType, normalized) !== 0;
  return normalized !== 0 && normalized !== '0' && normalized !== '' && normalized !== false;
}

/** `message.skip` (and the same on list items or map values) turns PGV off below the field. */
function skipsValidation(field: FieldPlan): boolean {
  const r = field.rules;
  return r?.message?.skip === true || r?.repeated?.items?.message?.skip === true || r?.map?.values?.message?.skip === true;
}

/** JSON null means "not set", except for google.protobuf.Value (null_value) and NullValue. */
function acceptsNull(field: FieldPlan): boolean {
  return field.label === 'single' && acceptsNullValue(field.value);
}

function acceptsNullValue(plan: ValuePlan): boolean {
  return (plan.kind === 'message' && plan.typeName === 'google.protobuf.Value') || (plan.kind === 'enum' && plan.enumType.fullName === 'google.protobuf.NullValue');
}

const INTEGER_KEY = /^-?\d+$/;

function isValidMapKey(field: FieldPlan, key: string): boolean {
  switch (field.mapKey) {
    case 'string':
    case undefined:
      return true;
    case 'bool':
      return key === 'true' || key === 'false';
    default:
      return INTEGER_KEY.test(key) && readScalar(field.mapKey, key).ok;
  }
}
