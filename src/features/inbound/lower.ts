/**
 * Server-side limits in the service's own sidecar: circuit-breaker thresholds on the cluster to
 * the local application (every caller's requests share them), and a timeout on the inbound
 * routes that forward to it (health checks keep theirs: they must not wait on the app's load).
 */
import { duration } from '../../envoy/values.js';
import type { PolicyModule } from '../../policies/policy.js';

export const inboundLowering: PolicyModule = {
  id: 'inbound',
  order: 980,
  inboundCluster: ({ service }) =>
    service.inbound && {
      circuit_breakers: {
        thresholds: [{ max_connections: service.inbound.maxConnections, max_pending_requests: service.inbound.maxPendingRequests, max_requests: service.inbound.maxRequests }],
      },
    },
  inboundRouteAction: (route, { service }) => (route.kind !== 'health' && service.inbound?.timeoutMs !== undefined ? { timeout: duration(service.inbound.timeoutMs) } : undefined),
};
