/** Iteration helpers shared by rules: every route, every match, every endpoint, with its place. */
import type { NodeRef, ServiceDefinition, MeshModel } from '../dsl/model.js';
import { calledService, refAt } from '../dsl/model.js';
import type { AuthzRuleSpec, MatchSpec, RateLimitSpec, RouteSpec, StringMatchSpec, VersionSpec } from '../dsl/schema.js';

export interface RouteVisit {
  readonly service: ServiceDefinition;
  readonly route: RouteSpec;
  readonly index: number;
  readonly at: NodeRef;
}

export function* allRoutes(model: MeshModel): Generator<RouteVisit> {
  for (const service of model.services) {
    const routes = service.spec.routes ?? [];
    for (let index = 0; index < routes.length; index++) {
      const route = routes[index];
      if (route) yield { service, route, index, at: refAt(service.at, 'routes', index) };
    }
  }
}

export interface RateLimitVisit {
  readonly service: ServiceDefinition;
  readonly limit: RateLimitSpec;
  /** The `rateLimit` key: of the service, or of one of its routes. */
  readonly at: NodeRef;
}

/** Every `rateLimit` block: the service's own, then its routes' in order. */
export function* allRateLimits(model: MeshModel): Generator<RateLimitVisit> {
  for (const service of model.services) {
    if (service.spec.rateLimit) yield { service, limit: service.spec.rateLimit, at: refAt(service.at, 'rateLimit') };
    for (const { route, at } of allRoutes({ ...model, services: [service] })) {
      if (route.rateLimit) yield { service, limit: route.rateLimit, at: refAt(at, 'rateLimit') };
    }
  }
}

export interface VersionVisit {
  readonly service: ServiceDefinition;
  readonly name: string;
  readonly version: VersionSpec;
  readonly at: NodeRef;
}

export function* allVersions(model: MeshModel): Generator<VersionVisit> {
  for (const service of model.services) {
    for (const [name, version] of Object.entries(service.spec.versions)) {
      yield { service, name, version, at: refAt(service.at, 'versions', name) };
    }
  }
}

export interface StringMatchVisit {
  readonly matcher: string | StringMatchSpec;
  readonly at: NodeRef;
}

/** Header and query matchers of a route match. */
export function* stringMatchers(match: MatchSpec, at: NodeRef): Generator<StringMatchVisit> {
  for (const [name, matcher] of Object.entries(match.headers ?? {})) {
    yield { matcher, at: refAt(at, 'headers', name) };
  }
  for (const [name, matcher] of Object.entries(match.query ?? {})) {
    yield { matcher, at: refAt(at, 'query', name) };
  }
}

/** The kinds set on a string matcher (exact, prefix, …), `invert` aside. */
export function matcherKinds(matcher: StringMatchSpec): string[] {
  return (['exact', 'prefix', 'suffix', 'regex', 'present'] as const).filter((k) => matcher[k] !== undefined);
}

/** A route with no match, or only `path: {prefix: /}`, takes every request. */
export function matchesEverything(match: MatchSpec | undefined): boolean {
  if (!match) return true;
  const onlyRootPrefix = match.path === undefined || (match.path.prefix === '/' && !match.path.exact && !match.path.regex);
  return onlyRootPrefix && isEmpty(match.headers) && isEmpty(match.query) && match.method === undefined;
}

function isEmpty(record: Record<string, unknown> | undefined): boolean {
  return record === undefined || Object.keys(record).length === 0;
}

export interface AuthzRuleVisit {
  readonly service: ServiceDefinition;
  readonly rule: AuthzRuleSpec;
  /** allow lets what the rule matches through; deny refuses it, before any allow rule. */
  readonly list: 'allow' | 'deny';
  readonly index: number;
  readonly at: NodeRef;
  readonly enforced: boolean;
}

/** Every authz rule of the mesh, allow and deny. */
export function* allAuthzRules(model: MeshModel): Generator<AuthzRuleVisit> {
  for (const service of model.services) yield* authzRules(service);
}

/** The authz rules of a service, allow then deny, whichever form (list or `{mode, allow, deny}`) it used. */
export function* authzRules(service: ServiceDefinition): Generator<AuthzRuleVisit> {
  const authz = service.spec.authz;
  if (!authz) return;
  if (Array.isArray(authz)) {
    yield* visits(service, 'allow', authz, refAt(service.at, 'authz'), true);
    return;
  }
  const enforced = authz.mode !== 'dry-run';
  yield* visits(service, 'allow', authz.allow ?? [], refAt(service.at, 'authz', 'allow'), enforced);
  yield* visits(service, 'deny', authz.deny ?? [], refAt(service.at, 'authz', 'deny'), enforced);
}

function* visits(service: ServiceDefinition, list: 'allow' | 'deny', rules: readonly AuthzRuleSpec[], rulesAt: NodeRef, enforced: boolean): Generator<AuthzRuleVisit> {
  for (const [index, rule] of rules.entries()) yield { service, rule, list, index, at: refAt(rulesAt, index), enforced };
}

/** For each service, the services that call it, in mesh order. */
export function callersByService(model: MeshModel): Map<string, ServiceDefinition[]> {
  const callers = new Map<string, ServiceDefinition[]>();
  for (const service of model.services) {
    for (const call of service.spec.calls ?? []) {
      const name = calledService(call);
      callers.set(name, [...(callers.get(name) ?? []), service]);
    }
  }
  return callers;
}
