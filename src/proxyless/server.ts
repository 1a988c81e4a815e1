/**
 * What a proxyless service's own gRPC server gets (gRFC A36): a Listener per address it may
 * bind, named by the bootstrap's template (`grpc/server?xds.resource.listening_address=<ip:port>`)
 * with that address in it (grpc-js checks they agree). Addresses: every endpoint the mesh lists
 * for the service, and the wildcard addresses on its port, for servers that bind 0.0.0.0 or [::].
 * One filter chain: mutual TLS as the service's mtls says, and an HTTP connection manager whose
 * routes only mark calls as served here (non_forwarding_action) behind the service's RBAC (A41).
 */
import { TYPES, typed } from '../envoy/any.js';
import { names } from '../envoy/names.js';
import { BUILTIN } from '../dsl/builtin.js';
import type { MeshIR, ServiceIR } from '../ir/types.js';
import { httpRbacFilters } from '../policies/authz.js';
import type { ServedResource } from '../xds/ads.js';
import { ROUTER, servedResource } from './client.js';
import { grpcDownstreamTls } from './tls.js';

const WILDCARD_ADDRESSES = ['0.0.0.0', '[::]'];

export function grpcServerListeners(mesh: MeshIR, service: ServiceIR): ServedResource[] {
  return serverAddresses(service).map(({ host, port }) => {
    const name = serverListenerName(host, port);
    return servedResource('listener', name, serverListener(mesh, service, name, host, port), service.origin);
  });
}

/** The Listener name a gRPC server bound to host:port asks for (IPv6 hosts in brackets). */
function serverListenerName(host: string, port: number): string {
  return BUILTIN.grpc.serverListenerTemplate.replace('%s', `${host}:${port}`);
}

function serverAddresses(service: ServiceIR): { host: string; port: number }[] {
  const seen = new Map<string, { host: string; port: number }>();
  const add = (host: string, port: number) => seen.set(`${host}:${port}`, { host, port });
  for (const version of service.versions) {
    if (version.discovery.kind !== 'static') continue;
    for (const e of version.discovery.endpoints) add(e.address.includes(':') ? `[${e.address}]` : e.address, e.port);
  }
  for (const host of WILDCARD_ADDRESSES) add(host, service.port);
  return [...seen.values()];
}

function serverListener(mesh: MeshIR, service: ServiceIR, name: string, host: string, port: number): Record<string, unknown> {
  const rbac = service.authz && service.authz.mode === 'enforce' ? httpRbacFilters(service, service.authz, mesh.trustDomain) : [];
  return {
    name,
    address: { socket_address: { address: host.replace(/^\[(.*)\]$/, '$1'), port_value: port } },
    filter_chains: [
      {
        name: names.inboundListener(service.name),
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: typed(TYPES.httpConnectionManager, {
              stat_prefix: names.inboundStatPrefix(service.name),
              route_config: {
                name: names.inboundRouteConfig(service.name),
                virtual_hosts: [{ name: names.virtualHost(service.name), domains: ['*'], routes: [{ match: { prefix: '/' }, non_forwarding_action: {} }] }],
              },
              http_filters: [...rbac, ROUTER],
            }),
          },
        ],
        ...(service.mtls === 'strict' ? { transport_socket: grpcDownstreamTls() } : {}),
      },
    ],
  };
}
