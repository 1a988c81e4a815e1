/** ClusterLoadAssignment of one version: its endpoints grouped by zone, in the order written. */
import { lbEndpoint, socketAddress } from '../envoy/endpoints.js';
import type { ClusterLoadAssignment, LbEndpoint, LocalityLbEndpoints } from '../envoy/types.js';
import type { VersionIR } from '../ir/types.js';

export function buildLoadAssignment(clusterName: string, version: VersionIR): ClusterLoadAssignment {
  const discovery = version.discovery;
  if (discovery.kind === 'dns') {
    return {
      cluster_name: clusterName,
      endpoints: [{ lb_endpoints: [lbEndpoint(socketAddress(discovery.host, discovery.port))] }],
    };
  }
  const byZone = new Map<string, LbEndpoint[]>();
  for (const e of discovery.endpoints) {
    const zone = e.zone ?? '';
    const list = byZone.get(zone) ?? [];
    list.push(lbEndpoint(socketAddress(e.address, e.port), e.weight));
    byZone.set(zone, list);
  }
  const endpoints: LocalityLbEndpoints[] = [...byZone].map(([zone, lb_endpoints]) => ({
    ...(zone ? { locality: { zone } } : {}),
    lb_endpoints,
  }));
  return { cluster_name: clusterName, endpoints };
}

