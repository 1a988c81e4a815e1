/** The bootstrap of one sidecar: node, admin on loopback, and its static resources. */
import type { Bootstrap, Cluster, Listener } from '../envoy/types.js';
import type { MeshIR, ServiceIR } from '../ir/types.js';

const ADMIN_ADDRESS = '127.0.0.1';

export function buildBootstrap(
  mesh: MeshIR,
  service: ServiceIR,
  listeners: readonly Listener[],
  clusters: readonly Cluster[],
): Bootstrap {
  return {
    node: { id: service.name, cluster: service.name, metadata: { mesh: mesh.name, service: service.name } },
    admin: { address: { socket_address: { address: ADMIN_ADDRESS, port_value: mesh.sidecar.adminPort } } },
    static_resources: { listeners, clusters },
  };
}
