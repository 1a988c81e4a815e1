/**
 * What a proxyless caller's gRPC channel to one callee gets: an API listener named after the
 * callee (the application dials `xds:///<callee>`), the callee's routes over RDS, and an EDS
 * cluster per version whose assignment carries a weighted locality. The shapes follow what
 * grpc-js-xds 1.14 accepts (listener-resource-type.ts, route-config-resource-type.ts,
 * cluster-resource-type.ts, endpoint-resource-type.ts); the callee's policy is translated to what
 * gRPC honours, and the rest is reported by the ignored-by-grpc rule. These resources are the
 * same for every proxyless caller of the callee, so they are built once per mesh.
 */
import { TYPES, typed } from '../envoy/any.js';
import { lbEndpoint, socketAddress } from '../envoy/endpoints.js';
import { names } from '../envoy/names.js';
import { duration } from '../envoy/values.js';
import { BUILTIN } from '../dsl/builtin.js';
import { GRPC_RETRY_CONDITIONS } from '../dsl/grpc.js';
import type { MatchIR, MeshIR, Origin, RouteIR, ServiceIR, VersionIR } from '../ir/types.js';
import type { RetriesIR } from '../features/retries/ir.js';
import { faultConfig, FAULT_FILTER } from '../policies/fault.js';
import { outlierDetectionConfig } from '../policies/outlier-detection.js';
import { destination } from '../policies/traffic-split.js';
import { ROUTER_FILTER } from '../sidecar/http-filters.js';
import { buildRouteMatch } from '../sidecar/route.js';
import type { ServedResource } from '../xds/ads.js';
import { XDS_TYPES, type XdsType } from '../xds/dynamic.js';
import { grpcUpstreamTls } from './tls.js';

type Json = Record<string, unknown>;

const ADS = { resource_api_version: 'V3', ads: {} };
/** The last HTTP filter of every gRPC connection manager (grpc-js NACKs a router anywhere else). */
export const ROUTER = { name: ROUTER_FILTER, typed_config: typed(TYPES.router) };

/** The callee's resources for proxyless callers, with the DSL node each came from. */
export function grpcClientResources(mesh: MeshIR, callee: ServiceIR): ServedResource[] {
  const clusters = callee.versions.map((version) => ({ version, name: names.outboundCluster(callee.name, version.name) }));
  return [
    ...clusters.map(({ version, name }) => servedResource('cluster', name, cluster(mesh, callee, version, name), version.origin)),
    ...clusters.flatMap(({ version, name }) =>
      version.discovery.kind === 'static' ? [servedResource('clusterLoadAssignment', name, grpcAssignment(name, version), version.origin)] : [],
    ),
    servedResource('listener', names.grpcClientListener(callee.name), apiListener(callee), callee.origin),
    servedResource('routeConfiguration', names.outboundRouteConfig(callee.name), routeConfiguration(callee), callee.origin),
  ];
}

export function servedResource(type: XdsType, name: string, value: Json, origin: Origin): ServedResource {
  return { type, name, value: typed(XDS_TYPES[type], value), origin };
}

function apiListener(callee: ServiceIR): Json {
  const faults = callee.routes.some((r) => r.fault);
  return {
    name: names.grpcClientListener(callee.name),
    api_listener: {
      api_listener: typed(TYPES.httpConnectionManager, {
        stat_prefix: names.outboundStatPrefix(callee.name),
        rds: { route_config_name: names.outboundRouteConfig(callee.name), config_source: ADS },
        // The fault filter does nothing until a route configures it.
        http_filters: [...(faults ? [{ name: FAULT_FILTER, typed_config: typed(TYPES.fault) }] : []), ROUTER],
      }),
    },
  };
}

function routeConfiguration(callee: ServiceIR): Json {
  return {
    name: names.outboundRouteConfig(callee.name),
    virtual_hosts: [
      {
        name: names.virtualHost(callee.name),
        domains: ['*'],
        routes: callee.routes.flatMap((route) => {
          const match = grpcMatch(route.match);
          return match ? [grpcRoute(callee, route, match)] : [];
        }),
      },
    ],
  };
}

/**
 * A route's match as gRPC evaluates it. Every gRPC call is a POST without a query string, and
 * grpc-js sees neither `:method` nor query parameters: a method condition with POST is always
 * true and is dropped, and a route that asks for another method or for any query parameter never
 * matches a gRPC call and is left out; either way gRPC picks the route Envoy would.
 */
function grpcMatch(match: MatchIR): MatchIR | undefined {
  if (match.methods.length > 0 && !match.methods.includes('POST')) return undefined;
  if (match.query.length > 0) return undefined;
  return { ...match, methods: [] };
}

function grpcRoute(callee: ServiceIR, route: RouteIR, match: MatchIR): Json {
  const lb = callee.cluster.loadBalancer;
  const retry = route.retries && grpcRetryPolicy(route.retries);
  return {
    name: route.name,
    match: buildRouteMatch(match),
    route: {
      ...destination(callee.name, route.action),
      // gRFC A31: the call's deadline is capped at this (0 would mean "the application's deadline").
      ...(route.timeoutMs > 0 ? { max_stream_duration: { grpc_timeout_header_max: duration(route.timeoutMs) } } : {}),
      ...(retry ? { retry_policy: retry } : {}),
      ...('hashOn' in lb && lb.hashOn.kind === 'header' ? { hash_policy: [{ header: { header_name: lb.hashOn.name } }] } : {}),
    },
    ...(route.fault ? { typed_per_filter_config: { [FAULT_FILTER]: faultConfig(route.fault) } } : {}),
  };
}

/** gRFC A44: only gRPC status codes, at most 4 retries; no retry left means no policy at all. */
function grpcRetryPolicy(r: RetriesIR): Json | undefined {
  const on = r.on.filter((c) => (GRPC_RETRY_CONDITIONS as readonly string[]).includes(c));
  if (on.length === 0) return undefined;
  return {
    retry_on: on.join(','),
    num_retries: Math.min(r.attempts, BUILTIN.grpc.maxRetries),
    ...(r.backoff ? { retry_back_off: { base_interval: duration(r.backoff.baseMs), ...(r.backoff.maxMs !== undefined ? { max_interval: duration(r.backoff.maxMs) } : {}) } } : {}),
  };
}

function cluster(mesh: MeshIR, callee: ServiceIR, version: VersionIR, name: string): Json {
  const policy = version.cluster ?? callee.cluster;
  const discovery = version.discovery;
  return {
    name,
    ...(discovery.kind === 'dns'
      ? {
          // grpc-js takes exactly one host name from an inline assignment (LOGICAL_DNS).
          type: 'LOGICAL_DNS',
          load_assignment: { cluster_name: name, endpoints: [{ locality: {}, lb_endpoints: [lbEndpoint(socketAddress(discovery.host, discovery.port))] }] },
        }
      : { type: 'EDS', eds_cluster_config: { service_name: name, eds_config: ADS } }),
    ...loadBalancing(policy.loadBalancer),
    circuit_breakers: { thresholds: [{ priority: 'DEFAULT', max_requests: policy.circuitBreaker.maxRequests }] },
    ...(policy.outlierDetection ? { outlier_detection: outlierDetectionConfig(policy.outlierDetection) } : {}),
    ...(callee.mtls !== 'off' ? { transport_socket: grpcUpstreamTls(mesh, callee.name) } : {}),
  };
}

/**
 * gRFC A52: the client takes the first policy it knows, so least-request falls back to round
 * robin on clients without it (grpc-js NACKs a bare LEAST_REQUEST lb_policy). Ring hash needs
 * xxHash (the only function gRPC implements); random and Maglev become round robin (warned).
 */
function loadBalancing(lb: ServiceIR['cluster']['loadBalancer']): Json {
  switch (lb.policy) {
    case 'least-request':
      return {
        load_balancing_policy: {
          policies: [
            { typed_extension_config: { name: 'envoy.load_balancing_policies.least_request', typed_config: typed(TYPES.leastRequest) } },
            { typed_extension_config: { name: 'envoy.load_balancing_policies.round_robin', typed_config: typed(TYPES.roundRobin) } },
          ],
        },
      };
    case 'ring-hash':
      return {
        lb_policy: 'RING_HASH',
        ring_hash_lb_config: { hash_function: 'XX_HASH', ...(lb.minRingSize !== undefined ? { minimum_ring_size: lb.minRingSize } : {}) },
      };
    default:
      return { lb_policy: 'ROUND_ROBIN' };
  }
}

/**
 * Endpoints in one locality with a weight: grpc-js drops a locality without
 * `load_balancing_weight` and NACKs one without `locality` (endpoint-resource-type.ts).
 */
function grpcAssignment(name: string, version: VersionIR): Json {
  if (version.discovery.kind !== 'static') throw new Error(`grpcAssignment: ${name} is not a static version`);
  const lb_endpoints = version.discovery.endpoints.map((e) => lbEndpoint(socketAddress(e.address, e.port), e.weight));
  return { cluster_name: name, endpoints: lb_endpoints.length > 0 ? [{ locality: {}, load_balancing_weight: 1, lb_endpoints }] : [] };
}
