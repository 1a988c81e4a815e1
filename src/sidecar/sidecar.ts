/**
 * Everything one service's sidecar gets: its inbound side, and for each service it calls (and
 * nothing else) an outbound listener and one cluster per version. The size of a sidecar's
 * configuration therefore depends on what it calls, never on the size of the mesh.
 */
import type { Bootstrap, Cluster, Listener } from '../envoy/types.js';
import type { MeshIR, Origin, ServiceIR } from '../ir/types.js';
import { applyFields, POLICIES, type PolicyModule, type SidecarFile } from '../policies/index.js';
import { buildBootstrap } from './bootstrap.js';
import { controlPlaneCluster } from './control-plane.js';
import { buildInboundCluster } from './cluster.js';
import { buildInboundListener, buildOutboundListener } from './listener.js';
import { sharedResources, type SharedResources } from './shared.js';

export interface Sidecar {
  readonly service: string;
  readonly bootstrap: Bootstrap;
  /** Further files the sidecar reads, relative to its output directory. */
  readonly files: readonly SidecarFile[];
  /** `listener:<name>` / `cluster:<name>` → the DSL node that produced it, to report problems in the output. */
  readonly origins: ReadonlyMap<string, Origin>;
  /** The cluster to `meshc serve`, when the mesh has a control plane; only `--mode ads` puts it in the bootstrap. */
  readonly controlPlaneCluster?: Cluster;
}

export function buildSidecar(mesh: MeshIR, service: ServiceIR, serviceByName: ReadonlyMap<string, ServiceIR>, shared: SharedResources, policies: readonly PolicyModule[]): Sidecar {
  const callees = service.calls.map((call) => {
    const callee = serviceByName.get(call.service);
    if (!callee) throw new Error(`buildSidecar: "${service.name}" calls unknown "${call.service}"`);
    return callee;
  });
  const ctx = { mesh, service, callees, policies };
  const origins = new Map<string, Origin>();
  const listeners: Listener[] = [buildInboundListener(ctx)];
  const clusters: Cluster[] = [buildInboundCluster(ctx)];
  origins.set(`listener:${listeners[0]?.name}`, service.origin);
  origins.set(`cluster:${clusters[0]?.name}`, service.origin);
  service.calls.forEach((call, i) => {
    const callee = callees[i] as ServiceIR;
    const resources = shared(callee);
    const listener = buildOutboundListener({ mesh, callee, policies }, service, call.localPort, resources.routeConfiguration);
    listeners.push(listener);
    origins.set(`listener:${listener.name}`, call.origin);
    for (const { cluster, version } of resources.clusters) {
      clusters.push(cluster);
      origins.set(`cluster:${cluster.name}`, version.origin);
    }
  });
  for (const own of policies.flatMap((p) => p.sidecarClusters?.(ctx) ?? [])) {
    const cluster = applyFields(policies, own, (p) => p.sidecarCluster, ctx);
    clusters.push(cluster);
    origins.set(`cluster:${cluster.name}`, mesh.origin);
  }
  for (const listener of policies.flatMap((p) => p.sidecarListeners?.(ctx) ?? [])) {
    listeners.push(listener);
    origins.set(`listener:${listener.name}`, mesh.origin);
  }
  const controlPlane = mesh.controlPlane && applyFields(policies, controlPlaneCluster(mesh, mesh.controlPlane), (p) => p.sidecarCluster, ctx);
  return {
    service: service.name,
    bootstrap: buildBootstrap(ctx, listeners, clusters),
    files: policies.flatMap((p) => p.sidecarFiles?.(ctx) ?? []),
    origins,
    ...(controlPlane ? { controlPlaneCluster: controlPlane } : {}),
  };
}

/**
 * Builds the sidecars of one mesh, one at a time, sharing what callers of a service have in
 * common. `policies` are all of them but in a feature's unit test, which builds a sidecar with
 * that feature alone.
 */
export function sidecarBuilder(mesh: MeshIR, policies: readonly PolicyModule[] = POLICIES): (service: ServiceIR) => Sidecar {
  const byName = new Map(mesh.services.map((s) => [s.name, s]));
  const shared = sharedResources(mesh, policies);
  return (service) => buildSidecar(mesh, service, byName, shared, policies);
}

export function buildSidecars(mesh: MeshIR): Sidecar[] {
  const build = sidecarBuilder(mesh);
  // A proxyless gRPC service has no sidecar (src/proxyless).
  return mesh.services.filter((s) => s.proxy === 'envoy').map(build);
}
