/**
 * Listeners. Inbound: 0.0.0.0:<inboundPort>, everything to the local application. Outbound: one
 * per called service on 127.0.0.1:<localPort>, carrying the callee's routes (HTTP) or a TCP
 * proxy (tcp).
 */
import { TYPES, typed } from '../envoy/any.js';
import { names } from '../envoy/names.js';
import type { Filter, Listener, RouteConfiguration, TcpProxy } from '../envoy/types.js';
import { POLICIES, type InboundContext, type OutboundContext } from '../policies/index.js';
import { orderHttpFilters } from './http-filters.js';
import { buildInboundRouteConfiguration } from './route.js';
import type { HttpFilter } from '../envoy/types.js';

const ANY_ADDRESS = '0.0.0.0';
const LOOPBACK = '127.0.0.1';

export function buildInboundListener(ctx: InboundContext): Listener {
  const { service, mesh } = ctx;
  const filter =
    service.protocol === 'tcp'
      ? tcpProxyFilter({ stat_prefix: names.inboundStatPrefix(service.name), cluster: names.inboundCluster(service.name) })
      : httpConnectionManager(names.inboundStatPrefix(service.name), buildInboundRouteConfiguration(ctx), []);
  return {
    name: names.inboundListener(service.name),
    address: { socket_address: { address: ANY_ADDRESS, port_value: mesh.sidecar.inboundPort } },
    traffic_direction: 'INBOUND',
    filter_chains: [{ filters: [filter] }],
  };
}

/** `routeConfiguration` is the callee's shared route table; absent for tcp callees. */
export function buildOutboundListener(
  ctx: OutboundContext,
  localPort: number,
  routeConfiguration: RouteConfiguration | undefined,
): Listener {
  const { callee } = ctx;
  const statPrefix = names.outboundStatPrefix(callee.name);
  const filter = routeConfiguration
    ? httpConnectionManager(statPrefix, routeConfiguration, outboundHttpFilters(ctx))
    : tcpProxyFilter(tcpProxyConfig(ctx, statPrefix));
  return {
    name: names.outboundListener(callee.name),
    address: { socket_address: { address: LOOPBACK, port_value: localPort } },
    traffic_direction: 'OUTBOUND',
    filter_chains: [{ filters: [filter] }],
  };
}

function outboundHttpFilters(ctx: OutboundContext): HttpFilter[] {
  return POLICIES.flatMap((p) => p.outboundHttpFilters?.(ctx) ?? []);
}

function tcpProxyConfig(ctx: OutboundContext, statPrefix: string): TcpProxy {
  let config: TcpProxy = { stat_prefix: statPrefix };
  for (const policy of POLICIES) {
    const fields = policy.tcpProxy?.(ctx);
    if (fields) config = { ...config, ...fields };
  }
  return config;
}

function tcpProxyFilter(config: TcpProxy): Filter {
  return { name: 'envoy.filters.network.tcp_proxy', typed_config: typed(TYPES.tcpProxy, { ...config }) };
}

function httpConnectionManager(statPrefix: string, routeConfig: RouteConfiguration, filters: readonly HttpFilter[]): Filter {
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: typed(TYPES.httpConnectionManager, {
      stat_prefix: statPrefix,
      codec_type: 'AUTO',
      route_config: routeConfig,
      http_filters: orderHttpFilters(filters),
    }),
  };
}
