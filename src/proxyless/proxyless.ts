/**
 * Proxyless gRPC services (`proxy: grpc`): no sidecar, only what meshc serve sends the
 * application's own xDS client (its channels to each callee, and its server) and the gRPC
 * bootstrap that points the application there.
 */
import type { MeshIR, Origin, ServiceIR } from '../ir/types.js';
import type { ServedConfig, ServedResource } from '../xds/ads.js';
import { XDS_ORDER } from '../xds/dynamic.js';
import { grpcBootstrap } from './bootstrap.js';
import { grpcClientResources } from './client.js';
import { grpcServerListeners } from './server.js';

export interface ProxylessService {
  readonly service: string;
  /** `<service>/grpc-bootstrap.json`. */
  readonly bootstrap: Readonly<Record<string, unknown>>;
  readonly served: ServedConfig;
}

export const GRPC_BOOTSTRAP_FILE = 'grpc-bootstrap.json';

/** Builds the proxyless services of one mesh, one at a time; callees' resources are built once. */
export function proxylessBuilder(mesh: MeshIR): (service: ServiceIR) => ProxylessService {
  const controlPlane = mesh.controlPlane;
  const byName = new Map(mesh.services.map((s) => [s.name, s]));
  const clientResources = new Map<string, readonly ServedResource[]>();
  const forCallee = (callee: ServiceIR) => {
    let resources = clientResources.get(callee.name);
    if (!resources) clientResources.set(callee.name, (resources = grpcClientResources(mesh, callee)));
    return resources;
  };
  return (service) => {
    // The rules refuse proxy: grpc without a control plane.
    if (controlPlane === undefined) throw new Error(`proxylessBuilder: "${service.name}" is proxyless in a mesh without controlPlane`);
    const client = service.calls.flatMap((call) => {
      const callee = byName.get(call.service);
      if (!callee) throw new Error(`proxylessBuilder: "${service.name}" calls unknown "${call.service}"`);
      return forCallee(callee).map((r) => (r.type === 'listener' ? withOrigin(r, call.origin) : r));
    });
    const resources = [...client, ...grpcServerListeners(mesh, service)];
    return {
      service: service.name,
      bootstrap: grpcBootstrap(mesh, service, controlPlane),
      served: { service: service.name, resources: XDS_ORDER.flatMap((type) => resources.filter((r) => r.type === type)) },
    };
  };
}

/** A callee's listener points at the caller's `calls` entry that asked for it. */
function withOrigin(resource: ServedResource, origin: Origin): ServedResource {
  return { ...resource, origin };
}
