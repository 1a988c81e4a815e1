/**
 * "multiple filter chains with the same matching rules are defined": Envoy builds a matching
 * tree from every filter chain's `filter_chain_match`, one branch per value of each list, and
 * refuses the listener when two chains land on the same leaf. So chains conflict as soon as they
 * share one combination, e.g. a server name, with everything else equal or unset in both.
 * Listeners that use the newer `filter_chain_matcher` select chains by name instead.
 */
import { list, record, text, TYPES, wrapped, type Invariant } from './context.js';
import type { Normalized } from '../json/index.js';

// Beyond this many combinations a chain is compared as a whole (equal matches only).
const MAX_COMBINATIONS = 4096;

type Dimension = (match: Normalized) => readonly string[];

/** The criteria of FilterChainMatch, each as the list of values it matches ('' = any). */
const DIMENSIONS: readonly Dimension[] = [
  (m) => one(wrapped(m['destination_port'])),
  (m) => list(m['prefix_ranges']).map(cidr),
  (m) => one(m['address_suffix']),
  (m) => one(wrapped(m['suffix_len'])),
  (m) => list(m['direct_source_prefix_ranges']).map(cidr),
  (m) => one(m['source_type'] === 'ANY' ? undefined : m['source_type']),
  (m) => list(m['source_prefix_ranges']).map(cidr),
  (m) => list(m['source_ports']).map(String),
  (m) => list(m['server_names']).map((s) => String(s).toLowerCase()),
  (m) => one(m['transport_protocol']),
  (m) => list(m['application_protocols']).map(String),
];

export const duplicateFilterChainMatch: Invariant = {
  names: ['duplicate-filter-chain-match'],
  check(ctx) {
    for (const listener of ctx.of(TYPES.listener)) {
      if (listener.value['filter_chain_matcher'] !== undefined) continue;
      const claimed = new Map<string, number>();
      list(listener.value['filter_chains']).forEach((chain, i) => {
        const match = record(record(chain)?.['filter_chain_match']) ?? {};
        const conflicts = new Set<number>();
        for (const key of combinations(match)) {
          const owner = claimed.get(key);
          if (owner !== undefined && owner !== i) conflicts.add(owner);
          else claimed.set(key, i);
        }
        for (const other of conflicts) {
          const keys = ['filter_chains', i, ...(record(chain)?.['filter_chain_match'] ? ['filter_chain_match'] : [])];
          ctx.report(
            'duplicate-filter-chain-match',
            listener,
            keys,
            `filter chain ${chainName(chain, i)} matches the same connections as filter chain ${chainName(list(listener.value['filter_chains'])[other], other)} of listener ${JSON.stringify(listener.value['name'] ?? '')}`,
            { instance: listener, keys: ['filter_chains', other], message: 'the other filter chain' },
          );
        }
      });
    }
  },
};

function combinations(match: Normalized): string[] {
  const values = DIMENSIONS.map((d) => {
    const v = d(match);
    return v.length === 0 ? [''] : [...new Set(v)];
  });
  const count = values.reduce((n, v) => n * v.length, 1);
  if (count > MAX_COMBINATIONS) return [JSON.stringify(values)];
  let keys = [''];
  for (const dimension of values) keys = keys.flatMap((k) => dimension.map((v) => `${k}|${v}`));
  return keys;
}

function one(value: unknown): readonly string[] {
  return value === undefined || value === '' ? [] : [String(value)];
}

function cidr(range: unknown): string {
  const r = record(range);
  return `${text(r?.['address_prefix']) ?? ''}/${String(wrapped(r?.['prefix_len']) ?? 0)}`;
}

function chainName(chain: unknown, index: number): string {
  const name = text(record(chain)?.['name']);
  return name ? `${JSON.stringify(name)} (filter_chains[${index}])` : `filter_chains[${index}]`;
}
