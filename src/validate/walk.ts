/** Iteration helpers shared by rules: every route, every match, every endpoint, with its place. */
import type { NodeRef, ServiceDefinition, MeshModel } from '../dsl/model.js';
import { calledService, effectiveAuthz, refAt } from '../dsl/model.js';
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
  /** Written in defaults.authz, which the service inherits (it writes no authz of its own). */
  readonly inherited: boolean;
  readonly index: number;
  readonly at: NodeRef;
  readonly enforced: boolean;
}

/** Every authz rule each service applies, allow and deny, inherited from defaults.authz or its own. */
export function* allAuthzRules(model: MeshModel): Generator<AuthzRuleVisit> {
  for (const service of model.services) yield* authzRules(service, model);
}

/**
 * The authz rules of a service, allow then deny, whichever form (list or `{mode, allow, deny}`)
 * it used: its own only, or, given the model, those it applies (defaults.authz when it has none).
 */
export function* authzRules(service: ServiceDefinition, model?: MeshModel): Generator<AuthzRuleVisit> {
  const authz = model ? effectiveAuthz(model, service) : service.spec.authz && { spec: service.spec.authz, at: refAt(service.at, 'authz'), inherited: false };
  if (!authz) return;
  const { spec, at, inherited } = authz;
  if (Array.isArray(spec)) {
    yield* visits(service, 'allow', spec, at, true, inherited);
    return;
  }
  const enforced = spec.mode !== 'dry-run';
  yield* visits(service, 'allow', spec.allow ?? [], refAt(at, 'allow'), enforced, inherited);
  yield* visits(service, 'deny', spec.deny ?? [], refAt(at, 'deny'), enforced, inherited);
}

function* visits(
  service: ServiceDefinition,
  list: 'allow' | 'deny',
  rules: readonly AuthzRuleSpec[],
  rulesAt: NodeRef,
  enforced: boolean,
  inherited: boolean,
): Generator<AuthzRuleVisit> {
  for (const [index, rule] of rules.entries()) yield { service, rule, list, inherited, index, at: refAt(rulesAt, index), enforced };
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
