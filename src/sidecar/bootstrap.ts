/** The bootstrap of one sidecar: node, admin on loopback, its static resources, and policies' settings. */
import type { Bootstrap, Cluster, Listener } from '../envoy/types.js';
import { applyFields, type InboundContext } from '../policies/index.js';

const ADMIN_ADDRESS = '127.0.0.1';

export function buildBootstrap(ctx: InboundContext, listeners: readonly Listener[], clusters: readonly Cluster[]): Bootstrap {
  const { mesh, service } = ctx;
  const base: Bootstrap = {
    node: { id: service.name, cluster: service.name, metadata: { mesh: mesh.name, service: service.name } },
    admin: { address: { socket_address: { address: ADMIN_ADDRESS, port_value: mesh.sidecar.adminPort } } },
    static_resources: { listeners, clusters },
  };
  return applyFields(ctx.policies, base, (p) => p.bootstrap, ctx);
}
