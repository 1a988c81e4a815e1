/** PGV list rules: `min_items`, `max_items`, `unique` (items have rules of their own). */
import type { RepeatedRules } from './rules.js';
import { violation, type Violation } from './violation.js';

export function checkRepeated(rules: RepeatedRules, items: readonly unknown[]): Violation | undefined {
  const n = items.length;
  if (rules.ignore_empty && n === 0) return undefined;
  const fail = (message: string): Violation => violation('pgv-repeated', message);
  if (rules.min_items !== undefined && n < Number(rules.min_items)) {
    return fail(n === 0 ? `at least ${rules.min_items} item(s) required, got none` : `must have at least ${rules.min_items} items, got ${n}`);
  }
  if (rules.max_items !== undefined && n > Number(rules.max_items)) return fail(`must have at most ${rules.max_items} items, got ${n}`);
  if (rules.unique) {
    const seen = new Set<string>();
    for (const item of items) {
      const key = JSON.stringify(item);
      if (seen.has(key)) return fail(`items must be unique, ${key} appears more than once`);
      seen.add(key);
    }
  }
  return undefined;
}
