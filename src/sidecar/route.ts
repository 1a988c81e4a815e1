/**
 * Route tables. The caller's table for a callee holds the callee's routes in order (first match
 * wins); the service's own inbound table sends everything to the local application.
 */
import { names } from '../envoy/names.js';
import type { HeaderMatcher, QueryParameterMatcher, Route, RouteAction, RouteConfiguration, RouteMatch, StringMatcher } from '../envoy/types.js';
import type { MatchIR, NamedMatchIR, RouteIR } from '../ir/types.js';
import { POLICIES, type InboundContext, type OutboundContext } from '../policies/index.js';
import type { Any } from '../envoy/types.js';

export function buildOutboundRouteConfiguration(ctx: OutboundContext): RouteConfiguration {
  return {
    name: names.outboundRouteConfig(ctx.callee.name),
    virtual_hosts: [
      {
        name: names.virtualHost(ctx.callee.name),
        domains: ['*'],
        routes: ctx.callee.routes.map((route) => buildRoute(route, ctx)),
      },
    ],
  };
}

function buildRoute(route: RouteIR, ctx: OutboundContext): Route {
  let action: RouteAction = {};
  let filterConfig: Record<string, Any> = {};
  for (const policy of POLICIES) {
    const fields = policy.routeAction?.(route, ctx);
    if (fields) action = { ...action, ...fields };
    const perFilter = policy.routeFilterConfig?.(route, ctx);
    if (perFilter) filterConfig = { ...filterConfig, ...perFilter };
  }
  return {
    name: route.name,
    match: buildRouteMatch(route.match),
    route: action,
    ...(Object.keys(filterConfig).length > 0 ? { typed_per_filter_config: filterConfig } : {}),
  };
}

/** Everything to the local app; the caller's sidecar has already applied the timeout. */
export function buildInboundRouteConfiguration(ctx: InboundContext): RouteConfiguration {
  return {
    name: names.inboundRouteConfig(ctx.service.name),
    virtual_hosts: [
      {
        name: names.virtualHost(ctx.service.name),
        domains: ['*'],
        routes: [
          {
            name: 'inbound',
            match: { prefix: '/' },
            route: { cluster: names.inboundCluster(ctx.service.name), timeout: '0s' },
          },
        ],
      },
    ],
  };
}

export function buildRouteMatch(match: MatchIR): RouteMatch {
  const path = match.path;
  const headers: HeaderMatcher[] = match.headers.map(headerMatcher);
  if (match.methods.length > 0) headers.push(methodMatcher(match.methods));
  const query: QueryParameterMatcher[] = match.query.map(queryMatcher);
  return {
    ...(path?.kind === 'exact' ? { path: path.value } : {}),
    ...(path?.kind === 'regex' ? { safe_regex: { regex: path.value } } : {}),
    ...(path === undefined || path.kind === 'prefix' ? { prefix: path?.value ?? '/' } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(query.length > 0 ? { query_parameters: query } : {}),
  };
}

function headerMatcher(m: NamedMatchIR): HeaderMatcher {
  const invert = m.invert ? { invert_match: true } : {};
  if (m.kind === 'present' || m.kind === 'absent') return { name: m.name, present_match: m.kind === 'present', ...invert };
  return { name: m.name, string_match: stringMatcher(m), ...invert };
}

function queryMatcher(m: NamedMatchIR): QueryParameterMatcher {
  if (m.kind === 'present' || m.kind === 'absent') return { name: m.name, present_match: true };
  return { name: m.name, string_match: stringMatcher(m) };
}

function stringMatcher(m: NamedMatchIR): StringMatcher {
  const value = m.value ?? '';
  switch (m.kind) {
    case 'regex':
      return { safe_regex: { regex: value } };
    case 'prefix':
      return { prefix: value };
    case 'suffix':
      return { suffix: value };
    default:
      return { exact: value };
  }
}

function methodMatcher(methods: readonly string[]): HeaderMatcher {
  const [only] = methods;
  if (methods.length === 1 && only) return { name: ':method', string_match: { exact: only } };
  return { name: ':method', string_match: { safe_regex: { regex: `^(${methods.join('|')})$` } } };
}
