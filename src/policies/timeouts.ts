/**
 * Request, idle and connect timeouts. Every route states its timeout, even Envoy's default. The
 * caller's route bounds a stream's idle time exactly; the callee's inbound side must not cut it
 * sooner, so its catch-all route allows the longest idle time any of its routes allows when that
 * is longer than the connection manager's stream_idle_timeout (route idle_timeout overrides it).
 */
import { duration } from '../envoy/values.js';
import type { ServiceIR, SidecarIR } from '../ir/types.js';
import { clusterPolicy, type InboundRoute, type PolicyModule } from './policy.js';

export const timeouts: PolicyModule = {
  id: 'timeouts',
  order: 200,
  routeAction: (route) => ({
    timeout: duration(route.timeoutMs),
    ...(route.idleTimeoutMs !== undefined ? { idle_timeout: duration(route.idleTimeoutMs) } : {}),
  }),
  inboundRouteAction: (route, { service, mesh }) => {
    const idle = inboundIdleTimeoutMs(route, service, mesh.sidecar);
    return idle !== undefined ? { idle_timeout: duration(idle) } : undefined;
  },
  outboundCluster: (ctx) => ({ connect_timeout: duration(clusterPolicy(ctx).connectTimeoutMs) }),
  tcpProxy: ({ callee }) => {
    const idle = callee.routes[0]?.idleTimeoutMs;
    return idle !== undefined ? { idle_timeout: duration(idle) } : undefined;
  },
};

function inboundIdleTimeoutMs(route: InboundRoute, service: ServiceIR, sidecar: SidecarIR): number | undefined {
  if (route.kind === 'service-route') return route.route.idleTimeoutMs;
  if (route.kind === 'health') return undefined;
  const longest = Math.max(0, ...service.routes.map((r) => r.idleTimeoutMs ?? 0));
  return longest > sidecar.hardening.streamIdleTimeoutMs ? longest : undefined;
}
