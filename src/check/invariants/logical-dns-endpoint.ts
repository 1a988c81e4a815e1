/**
 * A LOGICAL_DNS cluster resolves one name and connects to whatever it resolves to, so Envoy
 * refuses the cluster unless its load assignment is exactly one locality holding exactly one
 * endpoint (two localities of one endpoint each are refused too). It always resolves with the
 * cluster's DNS resolver, so a custom `resolver_name` on that endpoint is refused as well.
 */
import { list, record, text, TYPES, type Invariant } from './context.js';
import type { Segment } from '../problems.js';

export const logicalDnsEndpoint: Invariant = {
  names: ['logical-dns-endpoints', 'logical-dns-resolver'],
  check(ctx) {
    for (const cluster of ctx.of(TYPES.cluster)) {
      if (cluster.value['type'] !== 'LOGICAL_DNS') continue;
      const assignment = record(cluster.value['load_assignment']);
      if (!assignment) {
        ctx.report('logical-dns-endpoints', cluster, ['type'], 'a LOGICAL_DNS cluster needs a load_assignment with a single endpoint (the host to resolve)');
        continue;
      }
      const localities = list(assignment['endpoints']);
      const lbEndpoints = list(record(localities[0])?.['lb_endpoints']);
      if (localities.length !== 1 || lbEndpoints.length !== 1) {
        const at: Segment[] =
          localities.length !== 1
            ? assignment['endpoints'] === undefined
              ? ['load_assignment']
              : ['load_assignment', 'endpoints']
            : record(localities[0])?.['lb_endpoints'] === undefined
              ? ['load_assignment', 'endpoints', 0]
              : ['load_assignment', 'endpoints', 0, 'lb_endpoints'];
        const total = localities.reduce<number>((n, l) => n + list(record(l)?.['lb_endpoints']).length, 0);
        ctx.report(
          'logical-dns-endpoints',
          cluster,
          at,
          `a LOGICAL_DNS cluster must have a single locality with a single endpoint (it has ${localities.length} ${localities.length === 1 ? 'locality' : 'localities'}, ${total} ${total === 1 ? 'endpoint' : 'endpoints'})`,
        );
        continue;
      }
      const socket = record(record(record(record(lbEndpoints[0])?.['endpoint'])?.['address'])?.['socket_address']);
      const resolver = text(socket?.['resolver_name']);
      if (resolver === undefined || resolver === '') continue;
      ctx.report(
        'logical-dns-resolver',
        cluster,
        ['load_assignment', 'endpoints', 0, 'lb_endpoints', 0, 'endpoint', 'address', 'socket_address', 'resolver_name'],
        `a LOGICAL_DNS cluster resolves its host with DNS and must not name a custom resolver (${JSON.stringify(resolver)})`,
      );
    }
  },
};
