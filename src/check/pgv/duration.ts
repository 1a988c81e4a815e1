/** PGV Duration rules: `const`, `lt`, `lte`, `gt`, `gte`, `in`, `not_in`, compared in nanoseconds. */
import { durationNanos, formatNanos } from '../json/time.js';
import { rangeViolation, type RangeRules } from './range.js';
import type { DurationRules, DurationValue } from './rules.js';
import { violation, type Violation } from './violation.js';

export function checkDuration(rules: DurationRules, value: DurationValue): Violation | undefined {
  const why = rangeViolation(durationNanos(value), convertRange(rules), (n) => `"${formatNanos(n)}"`);
  return why ? violation('pgv-duration', why) : undefined;
}

export function convertRange(rules: Omit<DurationRules, 'required'>): RangeRules<bigint> {
  const n = (d: DurationValue | undefined): bigint | undefined => (d === undefined ? undefined : durationNanos(d));
  const out: { -readonly [K in keyof RangeRules<bigint>]: RangeRules<bigint>[K] } = {};
  for (const key of ['const', 'lt', 'lte', 'gt', 'gte'] as const) {
    const v = n(rules[key]);
    if (v !== undefined) out[key] = v;
  }
  if (rules.in) out.in = rules.in.map(durationNanos);
  if (rules.not_in) out.not_in = rules.not_in.map(durationNanos);
  return out;
}
