/** Request, idle and connect timeouts. Every route states its timeout, even Envoy's default. */
import { duration } from '../envoy/values.js';
import type { PolicyModule } from './policy.js';

export const timeouts: PolicyModule = {
  id: 'timeouts',
  order: 200,
  routeAction: (route) => ({
    timeout: duration(route.timeoutMs),
    ...(route.idleTimeoutMs !== undefined ? { idle_timeout: duration(route.idleTimeoutMs) } : {}),
  }),
  outboundCluster: ({ callee }) => ({ connect_timeout: duration(callee.cluster.connectTimeoutMs) }),
  tcpProxy: ({ callee }) => {
    const idle = callee.routes[0]?.idleTimeoutMs;
    return idle !== undefined ? { idle_timeout: duration(idle) } : undefined;
  },
};
