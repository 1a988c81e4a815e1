/**
 * Shared by http-filter-order and network-filter-order. Envoy asks each filter's factory whether
 * it is terminal and checks, per chain, that the terminal filter comes last and that the last
 * filter is terminal. The factory is found by the filter's config type; types not in the image
 * (contrib, newer) are unknown here, so a chain ending in one is not judged.
 */
import { anyTypeName } from '../json/index.js';
import type { Instance } from '../json/index.js';
import type { CheckName, Segment } from '../problems.js';
import { record, text, type InvariantContext } from './context.js';

export interface FilterFamily {
  readonly name: CheckName;
  /** "HTTP" or "network", for messages. */
  readonly kind: string;
  readonly terminal: ReadonlySet<string>;
}

export function checkFilterOrder(ctx: InvariantContext, family: FilterFamily, owner: Instance, keys: readonly Segment[], filters: readonly unknown[]): void {
  if (filters.length === 0) return;
  filters.forEach((filter, i) => {
    const type = filterType(filter);
    if (type && family.terminal.has(type) && i < filters.length - 1) {
      ctx.report(
        family.name,
        owner,
        [...keys, i],
        `terminal filter ${describe(filter)} must be the last filter in a ${family.kind} filter chain, but ${filters.length - 1 - i} more follow`,
      );
    }
  });
  const lastIndex = filters.length - 1;
  const last = filters[lastIndex];
  const type = filterType(last);
  if (type && !family.terminal.has(type) && ctx.schema.message(type)) {
    ctx.report(
      family.name,
      owner,
      [...keys, lastIndex],
      `non-terminal filter ${describe(last)} is the last filter in a ${family.kind} filter chain; the chain must end with a terminal filter (${[...family.terminal].map(shortName).join(' or ')})`,
    );
  }
}

function filterType(filter: unknown): string | undefined {
  return anyTypeName(record(filter)?.['typed_config']);
}

function describe(filter: unknown): string {
  const name = text(record(filter)?.['name']) ?? '';
  const type = filterType(filter);
  return type ? `${JSON.stringify(name)} (${type})` : JSON.stringify(name);
}

function shortName(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}
