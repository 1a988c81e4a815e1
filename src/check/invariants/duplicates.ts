/** Shared by the duplicate-* invariants: every instance after the first with the same key. */
import type { Instance } from '../json/index.js';
import type { CheckName, Segment } from '../problems.js';
import { groupBy, type InvariantContext } from './context.js';

export function reportDuplicates(
  ctx: InvariantContext,
  name: CheckName,
  instances: readonly Instance[],
  key: (i: Instance) => string | undefined,
  keys: readonly Segment[],
  describe: (key: string) => string,
): void {
  for (const [k, group] of groupBy(instances, key)) {
    const [first, ...rest] = group;
    if (!first) continue;
    for (const duplicate of rest) {
      ctx.report(name, duplicate, keys, `${describe(k)} is already used`, {
        instance: first,
        keys,
        message: `first used here`,
      });
    }
  }
}
