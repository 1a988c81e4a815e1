/**
 * Distributed tracing: every connection manager, inbound and outbound, reports spans to the
 * collector, so a request A → B → C, D is one trace (applications forward the trace headers).
 * New traces are sampled at `samplingPercent`; a decision already made upstream is kept.
 * Each sidecar names itself after its service; its version comes from the MESHC_VERSION
 * environment variable of the Envoy process, since one bootstrap serves every version.
 */
import { TYPES, typed } from '../envoy/any.js';
import { ownCluster } from './own-cluster.js';
import { withMeshTls } from './mtls.js';
import { names } from '../envoy/names.js';
import type { Cluster } from '../envoy/types.js';
import type { MeshIR, ObservabilityIR, ServiceIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const VERSION_ENVIRONMENT_VARIABLE = 'MESHC_VERSION';

type Tracing = NonNullable<ObservabilityIR['tracing']>;

export const tracing: PolicyModule = {
  id: 'tracing',
  order: 1700,
  httpConnectionManager: ({ mesh, direction, self }) => {
    const t = mesh.observability.tracing;
    return t ? { tracing: sharedConfig(mesh, t, direction, self) } : undefined;
  },
  sidecarClusters: ({ mesh }) => (mesh.observability.tracing ? [collectorCluster(mesh, mesh.observability.tracing)] : []),
};

// A sidecar's outbound connection managers share one tracing object (the serializer reuses its text).
const CONFIGS = new WeakMap<ServiceIR, Map<string, Record<string, unknown>>>();

function sharedConfig(mesh: MeshIR, t: Tracing, direction: 'inbound' | 'outbound', self: ServiceIR): Record<string, unknown> {
  let byDirection = CONFIGS.get(self);
  if (!byDirection) CONFIGS.set(self, (byDirection = new Map()));
  let config = byDirection.get(direction);
  if (!config) byDirection.set(direction, (config = tracingConfig(mesh, t, direction, self)));
  return config;
}

/** The sidecar reports its spans (client spans outbound, server spans inbound) as its own service. */
function tracingConfig(mesh: MeshIR, t: Tracing, direction: 'inbound' | 'outbound', self: ServiceIR): Record<string, unknown> {
  return {
    random_sampling: { value: t.samplingPercent },
    provider: provider(t, self.name),
    custom_tags: [
      { tag: 'meshc.mesh', literal: { value: mesh.name } },
      { tag: 'meshc.direction', literal: { value: direction } },
      { tag: 'meshc.version', environment: { name: VERSION_ENVIRONMENT_VARIABLE, default_value: 'unknown' } },
    ],
  };
}

function provider(t: Tracing, serviceName: string): Record<string, unknown> {
  if (t.provider === 'zipkin') {
    return {
      name: 'envoy.tracers.zipkin',
      typed_config: typed(TYPES.zipkinTracer, {
        collector_cluster: names.tracingCluster,
        collector_endpoint: t.path,
        collector_endpoint_version: 'HTTP_JSON',
        trace_id_128bit: true,
        shared_span_context: false,
      }),
    };
  }
  return {
    name: 'envoy.tracers.opentelemetry',
    typed_config: typed(TYPES.openTelemetryTracer, {
      grpc_service: { envoy_grpc: { cluster_name: names.tracingCluster }, timeout: '0.250s' },
      service_name: serviceName,
    }),
  };
}

function collectorCluster(mesh: MeshIR, t: Tracing): Cluster {
  // OTLP is gRPC (HTTP/2); Zipkin's collector takes HTTP/1.1 POSTs.
  const http2 = t.provider === 'opentelemetry';
  return withMeshTls(mesh, ownCluster(names.tracingCluster, { host: t.host, port: t.port }, { http2 }), t.mtlsIdentity, http2);
}
