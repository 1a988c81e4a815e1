/**
 * A policy lowers one feature of the mesh language to fragments of Envoy resources. The
 * sidecar builders own the resources; each policy only contributes the fields of its feature
 * through the hooks below, and the registry (index.ts) fixes the order they are applied in.
 * Every hook is optional and pure: same context, same fragment.
 */
import type { ClusterPolicyIR, MeshIR, RouteIR, ServiceIR, VersionIR } from '../ir/types.js';
import { mergeFields } from '../features/merge.js';
import type { Any, Bootstrap, Cluster, Filter, ForwardingRoute, HttpConnectionManager, HttpFilter, Listener, RouteAction, TcpProxy } from '../envoy/types.js';
import type { SidecarFile } from '../envoy/files.js';

/**
 * A callee, as every caller's sidecar sees it. It deliberately carries no caller: what a
 * policy builds for a callee is the same in every sidecar that calls it, so the builders
 * build it once per mesh and share it (output grows with edges, work with services).
 */
export interface OutboundContext {
  readonly mesh: MeshIR;
  readonly callee: ServiceIR;
  /** The policies that build this sidecar, in order: POLICIES, or fewer in a feature's unit test. */
  readonly policies: readonly PolicyModule[];
}

export interface ClusterContext extends OutboundContext {
  readonly version: VersionIR;
}

/** The cluster policy of one version of a callee: its own when it overrides the service's. */
export function clusterPolicy({ callee, version }: ClusterContext): ClusterPolicyIR {
  return version.cluster ?? callee.cluster;
}

/** A service's own sidecar. */
export interface InboundContext {
  readonly mesh: MeshIR;
  readonly service: ServiceIR;
  readonly policies: readonly PolicyModule[];
  /** The services it calls, in the order of its `calls`. */
  readonly callees: readonly ServiceIR[];
}

export interface HcmContext {
  readonly mesh: MeshIR;
  readonly policies: readonly PolicyModule[];
  readonly direction: 'inbound' | 'outbound';
  /** The sidecar's own service. */
  readonly self: ServiceIR;
  /** Outbound: the called service. */
  readonly callee?: ServiceIR;
}

/**
 * A route of a service's inbound table: its health-check path (exempt from inbound limits),
 * one of its own routes (repeated there when a route has inbound settings, e.g. a rate limit),
 * or the catch-all.
 */
export type InboundRoute = { readonly kind: 'health' } | { readonly kind: 'service-route'; readonly route: RouteIR } | { readonly kind: 'default' };

// Re-exported for the policies and the sidecar builders, which import it from here.
export type { SidecarFile };

type Fields<T> = { -readonly [K in keyof T]?: T[K] };

export interface PolicyModule {
  /** kebab-case; also the prefix of the policy's golden cases. */
  readonly id: string;
  /** Application order, spaced by 100 so a policy can be slotted in between two others. */
  readonly order: number;

  // Outbound: the caller's view of a callee.
  /** Fields of the route itself, beside its action (e.g. header mutations). */
  readonly route?: (route: RouteIR, ctx: OutboundContext) => Fields<ForwardingRoute> | undefined;
  readonly routeAction?: (route: RouteIR, ctx: OutboundContext) => Fields<RouteAction> | undefined;
  /** Per-route settings of HTTP filters, keyed by filter name. */
  readonly routeFilterConfig?: (route: RouteIR, ctx: OutboundContext) => Readonly<Record<string, Any>> | undefined;
  /** HTTP filters the caller's connection manager for this callee needs. */
  readonly outboundHttpFilters?: (ctx: OutboundContext) => readonly HttpFilter[];
  readonly outboundCluster?: (ctx: ClusterContext) => Fields<Cluster> | undefined;
  readonly outboundListener?: (ctx: OutboundContext) => Fields<Listener> | undefined;
  readonly tcpProxy?: (ctx: OutboundContext) => Fields<TcpProxy> | undefined;

  // Inbound: the service's own side.
  readonly inboundCluster?: (ctx: InboundContext) => Fields<Cluster> | undefined;
  /** Fields of a route of the service's own inbound route table (see InboundRoute). */
  readonly inboundRouteAction?: (route: InboundRoute, ctx: InboundContext) => Fields<RouteAction> | undefined;
  readonly inboundRouteFilterConfig?: (route: InboundRoute, ctx: InboundContext) => Readonly<Record<string, Any>> | undefined;
  readonly inboundHttpFilters?: (ctx: InboundContext) => readonly HttpFilter[];
  /** Network filters placed before the terminal one (e.g. network RBAC for tcp). */
  readonly inboundNetworkFilters?: (ctx: InboundContext) => readonly Filter[];
  /** Fields of the inbound listener; receives the network filters every filter chain carries. */
  readonly inboundListener?: (ctx: InboundContext, filters: readonly Filter[]) => Fields<Listener> | undefined;

  // Both directions, and the sidecar as a whole.
  readonly httpConnectionManager?: (ctx: HcmContext) => Fields<HttpConnectionManager> | undefined;
  /** Fields of every TCP proxy, inbound (the service's own) and outbound (to a tcp callee). */
  readonly tcpConnection?: (ctx: HcmContext) => Fields<TcpProxy> | undefined;
  /** Clusters the sidecar needs for itself (SDS server, JWKS, rate-limit service, …). */
  readonly sidecarClusters?: (ctx: InboundContext) => readonly Cluster[];
  /** Fields every cluster from `sidecarClusters` gets (e.g. buffer limits). */
  readonly sidecarCluster?: (ctx: InboundContext) => Fields<Cluster> | undefined;
  /** Listeners of the sidecar itself (the metrics port). */
  readonly sidecarListeners?: (ctx: InboundContext) => readonly Listener[];
  readonly bootstrap?: (ctx: InboundContext) => Fields<Bootstrap> | undefined;
  readonly sidecarFiles?: (ctx: InboundContext) => readonly SidecarFile[];
  /** Files for the mesh as a whole, written under `_mesh/` (e.g. the rate-limit service's config). */
  readonly meshFiles?: (mesh: MeshIR) => readonly SidecarFile[];
}

/** Applies every policy's fragment for one hook, in registry order, over a base value. */
export function applyFields<T extends object, C>(
  policies: readonly PolicyModule[],
  base: T,
  hook: (policy: PolicyModule) => ((ctx: C) => Fields<T> | undefined) | undefined,
  ctx: C,
): T {
  return mergeFields(
    base,
    policies.map((policy) => [policy.id, hook(policy)?.(ctx)] as const),
  );
}
