/** Type URLs of every protobuf message meshc packs into a `google.protobuf.Any`. */
import type { Any } from './types.js';

export const TYPES = {
  httpConnectionManager: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  tcpProxy: 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  connectionLimit: 'envoy.extensions.filters.network.connection_limit.v3.ConnectionLimit',
  router: 'envoy.extensions.filters.http.router.v3.Router',
  fault: 'envoy.extensions.filters.http.fault.v3.HTTPFault',
  httpProtocolOptions: 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
  previousHosts: 'envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
  roundRobin: 'envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin',
  leastRequest: 'envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest',
  random: 'envoy.extensions.load_balancing_policies.random.v3.Random',
  ringHash: 'envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash',
  maglev: 'envoy.extensions.load_balancing_policies.maglev.v3.Maglev',
  tlsInspector: 'envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
  downstreamTlsContext: 'envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
  upstreamTlsContext: 'envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
  secret: 'envoy.extensions.transport_sockets.tls.v3.Secret',
  httpRbac: 'envoy.extensions.filters.http.rbac.v3.RBAC',
  networkRbac: 'envoy.extensions.filters.network.rbac.v3.RBAC',
  jwtAuthn: 'envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication',
  httpLocalRateLimit: 'envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
  networkLocalRateLimit: 'envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit',
  httpRateLimit: 'envoy.extensions.filters.http.ratelimit.v3.RateLimit',
  routeFilterConfig: 'envoy.config.route.v3.FilterConfig',
  headerMutation: 'envoy.extensions.filters.http.header_mutation.v3.HeaderMutation',
  stdoutAccessLog: 'envoy.extensions.access_loggers.stream.v3.StdoutAccessLog',
  fileAccessLog: 'envoy.extensions.access_loggers.file.v3.FileAccessLog',
  reqWithoutQuery: 'envoy.extensions.formatter.req_without_query.v3.ReqWithoutQuery',
  openTelemetryTracer: 'envoy.config.trace.v3.OpenTelemetryConfig',
  zipkinTracer: 'envoy.config.trace.v3.ZipkinConfig',
  fixedHeap: 'envoy.extensions.resource_monitors.fixed_heap.v3.FixedHeapConfig',
  downstreamConnections: 'envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig',
} as const;

const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** Packs fields as an Any of the given message type. */
export function typed(type: string, fields: Readonly<Record<string, unknown>> = {}): Any {
  return { '@type': TYPE_URL_PREFIX + type, ...fields };
}
