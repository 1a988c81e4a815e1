/**
 * Rate limits, applied by the limited service's own sidecar.
 *  - local: a token bucket per workload (HTTP local rate limit; for tcp, on connections). A
 *    route's own bucket is a second filter, so on that route both the service's and the
 *    route's apply (a per-route config of one filter would replace the service's bucket).
 *  - global: a limit shared by all workloads, counted by the mesh's rate-limit service
 *    (envoyproxy/ratelimit). Every inbound route sends descriptors [service, (route,) by...];
 *    meshc writes the service's configuration with the matching limits to _mesh/ratelimit/.
 */
import { TYPES, typed } from '../envoy/any.js';
import { withMeshTls } from './mtls.js';
import { ownCluster } from './own-cluster.js';
import { names } from '../envoy/names.js';
import { duration } from '../envoy/values.js';
import type { Any, Cluster, Filter, HttpFilter } from '../envoy/types.js';
import type { MeshIR, RateLimitIR, ServiceIR } from '../ir/types.js';
import type { InboundContext, PolicyModule, SidecarFile } from './policy.js';

export const LOCAL_RATE_LIMIT_FILTER = 'envoy.filters.http.local_ratelimit';
/** The second local rate limit filter, which only acts on routes with a bucket of their own. */
export const ROUTE_LOCAL_RATE_LIMIT_FILTER = 'meshc.route_local_ratelimit';
const GLOBAL_RATE_LIMIT_FILTER = 'envoy.filters.http.ratelimit';
const NETWORK_LOCAL_RATE_LIMIT_FILTER = 'envoy.filters.network.local_ratelimit';
const SERVICE_KEY = 'service';
const ROUTE_KEY = 'route';
const REMOTE_ADDRESS_KEY = 'remote_address';
/** The descriptor value of a header a request does not carry. */
const ABSENT = 'absent';

/** Header keys have their own namespace: a header called `route` must not pose as meshc's route key. */
function headerKey(header: string): string {
  return `header:${header}`;
}

export const rateLimit: PolicyModule = {
  id: 'rate-limit',
  order: 1400,
  inboundHttpFilters: (ctx) => (ctx.service.protocol === 'tcp' ? [] : httpFilters(ctx)),
  inboundNetworkFilters: ({ service }) => {
    const local = service.rateLimit?.local;
    if (service.protocol !== 'tcp' || !local) return [];
    const filter: Filter = {
      name: NETWORK_LOCAL_RATE_LIMIT_FILTER,
      typed_config: typed(TYPES.networkLocalRateLimit, {
        stat_prefix: names.inboundStatPrefix(service.name),
        token_bucket: tokenBucket(local),
        // One bucket for every filter chain (mtls: permissive has two), so the declared rate
        // holds in total (share_key in envoy/extensions/filters/network/local_ratelimit/v3).
        share_key: names.inboundStatPrefix(service.name),
      }),
    };
    return [filter];
  },
  inboundRouteFilterConfig: (route, { service }) => {
    if (route.kind === 'health') {
      return service.rateLimit?.local ? { [LOCAL_RATE_LIMIT_FILTER]: typed(TYPES.routeFilterConfig, { disabled: true }) } : undefined;
    }
    const local = route.kind === 'service-route' ? route.route.rateLimit?.local : undefined;
    return local ? { [ROUTE_LOCAL_RATE_LIMIT_FILTER]: localRateLimit(service, local) } : undefined;
  },
  inboundRouteAction: (route, { service }) => {
    if (route.kind === 'health') return undefined;
    const own = route.kind === 'service-route' ? route.route : undefined;
    const limits = [
      ...(service.rateLimit?.global ? descriptorActions(service, undefined, service.rateLimit.global) : []),
      ...(own?.rateLimit?.global ? descriptorActions(service, own.name, own.rateLimit.global) : []),
    ];
    return limits.length > 0 ? { rate_limits: limits.map((actions) => ({ actions })) } : undefined;
  },
  // Counting by client address needs the address of the connection, not one the caller wrote
  // into x-forwarded-for: the connection manager must trust only the socket.
  httpConnectionManager: ({ direction, self }) => (direction === 'inbound' && byRemoteAddress(self) ? TRUST_THE_SOCKET_ONLY : undefined),
  sidecarClusters: ({ mesh, service }) => (usesGlobal(service) && mesh.rateLimitService ? [rateLimitCluster(mesh)] : []),
  meshFiles: (mesh) => (mesh.rateLimitService && mesh.services.some(usesGlobal) ? [serviceConfig(mesh)] : []),
};

/**
 * With use_remote_address, Envoy takes a caller without X-Forwarded-For as internal when its
 * address is: before 1.36, any RFC 1918 address, which is every workload of the mesh. An
 * internal request keeps its x-envoy-* controls (retries, timeouts; CVE-2024-45806). The one
 * range given holds no address a TCP peer can have, so no caller is internal on any version.
 */
const TRUST_THE_SOCKET_ONLY = {
  use_remote_address: true,
  internal_address_config: { unix_sockets: false, cidr_ranges: [{ address_prefix: '0.0.0.0', prefix_len: 32 }] },
} as const;

function byRemoteAddress(service: ServiceIR): boolean {
  return [service.rateLimit, ...service.routes.map((r) => r.rateLimit)].some((l) => l?.global?.by.some((b) => b.kind === 'remote-address'));
}

function httpFilters({ mesh, service }: InboundContext): HttpFilter[] {
  const filters: HttpFilter[] = [];
  const local = service.rateLimit?.local;
  if (local) filters.push({ name: LOCAL_RATE_LIMIT_FILTER, typed_config: localRateLimit(service, local) });
  // Without a bucket of its own, this filter only acts where a route configures one.
  if (service.routes.some((r) => r.rateLimit?.local)) {
    filters.push({ name: ROUTE_LOCAL_RATE_LIMIT_FILTER, typed_config: localRateLimit(service, undefined) });
  }
  const rls = mesh.rateLimitService;
  if (rls && usesGlobal(service)) {
    filters.push({
      name: GLOBAL_RATE_LIMIT_FILTER,
      typed_config: typed(TYPES.httpRateLimit, {
        domain: rls.domain,
        timeout: duration(rls.timeoutMs),
        failure_mode_deny: !rls.failOpen,
        rate_limit_service: {
          grpc_service: { envoy_grpc: { cluster_name: names.rateLimitCluster } },
          transport_api_version: 'V3',
        },
      }),
    });
  }
  return filters;
}

function localRateLimit(service: ServiceIR, local: RateLimitIR['local']): Any {
  return typed(TYPES.httpLocalRateLimit, {
    stat_prefix: names.inboundStatPrefix(service.name),
    ...(local
      ? {
          token_bucket: tokenBucket(local),
          filter_enabled: { default_value: { numerator: 100, denominator: 'HUNDRED' }, runtime_key: 'meshc.local_rate_limit.enabled' },
          filter_enforced: { default_value: { numerator: 100, denominator: 'HUNDRED' }, runtime_key: 'meshc.local_rate_limit.enforced' },
        }
      : {}),
  });
}

function tokenBucket(local: NonNullable<RateLimitIR['local']>): Record<string, unknown> {
  return { max_tokens: local.maxTokens, tokens_per_fill: local.tokensPerFill, fill_interval: duration(local.fillIntervalMs) };
}

/**
 * The descriptors of one limit, as alternative action lists. Envoy sends no descriptor at all
 * when a header it counts by is missing, which would let requests without the header escape
 * the limit; so for each header there is a second list for requests without it, all counted
 * together under the value ABSENT.
 */
function descriptorActions(service: ServiceIR, route: string | undefined, global: NonNullable<RateLimitIR['global']>): unknown[][] {
  let lists: unknown[][] = [
    [
      { generic_key: { descriptor_key: SERVICE_KEY, descriptor_value: service.name } },
      ...(route !== undefined ? [{ generic_key: { descriptor_key: ROUTE_KEY, descriptor_value: route } }] : []),
    ],
  ];
  for (const by of global.by) {
    const alternatives: unknown[] =
      by.kind === 'header'
        ? [
            { request_headers: { header_name: by.name, descriptor_key: headerKey(by.name) } },
            {
              header_value_match: {
                descriptor_key: headerKey(by.name),
                descriptor_value: ABSENT,
                expect_match: false,
                headers: [{ name: by.name, present_match: true }],
              },
            },
          ]
        : [{ remote_address: {} }];
    lists = lists.flatMap((list) => alternatives.map((a) => [...list, a]));
  }
  return lists;
}

function usesGlobal(service: ServiceIR): boolean {
  return service.rateLimit?.global !== undefined || service.routes.some((r) => r.rateLimit?.global);
}

function rateLimitCluster(mesh: MeshIR): Cluster {
  const rls = mesh.rateLimitService;
  if (!rls) throw new Error('rateLimitCluster: no rate-limit service');
  return withMeshTls(mesh, ownCluster(names.rateLimitCluster, { host: rls.host, port: rls.port }, { http2: true }), rls.mtlsIdentity, true);
}

/** envoyproxy/ratelimit configuration: one descriptor tree per limited service. */
function serviceConfig(mesh: MeshIR): SidecarFile {
  const descriptors = mesh.services.filter(usesGlobal).map((service) => {
    const children = service.routes.filter((r) => r.rateLimit?.global).map((r) => ({ key: ROUTE_KEY, value: r.name, ...limitTree(r.rateLimit?.global) }));
    const own = service.rateLimit?.global;
    const serviceLevel = limitTree(own);
    const nested = [...('descriptors' in serviceLevel ? (serviceLevel.descriptors as unknown[]) : []), ...children];
    return {
      key: SERVICE_KEY,
      value: service.name,
      ...('rate_limit' in serviceLevel ? { rate_limit: serviceLevel.rate_limit } : {}),
      ...(nested.length > 0 ? { descriptors: nested } : {}),
    };
  });
  return { path: 'ratelimit/config.yaml', content: { domain: mesh.rateLimitService?.domain, descriptors } };
}

/** The limit at the end of a `by` chain: key, key, ..., rate_limit. */
function limitTree(global: RateLimitIR['global']): Record<string, unknown> {
  if (!global) return {};
  const rate_limit = { unit: global.unit, requests_per_unit: global.requests };
  const keys = global.by.map((b) => (b.kind === 'header' ? headerKey(b.name) : REMOTE_ADDRESS_KEY));
  let node: Record<string, unknown> = { rate_limit };
  for (let i = keys.length - 1; i >= 0; i--) node = { descriptors: [{ key: keys[i], ...node }] };
  return node;
}
