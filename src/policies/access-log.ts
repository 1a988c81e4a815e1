/**
 * Access logs: one JSON line per HTTP request on every connection manager, and one per TCP
 * connection on every TCP proxy, inbound and outbound, to stdout (or a file). `errors-only`
 * keeps 4xx/5xx responses and what Envoy itself failed (response flags such as UF, UH, NR).
 * The path logged is the one routed (after normalization), without its query string, which
 * often carries credentials; x-envoy-original-path is not trusted, since a caller can send it.
 */
import { TYPES, typed } from '../envoy/any.js';
import type { AccessLog } from '../envoy/types.js';
import type { HcmContext, PolicyModule } from './policy.js';

const ERROR_STATUS = 400;

export const accessLog: PolicyModule = {
  id: 'access-log',
  order: 1600,
  httpConnectionManager: (ctx) => (ctx.mesh.observability.accessLog.mode === 'off' ? undefined : { access_log: [logger(ctx, 'http')] }),
  tcpConnection: (ctx) => (ctx.mesh.observability.accessLog.mode === 'off' ? undefined : { access_log: [logger(ctx, 'tcp')] }),
};

/** REQ_WITHOUT_QUERY needs its formatter extension named next to the format. */
const WITHOUT_QUERY = [{ name: 'envoy.formatter.req_without_query', typed_config: typed(TYPES.reqWithoutQuery, {}) }];

function logger(ctx: HcmContext, kind: 'http' | 'tcp'): AccessLog {
  const { mode, path } = ctx.mesh.observability.accessLog;
  const log_format = kind === 'http' ? { json_format: httpFields(ctx), formatters: WITHOUT_QUERY } : { json_format: tcpFields(ctx) };
  return {
    name: path ? 'envoy.access_loggers.file' : 'envoy.access_loggers.stdout',
    ...(mode === 'errors-only' ? { filter: kind === 'http' ? errorsOnly() : { response_flag_filter: {} } } : {}),
    typed_config: path ? typed(TYPES.fileAccessLog, { path, log_format }) : typed(TYPES.stdoutAccessLog, { log_format }),
  };
}

/** Who logs: `service` is the sidecar's own service, `peer` the callee. */
function sidecarFields({ direction, self, callee }: HcmContext): Record<string, string> {
  return { start_time: '%START_TIME%', service: self.name, direction, ...(callee ? { peer: callee.name } : {}) };
}

/** What a connection looks like in the log, TCP or HTTP. */
function connectionFields({ direction }: HcmContext): Record<string, string> {
  return {
    response_flags: '%RESPONSE_FLAGS%',
    duration_ms: '%DURATION%',
    bytes_received: '%BYTES_RECEIVED%',
    bytes_sent: '%BYTES_SENT%',
    upstream_cluster: '%UPSTREAM_CLUSTER%',
    upstream_host: '%UPSTREAM_HOST%',
    ...(direction === 'inbound' ? { peer_identity: '%DOWNSTREAM_PEER_URI_SAN%' } : {}),
  };
}

function httpFields(ctx: HcmContext): Record<string, string> {
  const tracing = ctx.mesh.observability.tracing;
  return {
    ...sidecarFields(ctx),
    method: '%REQ(:METHOD)%',
    path: '%REQ_WITHOUT_QUERY(:PATH)%',
    route: '%ROUTE_NAME%',
    protocol: '%PROTOCOL%',
    status: '%RESPONSE_CODE%',
    grpc_status: '%GRPC_STATUS%',
    ...connectionFields(ctx),
    request_id: '%REQ(X-REQUEST-ID)%',
    ...(tracing ? { trace: tracing.provider === 'zipkin' ? '%REQ(X-B3-TRACEID)%' : '%REQ(TRACEPARENT)%' } : {}),
  };
}

function tcpFields(ctx: HcmContext): Record<string, string> {
  return { ...sidecarFields(ctx), ...connectionFields(ctx), termination: '%CONNECTION_TERMINATION_DETAILS%' };
}

function errorsOnly(): Record<string, unknown> {
  return {
    or_filter: {
      filters: [
        { status_code_filter: { comparison: { op: 'GE', value: { default_value: ERROR_STATUS, runtime_key: 'meshc.access_log.min_status' } } } },
        { response_flag_filter: {} },
      ],
    },
  };
}
