/**
 * Inheritance of traffic policy: defaults ← service ← route, field by field. A nested object
 * (circuitBreaker, …) merges its fields; a scalar or a list is replaced as a whole. A feature
 * unit (src/features/) reads its own fields from each layer's `source` and merges them itself.
 */
import type { MeshModel, NodeRef, ServiceDefinition } from './model.js';
import { refAt } from './model.js';
import type { DefaultsSpec, RouteSpec, ServiceSpec, VersionSpec } from './schema.js';

/** The fields inherited here; the features' own fields are not among them. */
export type PolicyLayer = Pick<DefaultsSpec, 'timeout' | 'idleTimeout' | 'connectTimeout' | 'loadBalancer' | 'circuitBreaker' | 'outlierDetection' | 'healthCheck'> &
  Pick<RouteSpec, 'fault' | 'mirror'>;

/** A level of inherited policy and where it was written. */
export interface PolicyAt {
  readonly layer: PolicyLayer;
  readonly at: NodeRef;
}

/** One level of the inheritance chain of a route and where it was written. */
export interface LocatedLayer extends PolicyAt {
  /** The whole level as written (defaults, the service, the route), for features' own fields. */
  readonly source: DefaultsSpec | ServiceSpec | RouteSpec;
}

/** What a version may override of its service's cluster policy. */
const VERSION_FIELDS = ['connectTimeout', 'circuitBreaker', 'outlierDetection'] as const;

/**
 * The chains of a service's clusters: the service's own (defaults ← service), then one for each
 * version that overrides some of its cluster policy (defaults ← service ← version).
 */
export function clusterChains(model: MeshModel, service: ServiceDefinition): { readonly version?: string; readonly chain: readonly PolicyAt[] }[] {
  const base = policyChain(model, service);
  const chains: { version?: string; chain: readonly PolicyAt[] }[] = [{ chain: base }];
  for (const [name, spec] of Object.entries(service.spec.versions)) {
    const layer = versionPolicyFields(spec);
    if (Object.keys(layer).length > 0) chains.push({ version: name, chain: [...base, { layer, at: refAt(service.at, 'versions', name) }] });
  }
  return chains;
}

function versionPolicyFields(spec: VersionSpec): PolicyLayer {
  return Object.fromEntries(VERSION_FIELDS.flatMap((f) => (spec[f] !== undefined ? [[f, spec[f]]] : []))) as PolicyLayer;
}

const MERGED_OBJECTS = ['circuitBreaker', 'outlierDetection', 'healthCheck'] as const;

/** Merges layers, most general first. */
export function mergeLayers(layers: readonly PolicyLayer[]): PolicyLayer {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const merge = (MERGED_OBJECTS as readonly string[]).includes(key) && typeof out[key] === 'object';
      out[key] = merge ? { ...(out[key] as object), ...(value as object) } : value;
    }
  }
  return out as PolicyLayer;
}

/** The chain for a service (and, given a route index, that route), most general first. */
export function policyChain(model: MeshModel, service: ServiceDefinition, routeIndex?: number): LocatedLayer[] {
  const chain: LocatedLayer[] = [];
  if (model.defaults) chain.push({ layer: model.defaults.value, at: model.defaults.at, source: model.defaults.value });
  chain.push({ layer: servicePolicyFields(service), at: service.at, source: service.spec });
  const route = routeIndex === undefined ? undefined : service.spec.routes?.[routeIndex];
  if (route && routeIndex !== undefined) {
    chain.push({ layer: routePolicyFields(route), at: refAt(service.at, 'routes', routeIndex), source: route });
  }
  return chain;
}

function servicePolicyFields(service: ServiceDefinition): PolicyLayer {
  const { timeout, idleTimeout, connectTimeout, loadBalancer, circuitBreaker, outlierDetection, healthCheck, fault, mirror } = service.spec;
  return { timeout, idleTimeout, connectTimeout, loadBalancer, circuitBreaker, outlierDetection, healthCheck, fault, mirror };
}

function routePolicyFields(route: RouteSpec): PolicyLayer {
  const { timeout, idleTimeout, fault, mirror } = route;
  return { timeout, idleTimeout, fault, mirror };
}

/** The chain of every route of a service (or of the service alone when it has no routes). */
export function routeChains(model: MeshModel, service: ServiceDefinition): LocatedLayer[][] {
  const count = service.spec.routes?.length ?? 0;
  if (count === 0) return [policyChain(model, service)];
  return Array.from({ length: count }, (_, index) => policyChain(model, service, index));
}

/**
 * A feature's per-route value, computed once from each route's chain and remembered per service
 * definition while the defaults are the same: the rules and resolution share it, and a
 * long-running compiler hands the same objects back for unchanged sources (compile-cache.ts).
 */
export function perRouteOfService<T>(compute: (chain: readonly LocatedLayer[]) => T): (model: MeshModel, service: ServiceDefinition) => readonly T[] {
  const known = new WeakMap<ServiceDefinition['spec'], { readonly defaults: unknown; readonly routes: readonly T[] }>();
  return (model, service) => {
    const entry = known.get(service.spec);
    if (entry && entry.defaults === model.defaults?.value) return entry.routes;
    const routes = routeChains(model, service).map(compute);
    known.set(service.spec, { defaults: model.defaults?.value, routes });
    return routes;
  };
}

/** The most specific level that writes `field` of its own (a feature's field, read from `source`). */
export function closestSource(chain: readonly LocatedLayer[], field: string): LocatedLayer | undefined {
  return chain.findLast((c) => (c.source as Readonly<Record<string, unknown>>)[field] !== undefined);
}

/** The most specific layer of the chain that sets `field`, if any. */
export function closestDefinition<L extends PolicyAt>(chain: readonly L[], field: keyof PolicyLayer): L | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const entry = chain[i];
    if (entry && entry.layer[field] !== undefined) return entry;
  }
  return undefined;
}

/** The most specific layer that sets one field of a merged object (e.g. healthCheck.type). */
export function closestNestedDefinition<K extends (typeof MERGED_OBJECTS)[number], L extends PolicyAt>(
  chain: readonly L[],
  field: K,
  nested: keyof NonNullable<PolicyLayer[K]>,
): L | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const entry = chain[i];
    const object = entry?.layer[field] as Record<string, unknown> | undefined;
    if (entry && object?.[nested as string] !== undefined) return entry;
  }
  return undefined;
}
