/** ClusterLoadAssignment of one version: its endpoints, in the order written. */
import { lbEndpoint, socketAddress } from '../envoy/endpoints.js';
import type { ClusterLoadAssignment } from '../envoy/types.js';
import type { VersionIR } from '../ir/types.js';

export function buildLoadAssignment(clusterName: string, version: VersionIR): ClusterLoadAssignment {
  const discovery = version.discovery;
  if (discovery.kind === 'dns') {
    return {
      cluster_name: clusterName,
      endpoints: [{ lb_endpoints: [lbEndpoint(socketAddress(discovery.host, discovery.port))] }],
    };
  }
  const lb_endpoints = discovery.endpoints.map((e) => lbEndpoint(socketAddress(e.address, e.port), e.weight));
  return { cluster_name: clusterName, endpoints: lb_endpoints.length > 0 ? [{ lb_endpoints }] : [] };
}
