/**
 * `to` and `split`: where a route sends requests. A split in percent becomes weighted clusters;
 * weights with decimals are scaled ×100 so Envoy's integer weights keep them exact.
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

function destination(callee: string, action: RouteActionIR): { cluster: string } | { weighted_clusters: WeightedCluster } {
  if (action.kind === 'version') return { cluster: names.outboundCluster(callee, action.version) };
  const scale = action.weights.every((w) => Number.isInteger(w.percent)) ? 1 : 100;
  return {
    weighted_clusters: {
      clusters: action.weights.map((w) => ({
        name: names.outboundCluster(callee, w.version),
        weight: Math.round(w.percent * scale),
      })),
    },
  };
}
