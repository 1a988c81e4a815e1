/**
 * Access logs: one JSON line per HTTP request on every connection manager, inbound and
 * outbound, to stdout (or a file). `errors-only` keeps 4xx/5xx responses and requests Envoy
 * itself failed (response flags such as UF, UH, NR).
 */
import { TYPES, typed } from '../envoy/any.js';
import type { AccessLog } from '../envoy/types.js';
import type { HcmContext, PolicyModule } from './policy.js';

const ERROR_STATUS = 400;

export const accessLog: PolicyModule = {
  id: 'access-log',
  order: 1600,
  httpConnectionManager: (ctx) => (ctx.mesh.observability.accessLog.mode === 'off' ? undefined : { access_log: [logger(ctx)] }),
};

function logger(ctx: HcmContext): AccessLog {
  const { mode, path } = ctx.mesh.observability.accessLog;
  const log_format = { json_format: fields(ctx) };
  return {
    name: path ? 'envoy.access_loggers.file' : 'envoy.access_loggers.stdout',
    ...(mode === 'errors-only' ? { filter: errorsOnly() } : {}),
    typed_config: path ? typed(TYPES.fileAccessLog, { path, log_format }) : typed(TYPES.stdoutAccessLog, { log_format }),
  };
}

/** What a request looks like in the log; `service` is the sidecar's own service, `peer` the callee. */
function fields({ mesh, direction, self, callee }: HcmContext): Record<string, string> {
  const tracing = mesh.observability.tracing;
  return {
    start_time: '%START_TIME%',
    service: self.name,
    direction,
    ...(callee ? { peer: callee.name } : {}),
    method: '%REQ(:METHOD)%',
    path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%',
    protocol: '%PROTOCOL%',
    status: '%RESPONSE_CODE%',
    grpc_status: '%GRPC_STATUS%',
    response_flags: '%RESPONSE_FLAGS%',
    duration_ms: '%DURATION%',
    bytes_received: '%BYTES_RECEIVED%',
    bytes_sent: '%BYTES_SENT%',
    upstream_cluster: '%UPSTREAM_CLUSTER%',
    upstream_host: '%UPSTREAM_HOST%',
    request_id: '%REQ(X-REQUEST-ID)%',
    ...(tracing ? { trace: tracing.provider === 'zipkin' ? '%REQ(X-B3-TRACEID)%' : '%REQ(TRACEPARENT)%' } : {}),
    ...(direction === 'inbound' ? { peer_identity: '%DOWNSTREAM_PEER_URI_SAN%' } : {}),
  };
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
