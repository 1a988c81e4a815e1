/**
 * One field's PGV rules, dispatched on the field's shape: lists (their own rules, then each
 * item's), maps (entries, keys, values) and single values. Scalars that are not set are checked
 * with their proto3 default, as PGV does, unless they have explicit presence (oneof members,
 * `optional`); unset messages only face `required`.
 */
import type { FieldPlan, ScalarKind, ValuePlan } from '../api/schema.js';
import { enumNumber } from '../json/enums.js';
import type { Normalized } from '../json/index.js';
import { scalarDefault } from '../json/scalars.js';
import type { Walker } from '../json/walker.js';
import { wrapperKind } from '../json/well-known-types.js';
import { child, type PathNode } from '../problems.js';
import { checkAny } from './any.js';
import { checkBool } from './bool.js';
import { checkBytes } from './bytes.js';
import { checkDuration } from './duration.js';
import { checkEnum } from './enum.js';
import { checkMap } from './map.js';
import { checkNumber } from './numeric.js';
import { checkRepeated } from './repeated.js';
import { NUMERIC_RULE_KINDS, type DurationValue, type FieldRules, type NumericRuleKind } from './rules.js';
import { checkString } from './string.js';
import { checkTimestamp } from './timestamp.js';
import { violation, type Violation } from './violation.js';

export function checkFieldRules(w: Walker, field: FieldPlan, raw: Readonly<Record<string, unknown>>, out: Normalized, at: PathNode): void {
  const rules = field.rules as FieldRules;
  const key = field.name in raw ? field.name : field.jsonName in raw ? field.jsonName : field.name;
  const fieldAt = child(at, key);
  const present = raw[key] !== undefined && raw[key] !== null;
  const value = out[field.name];
  // Unreadable, or a list that lost items: reported by the walker already.
  if (present && (value === undefined || w.incomplete.has(value as object))) return;
  const report = (v: Violation | undefined, where: PathNode, found: unknown): void => {
    if (v) w.sink.report(v.name, where, v.message, found);
  };
  if (field.label === 'repeated') {
    const items = (value ?? []) as unknown[];
    if (rules.repeated) report(checkRepeated(rules.repeated, items), fieldAt, undefined);
    const itemRules = rules.repeated?.items;
    if (!itemRules) return;
    const listed = Array.isArray(raw[key]);
    items.forEach((item, i) => {
      const itemAt = listed ? child(fieldAt, i) : fieldAt;
      report(valueViolation(field.value, itemRules, item, true), itemAt, item);
    });
  } else if (field.label === 'map') {
    const entries = (value ?? {}) as Normalized;
    if (rules.map) report(checkMap(rules.map, entries), fieldAt, undefined);
    const { keys, values } = rules.map ?? {};
    for (const [k, v] of Object.entries(entries)) {
      const entryAt = child(fieldAt, k);
      if (keys) report(scalarViolation(field.mapKey ?? 'string', keys, k), entryAt, k);
      if (values) report(valueViolation(field.value, values, v, true), entryAt, v);
    }
  } else if (present || !field.explicitPresence || (field.value.kind === 'message' && !field.oneof)) {
    report(valueViolation(field.value, rules, value, present), fieldAt, value);
  }
}

function valueViolation(plan: ValuePlan, rules: FieldRules, value: unknown, present: boolean): Violation | undefined {
  switch (plan.kind) {
    case 'message':
      return messageViolation(plan.typeName, rules, value as Normalized | undefined, present);
    case 'enum':
      return rules.enum ? checkEnum(rules.enum, plan.enumType, enumNumber(plan.enumType, present ? value : 0)) : undefined;
    case 'scalar':
      return scalarViolation(plan.scalar, rules, present ? value : scalarDefault(plan.scalar));
  }
}

function messageViolation(typeName: string, rules: FieldRules, value: Normalized | undefined, present: boolean): Violation | undefined {
  if (!present || value === undefined) {
    const required = rules.message?.required || rules.any?.required || rules.duration?.required || rules.timestamp?.required;
    return required ? violation('pgv-required', 'value is required') : undefined;
  }
  const wrapped = wrapperKind(typeName);
  if (wrapped) return scalarViolation(wrapped, rules, value['value']);
  switch (typeName) {
    case 'google.protobuf.Duration':
      return rules.duration ? checkDuration(rules.duration, value as DurationValue) : undefined;
    case 'google.protobuf.Timestamp':
      return rules.timestamp ? checkTimestamp(rules.timestamp, value as DurationValue) : undefined;
    case 'google.protobuf.Any':
      return rules.any && typeof value['@type'] === 'string' ? checkAny(rules.any, value['@type']) : undefined;
    default:
      return undefined;
  }
}

const NUMERIC = new Set<string>(NUMERIC_RULE_KINDS);

function scalarViolation(kind: ScalarKind, rules: FieldRules, value: unknown): Violation | undefined {
  if (NUMERIC.has(kind)) {
    const numeric = rules[kind as NumericRuleKind];
    return numeric ? checkNumber(kind as NumericRuleKind, numeric, value) : undefined;
  }
  if (kind === 'bool') return rules.bool ? checkBool(rules.bool, value as boolean) : undefined;
  if (kind === 'string') return rules.string ? checkString(rules.string, value as string) : undefined;
  return rules.bytes ? checkBytes(rules.bytes, value as string) : undefined;
}
