/** What `meshc serve` exposes on /metrics, in a registry of its own (tests run several servers in one process). */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class ServeMetrics {
  readonly registry = new Registry();
  readonly streams = new Gauge({
    name: 'meshc_xds_streams',
    help: 'Connected ADS streams, by service and protocol (sotw, delta).',
    labelNames: ['service', 'api'],
    registers: [this.registry],
  });
  readonly pushes = new Counter({ name: 'meshc_xds_pushes_total', help: 'Responses sent, by service and xDS type.', labelNames: ['service', 'type'], registers: [this.registry] });
  readonly acks = new Counter({
    name: 'meshc_xds_acks_total',
    help: 'Responses acknowledged, by service and xDS type.',
    labelNames: ['service', 'type'],
    registers: [this.registry],
  });
  readonly nacks = new Counter({
    name: 'meshc_xds_nacks_total',
    help: 'Responses rejected by a client (NACK with error_detail), by service and xDS type.',
    labelNames: ['service', 'type'],
    registers: [this.registry],
  });
  readonly pushLatency = new Histogram({
    name: 'meshc_xds_push_latency_seconds',
    help: 'From a new snapshot (or a request) to the client\u2019s acknowledgement of the response.',
    labelNames: ['type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: 'meshc_xds_refused_streams_total',
    help: 'Streams closed before any configuration was sent, by reason.',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly compiles = new Counter({
    name: 'meshc_compiles_total',
    help: 'Compiles of the mesh sources, by result (ok, invalid, internal-error).',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly compileSeconds = new Gauge({ name: 'meshc_compile_seconds', help: 'Duration of the last compile.', registers: [this.registry] });
  readonly snapshot = new Gauge({
    name: 'meshc_snapshot_info',
    help: 'The mesh version being served (a hash of every service\u2019s snapshot); 1 for the current one.',
    labelNames: ['version'],
    registers: [this.registry],
  });
  readonly services = new Gauge({ name: 'meshc_snapshot_services', help: 'Services with a snapshot.', registers: [this.registry] });
}
