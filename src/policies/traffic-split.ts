/**
 * `to` and `split`: where a route sends requests. A split in percent becomes weighted clusters;
 * weights with decimals are scaled ×100 so Envoy's integer weights keep them exact. Versions
 * at 0% are left out (the TCP proxy refuses zero weights), and a split that leaves a single
 * version is a plain route to it.
 */
import { names } from '../envoy/names.js';
import type { WeightedCluster } from '../envoy/types.js';
import type { RouteActionIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const trafficSplit: PolicyModule = {
  id: 'traffic-split',
  order: 100,
  routeAction: (route, { callee }) => destination(callee.name, route.action),
  tcpProxy: ({ callee }) => {
    const first = callee.routes[0];
    return first ? destination(callee.name, first.action) : undefined;
  },
};

export function destination(callee: string, action: RouteActionIR): { cluster: string } | { weighted_clusters: WeightedCluster } {
  if (action.kind === 'version') return { cluster: names.outboundCluster(callee, action.version) };
  const weights = action.weights.filter((w) => w.percent > 0);
  const [only] = weights;
  if (weights.length === 1 && only) return { cluster: names.outboundCluster(callee, only.version) };
  const scale = weights.every((w) => Number.isInteger(w.percent)) ? 1 : 100;
  return {
    weighted_clusters: {
      clusters: weights.map((w) => ({
        name: names.outboundCluster(callee, w.version),
        weight: Math.round(w.percent * scale),
      })),
    },
  };
}
