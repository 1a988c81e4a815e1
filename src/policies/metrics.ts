/**
 * Metrics. Every sidecar serves Prometheus text on its metrics port at /stats/prometheus and
 * nothing else of the admin API (which stays on loopback). Stat names become labels through
 * tag extraction, so per-edge PromQL needs no relabeling:
 *   service    the sidecar's own service (every metric)
 *   direction  inbound | outbound (cluster and HTTP connection manager stats)
 *   peer       the called service (outbound stats)
 *   version    the called version (outbound cluster stats)
 * next to Envoy's own envoy_cluster_name, envoy_http_conn_manager_prefix and
 * envoy_response_code_class. An inclusion list keeps only the stats the rules and dashboard
 * use: per-cluster stats dominate Envoy's memory.
 * Envoy runs every extractor on the full stat name (tag_producer_impl.cc), so these regexes see
 * the cluster name even though the default cluster_name extractor also takes it.
 */
import { TYPES, typed } from '../envoy/any.js';
import { socketAddress } from '../envoy/endpoints.js';
import { ownCluster } from './own-cluster.js';
import { names } from '../envoy/names.js';
import type { Cluster, Filter, Listener } from '../envoy/types.js';
import { scraperId } from '../ir/identity.js';
import type { MeshIR, ServiceIR } from '../ir/types.js';
import { downstreamTlsSocket, handshakeDeadline } from './mtls.js';
import { http2Limits } from './hardening.js';
import type { PolicyModule } from './policy.js';

export const METRICS_PATH = '/stats/prometheus';

/** Tag name → regexes whose first group is removed from the stat name and second is the value. */
export const STATS_TAGS: readonly { readonly tag: string; readonly regex: string }[] = [
  { tag: 'direction', regex: '^cluster\\.((inbound|outbound)\\|)' },
  { tag: 'direction', regex: '^http\\.((inbound|outbound)\\|)' },
  { tag: 'peer', regex: '^cluster\\.outbound\\|(([^|.]+)\\|)' },
  { tag: 'peer', regex: '^http\\.outbound\\|(([^|.]+)\\.)' },
  { tag: 'version', regex: '^cluster\\.outbound\\|[^|.]+\\|(([^|.]+)\\.)' },
  // The local rate limit and network RBAC filters name their stats after the listener's prefix
  // (inbound|<service>.); taking it off gives one metric name for every service.
  { tag: 'direction', regex: '^(((?:inbound|outbound))\\|[^.]+\\.)(?:http_local_rate_limit|rbac)\\.' },
  { tag: 'direction', regex: '^local_ratelimit\\.(((?:inbound|outbound))\\|[^.]+\\.)' },
  { tag: 'direction', regex: '^tcp\\.(((?:inbound|outbound))\\|[^.]+\\.)' },
  { tag: 'peer', regex: '^vhost\\.(([^.]+)\\.)route\\.' },
  { tag: 'route', regex: '^vhost\\.[^.]+\\.route\\.(([^.]+)\\.)' },
];

/** Only what the rules and dashboard use, and what operators reach for first. */
export const STATS_INCLUSION: readonly Record<string, unknown>[] = [
  { prefix: 'server.' },
  { prefix: 'overload.' },
  { prefix: 'cluster_manager.' },
  { prefix: 'listener_manager.' },
  { prefix: 'sds.' },
  { prefix: 'http.inbound|' },
  { prefix: 'http.outbound|' },
  {
    safe_regex: {
      regex:
        '^cluster\\.(inbound|outbound)\\|[^.]+\\.(upstream_rq_([1-5]xx|total|time|active|pending_active|pending_overflow|retry|retry_overflow|timeout|per_try_timeout)|upstream_cx_(active|total|connect_fail|connect_timeout)|ratelimit\\..+|circuit_breakers\\..+|outlier_detection\\..+|ssl\\..+|health_check\\..+|membership_(healthy|total))$',
    },
  },
  { safe_regex: { regex: '^listener\\..+\\.(downstream_cx_(active|total|overflow)|ssl\\..+)$' } },
  // Per-route stats of named routes, in the caller (Route.stat_prefix).
  { safe_regex: { regex: '^vhost\\.[^.]+\\.route\\.[^.]+\\.upstream_rq_.+$' } },
  // The local rate limit and network RBAC stats, under the listener's stat prefix.
  { safe_regex: { regex: '^(inbound|outbound)\\|[^.]+\\.(http_local_rate_limit|rbac)\\..+$' } },
  { prefix: 'local_ratelimit.' },
  // TCP proxies, inbound and outbound.
  { prefix: 'tcp.' },
];

export const metrics: PolicyModule = {
  id: 'metrics',
  order: 1500,
  bootstrap: ({ service }) => ({
    stats_config: {
      stats_tags: [{ tag_name: 'service', fixed_value: service.name }, ...STATS_TAGS.map((t) => ({ tag_name: t.tag, regex: t.regex }))],
      stats_matcher: { inclusion_list: { patterns: STATS_INCLUSION } },
    },
  }),
  sidecarListeners: ({ mesh, service }) => [metricsListener(mesh, service)],
  sidecarClusters: ({ mesh }) => [adminCluster(mesh)],
};

function metricsListener(mesh: MeshIR, service: ServiceIR): Listener {
  const hcm = {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: typed(TYPES.httpConnectionManager, {
      stat_prefix: names.metricsListener,
      codec_type: 'AUTO',
      route_config: {
        name: names.metricsListener,
        virtual_hosts: [
          {
            name: names.metricsListener,
            domains: ['*'],
            // Any other path gets 404: only the Prometheus endpoint of the admin API is exposed.
            routes: [{ name: 'prometheus', match: { path: METRICS_PATH }, route: { cluster: names.adminCluster, timeout: '5s' } }],
          },
        ],
      },
      http_filters: [{ name: 'envoy.filters.http.router', typed_config: typed(TYPES.router) }],
      // Scrapes are short: tighter than the mesh's own timeouts, with its HTTP/2 limits.
      request_headers_timeout: '10s',
      stream_idle_timeout: '30s',
      http2_protocol_options: http2Limits(mesh.sidecar.hardening),
    }),
  };
  const tls = mesh.observability.metricsTls === 'mesh' && service.mtls !== 'off';
  return {
    name: names.metricsListener,
    address: socketAddress('0.0.0.0', mesh.sidecar.metricsPort),
    // Scrapes must work when the sidecar is overloaded or at its connection limit: that is when they matter.
    bypass_overload_manager: true,
    ignore_global_conn_limit: true,
    per_connection_buffer_limit_bytes: mesh.sidecar.hardening.bufferLimitBytes,
    filter_chains: [
      {
        filters: [connectionLimit(mesh.sidecar.hardening.metricsMaxConnections), hcm],
        ...(tls
          ? {
              transport_socket: downstreamTlsSocket(mesh, { exact: scraperId(mesh.trustDomain) }, true),
              ...handshakeDeadline(mesh.sidecar.hardening),
            }
          : {}),
      },
    ],
  };
}

/**
 * The listener is outside the global connection limit, so it carries its own: anyone who can reach
 * the port could otherwise open connections until the process runs out of file descriptors.
 */
function connectionLimit(maxConnections: number): Filter {
  return {
    name: 'envoy.filters.network.connection_limit',
    typed_config: typed(TYPES.connectionLimit, { stat_prefix: names.metricsListener, max_connections: String(maxConnections) }),
  };
}

function adminCluster(mesh: MeshIR): Cluster {
  return ownCluster(names.adminCluster, { host: '127.0.0.1', port: mesh.sidecar.adminPort });
}
