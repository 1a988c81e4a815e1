/**
 * Route tables. The caller's table for a callee holds the callee's routes in order (first match
 * wins). The service's own inbound table sends everything to the local application; when one
 * of its routes needs inbound settings (a rate limit), its routes are repeated there, in order,
 * so that the same request matches the same route on both sides.
 */
import { names } from '../envoy/names.js';
import type {
  Any,
  DirectResponseRoute,
  ForwardingRoute,
  HeaderMatcher,
  QueryParameterMatcher,
  RouteAction,
  RouteConfiguration,
  RouteMatch,
  StringMatcher,
} from '../envoy/types.js';
import type { MatchIR, NamedMatchIR } from '../ir/types.js';
import { pathRouteMatches } from '../policies/path-pattern.js';
import { mergeFields, type InboundContext, type InboundRoute, type OutboundContext, type PolicyModule } from '../policies/index.js';

export function buildOutboundRouteConfiguration(ctx: OutboundContext): RouteConfiguration {
  return {
    name: names.outboundRouteConfig(ctx.callee.name),
    virtual_hosts: [
      {
        name: names.virtualHost(ctx.callee.name),
        domains: ['*'],
        // Declared routes count in the caller, where routing happens: vhost.<callee>.route.<name>.*
        routes: ctx.callee.routes.map((route) =>
          mergeFields(
            {
              ...buildRoute(
                ctx.policies,
                route.name,
                buildRouteMatch(route.match),
                (p) => p.routeAction?.(route, ctx),
                (p) => p.routeFilterConfig?.(route, ctx),
                {},
              ),
              ...(route.statPrefix !== undefined ? { stat_prefix: route.statPrefix } : {}),
            },
            ctx.policies.map((p) => [p.id, p.route?.(route, ctx)] as const),
          ),
        ),
      },
    ],
  };
}

export function buildInboundRouteConfiguration(ctx: InboundContext): RouteConfiguration {
  const { service } = ctx;
  const local = { cluster: names.inboundCluster(service.name), timeout: '0s' };
  const limited = service.rateLimit !== undefined || service.routes.some((r) => r.rateLimit);
  const inbound = (route: InboundRoute, name: string, match: RouteMatch) =>
    buildRoute(
      ctx.policies,
      name,
      match,
      (p) => p.inboundRouteAction?.(route, ctx),
      (p) => p.inboundRouteFilterConfig?.(route, ctx),
      local,
    );
  return {
    name: names.inboundRouteConfig(service.name),
    virtual_hosts: [
      {
        name: names.virtualHost(service.name),
        domains: ['*'],
        routes: [
          ...(ctx.mesh.sidecar.hardening.pathParameters === 'reject' ? [PATH_PARAMETERS_REFUSED] : []),
          // Health checks come first so that no inbound limit ever fails them.
          ...(limited ? service.healthPaths.flatMap((path) => pathRouteMatches(path).map((match) => inbound({ kind: 'health' }, 'health-check', match))) : []),
          ...(service.routes.some((r) => r.rateLimit) ? service.routes.map((route) => inbound({ kind: 'service-route', route }, route.name, buildRouteMatch(route.match))) : []),
          // Everything else goes to the local app; the caller's sidecar has applied the timeout.
          inbound({ kind: 'default' }, 'inbound', { prefix: '/' }),
        ],
      },
    ],
  };
}

/**
 * Many servers drop `;params` from a path segment (Tomcat reads /public/..;/admin as /admin) while
 * Envoy matches the path as written, so a `/public/*` rule would let it through. Such paths are
 * refused before any route sends them on. The regex sees the path without its query string.
 */
const PATH_PARAMETERS_REFUSED: DirectResponseRoute = {
  name: 'path-parameters-refused',
  match: { safe_regex: { regex: '[^;]*;.*' } },
  direct_response: { status: 400 },
};

function buildRoute(
  policies: readonly PolicyModule[],
  name: string,
  match: RouteMatch,
  actionOf: (p: PolicyModule) => Partial<RouteAction> | undefined,
  filterConfigOf: (p: PolicyModule) => Readonly<Record<string, Any>> | undefined,
  baseAction: RouteAction,
): ForwardingRoute {
  const action = mergeFields(
    baseAction,
    policies.map((p) => [p.id, actionOf(p)] as const),
  );
  const filterConfig: Record<string, Any> = mergeFields(
    {},
    policies.map((p) => [p.id, filterConfigOf(p)] as const),
  );
  return {
    name,
    match,
    route: action,
    ...(Object.keys(filterConfig).length > 0 ? { typed_per_filter_config: filterConfig } : {}),
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
