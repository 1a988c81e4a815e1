/**
 * Everything one service's sidecar gets: its inbound side, and for each service it calls (and
 * nothing else) an outbound listener and one cluster per version. The size of a sidecar's
 * configuration therefore depends on what it calls, never on the size of the mesh.
 */
import type { Bootstrap, Cluster, Listener } from '../envoy/types.js';
import type { MeshIR, Origin, ServiceIR } from '../ir/types.js';
import { buildBootstrap } from './bootstrap.js';
import { buildInboundCluster } from './cluster.js';
import { buildInboundListener, buildOutboundListener } from './listener.js';
import { sharedResources, type SharedResources } from './shared.js';

export interface Sidecar {
  readonly service: string;
  readonly bootstrap: Bootstrap;
  /** Resource name → the DSL node that produced it, for reporting problems in the output. */
  readonly origins: ReadonlyMap<string, Origin>;
}

export function buildSidecar(
  mesh: MeshIR,
  service: ServiceIR,
  serviceByName: ReadonlyMap<string, ServiceIR>,
  shared: SharedResources,
): Sidecar {
  const origins = new Map<string, Origin>();
  const inbound = { mesh, service };
  const listeners: Listener[] = [buildInboundListener(inbound)];
  const clusters: Cluster[] = [buildInboundCluster(inbound)];
  origins.set(listeners[0]?.name ?? '', service.origin);
  for (const call of service.calls) {
    const callee = serviceByName.get(call.service);
    if (!callee) throw new Error(`buildSidecar: "${service.name}" calls unknown "${call.service}"`);
    const resources = shared(callee);
    const listener = buildOutboundListener({ mesh, callee }, call.localPort, resources.routeConfiguration);
    listeners.push(listener);
    origins.set(listener.name, call.origin);
    for (const { cluster, version } of resources.clusters) {
      clusters.push(cluster);
      origins.set(cluster.name, version.origin);
    }
  }
  return { service: service.name, bootstrap: buildBootstrap(mesh, service, listeners, clusters), origins };
}

export function buildSidecars(mesh: MeshIR): Sidecar[] {
  const byName = new Map(mesh.services.map((s) => [s.name, s]));
  const shared = sharedResources(mesh);
  return mesh.services.map((s) => buildSidecar(mesh, s, byName, shared));
}
