/**
 * What an invariant sees: every message instance of the checked resources (by type, with its
 * path, in normalized form) and a way to report. Invariants run once over all resources checked
 * together, so that references between them (a route naming a cluster, an HCM naming a route
 * configuration) resolve the way they would inside one Envoy.
 */
import type { Schema } from '../api/schema.js';
import type { Instance, InstanceIndex, Normalized } from '../json/index.js';
import { descend, segmentsOf, type CheckName, type ProblemSink, type Segment } from '../problems.js';

export interface Invariant {
  /** The diagnostics it reports (each invariant has its own). */
  readonly names: readonly CheckName[];
  check(ctx: InvariantContext): void;
}

export interface RootResource {
  readonly resource: number;
  readonly type: string;
  readonly value: Normalized | undefined;
  readonly instance: Instance | undefined;
}

export class InvariantContext {
  constructor(
    readonly schema: Schema,
    readonly index: InstanceIndex,
    readonly roots: readonly RootResource[],
    private readonly sink: ProblemSink,
  ) {}

  of(type: string): readonly Instance[] {
    return this.index.of(type);
  }

  /**
   * Whether an error was found at `keys` below the instance while reading it: a field of the
   * wrong type is left out of the value, so an invariant about its absence would be a false alarm.
   */
  hadErrorAt(where: Instance, ...keys: readonly Segment[]): boolean {
    const prefix = segmentsOf(descend(where.path, ...keys));
    return this.sink.problems.some((p) => p.severity === 'error' && p.resource === where.resource && prefix.every((s, i) => p.segments[i] === s));
  }

  /** Reports at `keys` below an instance; `related` points at another instance (and keys below it). */
  report(
    name: CheckName,
    where: Instance,
    keys: readonly Segment[],
    message: string,
    related?: { readonly instance: Instance; readonly keys: readonly Segment[]; readonly message: string },
  ): void {
    this.sink.report(
      name,
      descend(where.path, ...keys),
      message,
      undefined,
      where.resource,
      related && {
        message: related.message,
        at: descend(related.instance.path, ...related.keys),
        resource: related.instance.resource,
      },
    );
  }

  /** Whether the instance sits inside an instance of `type` (e.g. a static cluster inside a bootstrap). */
  within(instance: Instance, type: string): boolean {
    return this.index.ancestor(instance.path, type) !== undefined;
  }

  /** Instances of `type` that are resources of their own (roots, or resources of a DiscoveryResponse). */
  resources(type: string): Instance[] {
    return this.of(type).filter((i) => this.index.isTopLevel(i, TYPES.discoveryResponse));
  }
}

/** Full names of the messages the invariants look at. */
export const TYPES = {
  bootstrap: 'envoy.config.bootstrap.v3.Bootstrap',
  listener: 'envoy.config.listener.v3.Listener',
  filterChain: 'envoy.config.listener.v3.FilterChain',
  cluster: 'envoy.config.cluster.v3.Cluster',
  routeConfiguration: 'envoy.config.route.v3.RouteConfiguration',
  clusterLoadAssignment: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
  secret: 'envoy.extensions.transport_sockets.tls.v3.Secret',
  hcm: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  httpProtocolOptions: 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
  weightedCluster: 'envoy.config.route.v3.WeightedCluster',
  configSource: 'envoy.config.core.v3.ConfigSource',
  sdsSecretConfig: 'envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig',
  discoveryResponse: 'envoy.service.discovery.v3.DiscoveryResponse',
} as const;

// Small readers over normalized values, which are loosely typed by nature.

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function record(value: unknown): Normalized | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Normalized) : undefined;
}

/** The value of a wrapper message (`{ value: 3 }` for UInt32Value), or undefined when unset. */
export function wrapped(value: unknown): unknown {
  return record(value)?.['value'];
}

/** Instances grouped by a key, in order; instances without a key are left out. */
export function groupBy(instances: readonly Instance[], key: (i: Instance) => string | undefined): Map<string, Instance[]> {
  const groups = new Map<string, Instance[]>();
  for (const instance of instances) {
    const k = key(instance);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(instance);
    else groups.set(k, [instance]);
  }
  return groups;
}
