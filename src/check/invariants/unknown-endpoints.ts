/**
 * An EDS cluster gets its endpoints from its `eds_config` under its service name (or its own
 * name). Without an `eds_config` nothing can provide them (Envoy refuses the cluster); when the
 * checked resources include EDS resources, the name must be among them.
 */
import { record, text, TYPES, type Invariant } from './context.js';

export const unknownEndpoints: Invariant = {
  names: ['unknown-endpoints'],
  check(ctx) {
    const provided = ctx.resources(TYPES.clusterLoadAssignment);
    const names = new Set(provided.map((cla) => text(cla.value['cluster_name']) ?? ''));
    for (const cluster of ctx.of(TYPES.cluster)) {
      if (cluster.value['type'] !== 'EDS') continue;
      const eds = record(cluster.value['eds_cluster_config']);
      if (eds?.['eds_config'] === undefined) {
        ctx.report('unknown-endpoints', cluster, eds ? ['eds_cluster_config'] : ['type'], 'an EDS cluster needs eds_cluster_config.eds_config: nothing provides its endpoints');
        continue;
      }
      const serviceName = text(eds['service_name']) || text(cluster.value['name']);
      if (provided.length === 0 || serviceName === undefined || names.has(serviceName)) continue;
      ctx.report('unknown-endpoints', cluster, ['eds_cluster_config'], `no ClusterLoadAssignment for ${JSON.stringify(serviceName)} is provided`);
    }
  },
};
