/**
 * A policy lowers one feature of the mesh language to fragments of Envoy resources. The
 * sidecar builders own the resources; each policy only contributes the fields of its feature
 * through the hooks below, and the registry (index.ts) fixes the order they are applied in.
 */
import type { MeshIR, RouteIR, ServiceIR, VersionIR } from '../ir/types.js';
import type { Any, Cluster, HttpFilter, RouteAction, TcpProxy } from '../envoy/types.js';

/**
 * A callee, as every caller's sidecar sees it. It deliberately carries no caller: what a
 * policy builds for a callee is the same in every sidecar that calls it, so the builders
 * build it once per mesh and share it (output grows with edges, work with services).
 */
export interface OutboundContext {
  readonly mesh: MeshIR;
  readonly callee: ServiceIR;
}

export interface ClusterContext extends OutboundContext {
  readonly version: VersionIR;
}

/** A service's own sidecar, building its inbound side. */
export interface InboundContext {
  readonly mesh: MeshIR;
  readonly service: ServiceIR;
}

type Fields<T> = { -readonly [K in keyof T]?: T[K] };

export interface PolicyModule {
  /** kebab-case; also the prefix of the policy's golden cases. */
  readonly id: string;
  /** Application order, spaced by 100 so a policy can be slotted in between two others. */
  readonly order: number;
  readonly routeAction?: (route: RouteIR, ctx: OutboundContext) => Fields<RouteAction> | undefined;
  /** Per-route settings of HTTP filters, keyed by filter name. */
  readonly routeFilterConfig?: (route: RouteIR, ctx: OutboundContext) => Readonly<Record<string, Any>> | undefined;
  /** HTTP filters the caller's connection manager for this callee needs. */
  readonly outboundHttpFilters?: (ctx: OutboundContext) => readonly HttpFilter[];
  readonly outboundCluster?: (ctx: ClusterContext) => Fields<Cluster> | undefined;
  readonly inboundCluster?: (ctx: InboundContext) => Fields<Cluster> | undefined;
  readonly tcpProxy?: (ctx: OutboundContext) => Fields<TcpProxy> | undefined;
}
