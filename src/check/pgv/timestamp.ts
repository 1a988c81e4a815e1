/** PGV Timestamp rules: ranges, `lt_now`, `gt_now` and `within` (relative to the check's clock). */
import { durationNanos, formatNanos, formatTimestamp } from '../json/time.js';
import { convertRange } from './duration.js';
import { rangeViolation } from './range.js';
import type { DurationValue, TimestampRules } from './rules.js';
import { violation, type Violation } from './violation.js';

export function checkTimestamp(rules: TimestampRules, value: DurationValue, nowMs = Date.now()): Violation | undefined {
  const t = durationNanos(value);
  const show = (n: bigint): string => {
    const seconds = n / 1_000_000_000n;
    return `"${formatTimestamp({ seconds: String(seconds), nanos: Number(n - seconds * 1_000_000_000n) })}"`;
  };
  const fail = (message: string): Violation => violation('pgv-timestamp', message);
  const why = rangeViolation(t, convertRange(rules), show);
  if (why) return fail(why);
  const now = BigInt(nowMs) * 1_000_000n;
  if (rules.lt_now && !(t < now)) return fail(`must be in the past, got ${show(t)}`);
  if (rules.gt_now && !(t > now)) return fail(`must be in the future, got ${show(t)}`);
  if (rules.within) {
    const window = durationNanos(rules.within);
    const distance = t > now ? t - now : now - t;
    if (distance > window) return fail(`must be within ${formatNanos(window)} of now, got ${show(t)}`);
  }
  return undefined;
}
