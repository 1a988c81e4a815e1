/**
 * Resources that are the same in every sidecar calling a given service (its clusters and its
 * route table) are built once per mesh and shared by reference. Besides saving the work, the
 * shared objects let the serializer reuse their text (see emit/serialize.ts).
 */
import type { Cluster, RouteConfiguration } from '../envoy/types.js';
import type { MeshIR, ServiceIR, VersionIR } from '../ir/types.js';
import type { PolicyModule } from '../policies/index.js';
import { buildOutboundCluster } from './cluster.js';
import { buildOutboundRouteConfiguration } from './route.js';

export interface CalleeResources {
  readonly clusters: readonly { readonly cluster: Cluster; readonly version: VersionIR }[];
  /** Absent for tcp services, which have no routes. */
  readonly routeConfiguration: RouteConfiguration | undefined;
}

export type SharedResources = (callee: ServiceIR) => CalleeResources;

/** A memo of each callee's resources for one mesh. */
export function sharedResources(mesh: MeshIR, policies: readonly PolicyModule[]): SharedResources {
  const byCallee = new Map<string, CalleeResources>();
  return (callee) => {
    let resources = byCallee.get(callee.name);
    if (!resources) {
      const ctx = { mesh, callee, policies };
      resources = {
        clusters: callee.versions.map((version) => ({ cluster: buildOutboundCluster({ ...ctx, version }), version })),
        routeConfiguration: callee.protocol === 'tcp' ? undefined : buildOutboundRouteConfiguration(ctx),
      };
      byCallee.set(callee.name, resources);
    }
    return resources;
  };
}
