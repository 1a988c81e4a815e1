/**
 * The ordered comparisons PGV shares between numbers, durations and timestamps: `const`, `lt`,
 * `lte`, `gt`, `gte`, `in`, `not_in`. With a lower bound above the upper bound the range is
 * exclusive: the value must lie outside it (PGV's semantics).
 */
export interface RangeRules<T> {
  readonly const?: T;
  readonly lt?: T;
  readonly lte?: T;
  readonly gt?: T;
  readonly gte?: T;
  readonly in?: readonly T[];
  readonly not_in?: readonly T[];
}

type Comparable = number | bigint;

/** Why `value` breaks the rules (e.g. "must be <= 65535, got 70000"), or undefined. */
export function rangeViolation<T extends Comparable>(value: T, rules: RangeRules<T>, show: (v: T) => string): string | undefined {
  const got = `got ${show(value)}`;
  if (rules.const !== undefined && value !== rules.const) return `must equal ${show(rules.const)}, ${got}`;
  const lower = rules.gt !== undefined ? { bound: rules.gt, op: '>' } : rules.gte !== undefined ? { bound: rules.gte, op: '>=' } : undefined;
  const upper = rules.lt !== undefined ? { bound: rules.lt, op: '<' } : rules.lte !== undefined ? { bound: rules.lte, op: '<=' } : undefined;
  const aboveLower = lower === undefined || (lower.op === '>' ? value > lower.bound : value >= lower.bound);
  const belowUpper = upper === undefined || (upper.op === '<' ? value < upper.bound : value <= upper.bound);
  const describe = (b: { bound: T; op: string }): string => `${b.op} ${show(b.bound)}`;
  if (lower && upper && lower.bound > upper.bound) {
    if (!aboveLower && !belowUpper) return `must be ${describe(lower)} or ${describe(upper)}, ${got}`;
  } else if (lower && upper) {
    if (!aboveLower || !belowUpper) return `must be ${describe(lower)} and ${describe(upper)}, ${got}`;
  } else if (lower && !aboveLower) {
    return `must be ${describe(lower)}, ${got}`;
  } else if (upper && !belowUpper) {
    return `must be ${describe(upper)}, ${got}`;
  }
  if (rules.in && rules.in.length > 0 && !rules.in.includes(value)) return `must be one of ${rules.in.map(show).join(', ')}; ${got}`;
  if (rules.not_in?.includes(value)) return `must not be ${rules.not_in.map(show).join(' or ')}, ${got}`;
  return undefined;
}
