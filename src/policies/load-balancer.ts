/**
 * Load balancing, in Envoy's typed `load_balancing_policy` form, and the hash key that
 * ring-hash and maglev use (set on every route to the service, or on the TCP proxy).
 */
import { TYPES, typed } from '../envoy/any.js';
import { duration } from '../envoy/values.js';
import type { HashPolicy, TypedExtensionConfig } from '../envoy/types.js';
import type { HashOnIR, LoadBalancerIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const loadBalancer: PolicyModule = {
  id: 'load-balancer',
  order: 400,
  outboundCluster: ({ callee }) => ({
    load_balancing_policy: { policies: [{ typed_extension_config: lbExtension(callee.cluster.loadBalancer) }] },
  }),
  routeAction: (_route, { callee }) => {
    const lb = callee.cluster.loadBalancer;
    return 'hashOn' in lb ? { hash_policy: [hashPolicy(lb.hashOn)] } : undefined;
  },
  tcpProxy: ({ callee }) => {
    const lb = callee.cluster.loadBalancer;
    return 'hashOn' in lb && lb.hashOn.kind === 'source-ip' ? { hash_policy: [{ source_ip: {} }] } : undefined;
  },
};

function lbExtension(lb: LoadBalancerIR): TypedExtensionConfig {
  switch (lb.policy) {
    case 'round-robin':
      return { name: 'envoy.load_balancing_policies.round_robin', typed_config: typed(TYPES.roundRobin) };
    case 'least-request':
      return { name: 'envoy.load_balancing_policies.least_request', typed_config: typed(TYPES.leastRequest) };
    case 'random':
      return { name: 'envoy.load_balancing_policies.random', typed_config: typed(TYPES.random) };
    case 'ring-hash':
      return {
        name: 'envoy.load_balancing_policies.ring_hash',
        typed_config: typed(TYPES.ringHash, lb.minRingSize !== undefined ? { minimum_ring_size: String(lb.minRingSize) } : {}),
      };
    case 'maglev':
      return { name: 'envoy.load_balancing_policies.maglev', typed_config: typed(TYPES.maglev) };
  }
}

function hashPolicy(hashOn: HashOnIR): HashPolicy {
  switch (hashOn.kind) {
    case 'header':
      return { header: { header_name: hashOn.name } };
    case 'cookie':
      return {
        cookie: {
          name: hashOn.name,
          ...(hashOn.ttlMs !== undefined ? { ttl: duration(hashOn.ttlMs) } : {}),
          ...(hashOn.path !== undefined ? { path: hashOn.path } : {}),
        },
      };
    case 'source-ip':
      return { connection_properties: { source_ip: true } };
    case 'query-parameter':
      return { query_parameter: { name: hashOn.name } };
  }
}
