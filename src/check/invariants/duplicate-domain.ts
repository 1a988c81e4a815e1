/** Envoy refuses a route configuration that serves one domain (case-insensitively) from two places. */
import type { Segment } from '../problems.js';
import { list, record, text, TYPES, type Invariant } from './context.js';

export const duplicateDomain: Invariant = {
  names: ['duplicate-domain'],
  check(ctx) {
    for (const routes of ctx.of(TYPES.routeConfiguration)) {
      const seen = new Map<string, Segment[]>();
      list(routes.value['virtual_hosts']).forEach((vhost, i) => {
        list(record(vhost)?.['domains']).forEach((domain, j) => {
          const key = text(domain)?.toLowerCase();
          if (key === undefined) return;
          const keys = ['virtual_hosts', i, 'domains', j];
          const first = seen.get(key);
          if (!first) {
            seen.set(key, keys);
            return;
          }
          ctx.report('duplicate-domain', routes, keys, `domain ${JSON.stringify(domain)} is already served by ${vhostName(routes.value, first)}`, {
            instance: routes,
            keys: first,
            message: 'first listed here',
          });
        });
      });
    }
  },
};

function vhostName(routes: Record<string, unknown>, keys: readonly Segment[]): string {
  const name = text(record(list(routes['virtual_hosts'])[keys[1] as number])?.['name']);
  return name ? `virtual host ${JSON.stringify(name)}` : `virtual_hosts[${String(keys[1])}]`;
}
