/**
 * Inheritance of traffic policy: defaults ← service ← route, field by field. A nested object
 * (retries, circuitBreaker, …) merges its fields; a scalar or a list is replaced as a whole.
 */
import type { MeshModel, NodeRef, ServiceDefinition } from './model.js';
import { refAt } from './model.js';
import type { DefaultsSpec, RetriesSpec, RouteSpec } from './schema.js';

export type PolicyLayer = DefaultsSpec & Pick<RouteSpec, 'fault' | 'mirror'>;

/** One level of the inheritance chain and where it was written. */
export interface LocatedLayer {
  readonly layer: PolicyLayer;
  readonly at: NodeRef;
}

const MERGED_OBJECTS = ['retries', 'circuitBreaker', 'outlierDetection', 'healthCheck'] as const;

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
  if (model.defaults) chain.push({ layer: model.defaults.value, at: model.defaults.at });
  chain.push({ layer: servicePolicyFields(service), at: service.at });
  const route = routeIndex === undefined ? undefined : service.spec.routes?.[routeIndex];
  if (route && routeIndex !== undefined) {
    chain.push({ layer: routePolicyFields(route), at: refAt(service.at, 'routes', routeIndex) });
  }
  return chain;
}

function servicePolicyFields(service: ServiceDefinition): PolicyLayer {
  const { timeout, idleTimeout, connectTimeout, retries, loadBalancer, circuitBreaker, outlierDetection, healthCheck, fault, mirror } =
    service.spec;
  return { timeout, idleTimeout, connectTimeout, retries, loadBalancer, circuitBreaker, outlierDetection, healthCheck, fault, mirror };
}

function routePolicyFields(route: RouteSpec): PolicyLayer {
  const { timeout, idleTimeout, retries, fault, mirror } = route;
  return { timeout, idleTimeout, retries, fault, mirror };
}

/** The chain of every route of a service (or of the service alone when it has no routes). */
export function routeChains(model: MeshModel, service: ServiceDefinition): LocatedLayer[][] {
  const count = service.spec.routes?.length ?? 0;
  if (count === 0) return [policyChain(model, service)];
  return Array.from({ length: count }, (_, index) => policyChain(model, service, index));
}

/** The most specific layer of the chain that sets `field`, if any. */
export function closestDefinition(chain: readonly LocatedLayer[], field: keyof PolicyLayer): LocatedLayer | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const entry = chain[i];
    if (entry && entry.layer[field] !== undefined) return entry;
  }
  return undefined;
}

export function effectiveRetries(chain: readonly LocatedLayer[]): RetriesSpec | undefined {
  return mergeLayers(chain.map((c) => c.layer)).retries;
}

/** The most specific layer that sets one field of a merged object (e.g. healthCheck.type). */
export function closestNestedDefinition<K extends (typeof MERGED_OBJECTS)[number]>(
  chain: readonly LocatedLayer[],
  field: K,
  nested: keyof NonNullable<PolicyLayer[K]>,
): LocatedLayer | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const entry = chain[i];
    const object = entry?.layer[field] as Record<string, unknown> | undefined;
    if (entry && object?.[nested as string] !== undefined) return entry;
  }
  return undefined;
}
