/** PGV rules on integer and float fields (and their wrappers): range, const, in, not_in. */
import type { NumericRuleKind, NumericRules, RuleNumber } from './rules.js';
import { rangeViolation, type RangeRules } from './range.js';
import { violation, type Violation } from './violation.js';

const WIDE = new Set<NumericRuleKind>(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

/** `value` in normalized form: a number, or a decimal string for 64-bit integers. */
export function checkNumber(kind: NumericRuleKind, rules: NumericRules, value: unknown): Violation | undefined {
  const wide = WIDE.has(kind);
  const toComparable = (v: RuleNumber | unknown): number | bigint => (wide ? BigInt(v as RuleNumber) : Number(v));
  const comparable = toComparable(value);
  if (rules.ignore_empty && (comparable === 0 || comparable === 0n)) return undefined;
  const converted: RangeRules<number | bigint> = {
    ...(rules.const !== undefined ? { const: toComparable(rules.const) } : {}),
    ...(rules.lt !== undefined ? { lt: toComparable(rules.lt) } : {}),
    ...(rules.lte !== undefined ? { lte: toComparable(rules.lte) } : {}),
    ...(rules.gt !== undefined ? { gt: toComparable(rules.gt) } : {}),
    ...(rules.gte !== undefined ? { gte: toComparable(rules.gte) } : {}),
    ...(rules.in ? { in: rules.in.map(toComparable) } : {}),
    ...(rules.not_in ? { not_in: rules.not_in.map(toComparable) } : {}),
  };
  const why = rangeViolation(comparable, converted, String);
  return why ? violation('pgv-number', `${why} (rule ${kind})`) : undefined;
}
