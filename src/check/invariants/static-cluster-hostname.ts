/**
 * A STATIC cluster's endpoints are resolved when the cluster is built, with the IP resolver
 * unless `resolver_name` picks another: a hostname is no IP literal, so Envoy refuses the
 * cluster. DNS names belong in STRICT_DNS or LOGICAL_DNS clusters.
 */
import { isIP } from 'node:net';
import { list, record, text, TYPES, type Invariant } from './context.js';

/** STATIC is the enum's zero value, so an unset type means STATIC unless a custom `cluster_type` is set. */
function isStatic(cluster: Readonly<Record<string, unknown>>): boolean {
  const type = cluster['type'];
  if (type === undefined) return cluster['cluster_type'] === undefined;
  return type === 'STATIC';
}

export const staticClusterHostname: Invariant = {
  names: ['static-cluster-hostname'],
  check(ctx) {
    for (const cluster of ctx.of(TYPES.cluster)) {
      if (!isStatic(cluster.value)) continue;
      list(record(cluster.value['load_assignment'])?.['endpoints']).forEach((locality, l) => {
        list(record(locality)?.['lb_endpoints']).forEach((lbEndpoint, e) => {
          const socket = record(record(record(record(lbEndpoint)?.['endpoint'])?.['address'])?.['socket_address']);
          const address = text(socket?.['address']);
          if (!socket || address === undefined || address === '' || text(socket['resolver_name'])) return;
          if (isIP(address) !== 0) return;
          ctx.report(
            'static-cluster-hostname',
            cluster,
            ['load_assignment', 'endpoints', l, 'lb_endpoints', e, 'endpoint', 'address', 'socket_address', 'address'],
            `${JSON.stringify(address)} is not an IP address: a STATIC cluster does not resolve names (use STRICT_DNS or LOGICAL_DNS)`,
          );
        });
      });
    }
  },
};
