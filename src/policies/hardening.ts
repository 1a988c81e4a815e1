/**
 * The protections every sidecar gets, after Envoy's edge best practices: bounded buffers,
 * an overload manager watching the heap and the number of connections, strict path handling
 * (normalized, merged slashes, escaped slashes refused: RBAC path rules cannot be bypassed),
 * header-name hygiene, timeouts against slow clients, and bounded HTTP/2 streams and windows.
 * Each value has a default in dsl/builtin.ts and an override under mesh.sidecar.hardening.
 */
import { TYPES, typed } from '../envoy/any.js';
import { duration } from '../envoy/values.js';
import type { HardeningIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

const MIB = 1024 * 1024;

const UNDERSCORES = { reject: 'REJECT_REQUEST', drop: 'DROP_HEADER', allow: 'ALLOW' } as const;
const ESCAPED_SLASHES = {
  keep: 'KEEP_UNCHANGED',
  reject: 'REJECT_REQUEST',
  'unescape-and-redirect': 'UNESCAPE_AND_REDIRECT',
  'unescape-and-forward': 'UNESCAPE_AND_FORWARD',
} as const;

export const hardening: PolicyModule = {
  id: 'hardening',
  order: 1100,
  inboundListener: ({ mesh }) => ({ per_connection_buffer_limit_bytes: mesh.sidecar.hardening.bufferLimitBytes }),
  outboundListener: ({ mesh }) => ({ per_connection_buffer_limit_bytes: mesh.sidecar.hardening.bufferLimitBytes }),
  inboundCluster: ({ mesh }) => ({ per_connection_buffer_limit_bytes: mesh.sidecar.hardening.bufferLimitBytes }),
  outboundCluster: ({ mesh }) => ({ per_connection_buffer_limit_bytes: mesh.sidecar.hardening.bufferLimitBytes }),
  sidecarCluster: ({ mesh }) => ({ per_connection_buffer_limit_bytes: mesh.sidecar.hardening.bufferLimitBytes }),
  httpConnectionManager: ({ mesh, direction }) => shared(direction === 'inbound' ? INBOUND_HTTP : OUTBOUND_HTTP, mesh.sidecar.hardening, (h) => httpHardening(h, direction)),
  bootstrap: ({ mesh }) => ({ overload_manager: shared(OVERLOAD_MANAGERS, mesh.sidecar.hardening, overloadManager) }),
};

// One object per mesh, shared by every connection manager and bootstrap, so the serializer
// writes it once and reuses its text.
const INBOUND_HTTP = new WeakMap<HardeningIR, ReturnType<typeof httpHardening>>();
const OUTBOUND_HTTP = new WeakMap<HardeningIR, ReturnType<typeof httpHardening>>();
const OVERLOAD_MANAGERS = new WeakMap<HardeningIR, Record<string, unknown>>();

function shared<V>(memo: WeakMap<HardeningIR, V>, key: HardeningIR, build: (h: HardeningIR) => V): V {
  let value = memo.get(key);
  if (value === undefined) memo.set(key, (value = build(key)));
  return value;
}

/**
 * Header names with underscores are the mesh's choice on inbound, where other workloads call;
 * the app talking to its own sidecar is trusted, so outbound allows them and routes on them match.
 */
function httpHardening(h: HardeningIR, direction: 'inbound' | 'outbound') {
  return {
    normalize_path: h.normalizePath,
    merge_slashes: h.mergeSlashes,
    path_with_escaped_slashes_action: ESCAPED_SLASHES[h.escapedSlashes],
    request_headers_timeout: duration(h.requestHeadersTimeoutMs),
    // Callers are other workloads: one that trickles a body must not hold a stream forever. The
    // app's own requests are bounded by the route timeouts of the mesh it calls.
    ...(direction === 'inbound' ? { request_timeout: duration(h.requestTimeoutMs) } : {}),
    stream_idle_timeout: duration(h.streamIdleTimeoutMs),
    common_http_protocol_options: {
      idle_timeout: duration(h.connectionIdleTimeoutMs),
      headers_with_underscores_action: direction === 'inbound' ? UNDERSCORES[h.headersWithUnderscores] : UNDERSCORES.allow,
    },
    http2_protocol_options: http2Limits(h),
  };
}

export function http2Limits(h: HardeningIR): Record<string, number> {
  return {
    max_concurrent_streams: h.http2.maxConcurrentStreams,
    initial_stream_window_size: h.http2.initialStreamWindowSize,
    initial_connection_window_size: h.http2.initialConnectionWindowSize,
  };
}

function overloadManager(h: HardeningIR): Record<string, unknown> {
  return {
    refresh_interval: '0.250s',
    resource_monitors: [
      {
        name: 'envoy.resource_monitors.fixed_heap',
        typed_config: typed(TYPES.fixedHeap, { max_heap_size_bytes: String(h.maxHeapMiB * MIB) }),
      },
      {
        name: 'envoy.resource_monitors.global_downstream_max_connections',
        typed_config: typed(TYPES.downstreamConnections, { max_active_downstream_connections: String(h.maxConnections) }),
      },
    ],
    actions: [
      { name: 'envoy.overload_actions.shrink_heap', triggers: [{ name: 'envoy.resource_monitors.fixed_heap', threshold: { value: 0.95 } }] },
      { name: 'envoy.overload_actions.stop_accepting_requests', triggers: [{ name: 'envoy.resource_monitors.fixed_heap', threshold: { value: 0.98 } }] },
    ],
  };
}
