/** PGV map rules: `min_pairs`, `max_pairs`, `no_sparse` (keys and values have rules of their own). */
import type { MapRules } from './rules.js';
import { violation, type Violation } from './violation.js';

export function checkMap(rules: MapRules, entries: Readonly<Record<string, unknown>>): Violation | undefined {
  const n = Object.keys(entries).length;
  if (rules.ignore_empty && n === 0) return undefined;
  const fail = (message: string): Violation => violation('pgv-map', message);
  if (rules.min_pairs !== undefined && n < Number(rules.min_pairs)) return fail(`must have at least ${rules.min_pairs} entries, got ${n}`);
  if (rules.max_pairs !== undefined && n > Number(rules.max_pairs)) return fail(`must have at most ${rules.max_pairs} entries, got ${n}`);
  return undefined;
}
