/**
 * Listeners. Inbound: 0.0.0.0:<inboundPort>, everything to the local application, behind the
 * service's mTLS mode and its inbound filters. Outbound: one per called service on
 * 127.0.0.1:<localPort>, carrying the callee's routes (HTTP) or a TCP proxy (tcp).
 */
import { TYPES, typed } from '../envoy/any.js';
import { names } from '../envoy/names.js';
import type { Filter, HttpConnectionManager, HttpFilter, Listener, RouteConfiguration, TcpProxy } from '../envoy/types.js';
import { applyFields, mergeFields, type HcmContext, type InboundContext, type OutboundContext } from '../policies/index.js';
import type { ServiceIR } from '../ir/types.js';
import { orderHttpFilters } from './http-filters.js';
import { buildInboundRouteConfiguration } from './route.js';

const ANY_ADDRESS = '0.0.0.0';
const LOOPBACK = '127.0.0.1';

export function buildInboundListener(ctx: InboundContext): Listener {
  const { service, mesh, policies } = ctx;
  const statPrefix = names.inboundStatPrefix(service.name);
  const terminal =
    service.protocol === 'tcp'
      ? tcpProxyFilter(
          applyFields(policies, { stat_prefix: statPrefix, cluster: names.inboundCluster(service.name) } as TcpProxy, (p) => p.tcpConnection, {
            mesh,
            policies,
            direction: 'inbound',
            self: service,
          }),
        )
      : httpConnectionManagerFilter(
          { mesh, policies, direction: 'inbound', self: service },
          statPrefix,
          buildInboundRouteConfiguration(ctx),
          policies.flatMap((p) => p.inboundHttpFilters?.(ctx) ?? []),
        );
  const filters = [...policies.flatMap((p) => p.inboundNetworkFilters?.(ctx) ?? []), terminal];
  const base: Listener = {
    name: names.inboundListener(service.name),
    address: { socket_address: { address: ANY_ADDRESS, port_value: mesh.sidecar.inboundPort } },
    traffic_direction: 'INBOUND',
    filter_chains: [{ filters }],
  };
  return mergeFields(
    base,
    policies.map((p) => [p.id, p.inboundListener?.(ctx, filters)] as const),
  );
}

/** `routeConfiguration` is the callee's shared route table; absent for tcp callees. */
export function buildOutboundListener(ctx: OutboundContext, caller: ServiceIR, localPort: number, routeConfiguration: RouteConfiguration | undefined): Listener {
  const { callee, mesh, policies } = ctx;
  const statPrefix = names.outboundStatPrefix(callee.name);
  const filter = routeConfiguration
    ? httpConnectionManagerFilter(
        { mesh, policies, direction: 'outbound', self: caller, callee },
        statPrefix,
        routeConfiguration,
        policies.flatMap((p) => p.outboundHttpFilters?.(ctx) ?? []),
      )
    : tcpProxyFilter(outboundTcpProxy(ctx, caller, statPrefix));
  const base: Listener = {
    name: names.outboundListener(callee.name),
    address: { socket_address: { address: LOOPBACK, port_value: localPort } },
    traffic_direction: 'OUTBOUND',
    filter_chains: [{ filters: [filter] }],
  };
  return applyFields(policies, base, (p) => p.outboundListener, ctx);
}

/** The callee's own TCP settings (shared by every caller), then what every TCP proxy gets. */
function outboundTcpProxy(ctx: OutboundContext, caller: ServiceIR, statPrefix: string): TcpProxy {
  const proxy = applyFields(ctx.policies, { stat_prefix: statPrefix } as TcpProxy, (p) => p.tcpProxy, ctx);
  return applyFields(ctx.policies, proxy, (p) => p.tcpConnection, { mesh: ctx.mesh, policies: ctx.policies, direction: 'outbound', self: caller, callee: ctx.callee });
}

function tcpProxyFilter(config: TcpProxy): Filter {
  return { name: 'envoy.filters.network.tcp_proxy', typed_config: typed(TYPES.tcpProxy, { ...config }) };
}

function httpConnectionManagerFilter(ctx: HcmContext, statPrefix: string, routeConfig: RouteConfiguration, filters: readonly HttpFilter[]): Filter {
  const base: HttpConnectionManager = {
    stat_prefix: statPrefix,
    codec_type: 'AUTO',
    route_config: routeConfig,
    http_filters: orderHttpFilters(filters),
  };
  const hcm = applyFields(ctx.policies, base, (p) => p.httpConnectionManager, ctx);
  return { name: 'envoy.filters.network.http_connection_manager', typed_config: typed(TYPES.httpConnectionManager, { ...hcm }) };
}
