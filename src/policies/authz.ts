/**
 * Authorization: a service's deny rules refuse what they match (Envoy RBAC, action DENY), then
 * its allow rules, when it has them, refuse every request they do not match (a second RBAC
 * filter, action ALLOW), as Istio orders DENY before ALLOW. Callers are identified by the
 * SPIFFE ID of their client certificate; rules may also look at methods, paths, headers and
 * verified JWT claims. Health-check paths are never refused. Dry-run emits the same policies
 * as shadow rules: nothing is denied, would-be denials show up in stats. tcp services get
 * network RBAC.
 */
import { TYPES, typed } from '../envoy/any.js';
import { names } from '../envoy/names.js';
import type { Filter, HttpFilter } from '../envoy/types.js';
import { serviceIdPrefix } from '../ir/identity.js';
import type { AuthzIR, AuthzRuleIR, CidrIR, PathPatternIR, ServiceIR } from '../ir/types.js';
import { JWT_FILTER } from './jwt.js';
import { pathStringMatchers } from './path-pattern.js';
import type { PolicyModule } from './policy.js';

export const RBAC_FILTER = 'envoy.filters.http.rbac';
/** The deny rules' own filter: Envoy picks a filter by its typed_config, the name only labels it. */
export const RBAC_DENY_FILTER = 'envoy.filters.http.rbac.deny';
const NETWORK_RBAC_FILTER = 'envoy.filters.network.rbac';
// `_` cannot start a rule name, so user rules never replace the health-check exemption.
const HEALTH_POLICY = '_health-checks';
/** Matches nothing: what an empty list of allowed methods, paths or callers means. */
const NEVER_PERMISSION = { not_rule: { any: true } };
const NEVER_PRINCIPAL = { not_id: { any: true } };
const DRY_RUN_STAT_PREFIX = 'dry_run_';
/** Keeps the deny filter's counters apart from the allow filter's (rbac.allowed, rbac.denied). */
const DENY_STAT_PREFIX = 'deny_';

type Permission = Record<string, unknown>;
type Principal = Record<string, unknown>;

export const authz: PolicyModule = {
  id: 'authz',
  order: 1300,
  inboundHttpFilters: ({ mesh, service }) => (service.authz && service.protocol !== 'tcp' ? httpRbacFilters(service, service.authz, mesh.trustDomain) : []),
  inboundNetworkFilters: ({ mesh, service }) => (service.authz && service.protocol === 'tcp' ? networkRbacFilters(service, service.authz, mesh.trustDomain) : []),
};

/** The HTTP RBAC filters of a service's authz, deny first; proxyless gRPC servers take the same ones (gRFC A41). */
export function httpRbacFilters(service: ServiceIR, spec: AuthzIR, trustDomain: string): HttpFilter[] {
  const filters: HttpFilter[] = [];
  if (spec.deny.length > 0) {
    const health = service.healthPaths.length > 0 ? anyOf(service.healthPaths.flatMap(pathPermissions)) : undefined;
    const policies = Object.fromEntries(
      spec.deny.map((rule) => [
        rule.name,
        { permissions: [health ? allOf([permission(rule), { not_rule: health }], 'and_rules') : permission(rule)], principals: [principal(rule, trustDomain)] },
      ]),
    );
    filters.push({ name: RBAC_DENY_FILTER, typed_config: typed(TYPES.httpRbac, rbacRules(spec, 'DENY', policies, DENY_STAT_PREFIX)) });
  }
  if (spec.rules) {
    const policies: Record<string, unknown> = {};
    if (service.healthPaths.length > 0) {
      policies[HEALTH_POLICY] = { permissions: [anyOf(service.healthPaths.flatMap(pathPermissions))], principals: [{ any: true }] };
    }
    for (const rule of spec.rules) {
      policies[rule.name] = { permissions: [permission(rule)], principals: [principal(rule, trustDomain)] };
    }
    filters.push({ name: RBAC_FILTER, typed_config: typed(TYPES.httpRbac, rbacRules(spec, 'ALLOW', policies)) });
  }
  return filters;
}

function networkRbacFilters(service: ServiceIR, spec: AuthzIR, trustDomain: string): Filter[] {
  const filter = (action: 'ALLOW' | 'DENY', rules: readonly AuthzRuleIR[], statPrefix: string): Filter => ({
    name: NETWORK_RBAC_FILTER,
    typed_config: typed(TYPES.networkRbac, {
      stat_prefix: statPrefix,
      ...rbacRules(spec, action, Object.fromEntries(rules.map((rule) => [rule.name, { permissions: [{ any: true }], principals: [principal(rule, trustDomain)] }]))),
    }),
  });
  const statPrefix = names.inboundStatPrefix(service.name);
  // A connection carries no method, path or header: an allow rule that asks for one lets nothing
  // through, and a deny rule refuses its callers' connections whatever they would ask (fail
  // closed, as Istio does). Only rules inherited from defaults.authz can ask (http-feature-on-tcp).
  const allow = spec.rules?.filter((rule) => !asksHttp(rule));
  return [...(spec.deny.length > 0 ? [filter('DENY', spec.deny, `${statPrefix}|deny`)] : []), ...(allow ? [filter('ALLOW', allow, statPrefix)] : [])];
}

function asksHttp(rule: AuthzRuleIR): boolean {
  return (
    rule.methods !== undefined || rule.notMethods !== undefined || rule.paths !== undefined || rule.notPaths !== undefined || rule.headers.length > 0 || rule.claims.length > 0
  );
}

/**
 * Enforced rules, or (dry-run) the same policies as shadow rules only. A deny filter's counters
 * get `statPrefix` (the HTTP RBAC filter's rules_stat_prefix; a network RBAC filter has a
 * stat_prefix of its own instead), so that they are not added to the allow filter's.
 */
function rbacRules(spec: AuthzIR, action: 'ALLOW' | 'DENY', policies: Record<string, unknown>, statPrefix?: string): Record<string, unknown> {
  const rules = { action, policies };
  if (spec.mode === 'dry-run') return { shadow_rules: rules, shadow_rules_stat_prefix: `${DRY_RUN_STAT_PREFIX}${action === 'DENY' ? DENY_STAT_PREFIX : ''}` };
  return statPrefix !== undefined ? { rules, rules_stat_prefix: statPrefix } : { rules };
}

function permission(rule: AuthzRuleIR): Permission {
  const parts: Permission[] = [];
  if (rule.methods) {
    parts.push(rule.methods.length === 0 ? NEVER_PERMISSION : anyOf(rule.methods.map(methodPermission)));
  }
  if (rule.notMethods?.length) parts.push({ not_rule: anyOf(rule.notMethods.map(methodPermission)) });
  // A `*` among the paths allows any path: the condition drops out.
  if (rule.paths && !rule.paths.some((p) => p.kind === 'any')) {
    parts.push(rule.paths.length === 0 ? NEVER_PERMISSION : anyOf(rule.paths.flatMap(pathPermissions)));
  }
  if (rule.notPaths?.length) parts.push({ not_rule: anyOf(rule.notPaths.flatMap(pathPermissions)) });
  for (const h of rule.headers) parts.push({ header: { name: h.name, string_match: { exact: h.value } } });
  return allOf(parts, 'and_rules');
}

function methodPermission(method: string): Permission {
  return { header: { name: ':method', string_match: { exact: method } } };
}

function pathPermissions(path: PathPatternIR): Permission[] {
  const matchers = pathStringMatchers(path);
  return matchers.length === 0 ? [{ any: true }] : matchers.map((m) => ({ url_path: { path: m } }));
}

function principal(rule: AuthzRuleIR, trustDomain: string): Principal {
  const parts: Principal[] = [];
  if (rule.from?.kind === 'any-mesh') parts.push({ authenticated: { principal_name: { prefix: serviceIdPrefix(trustDomain) } } });
  if (rule.from?.kind === 'identities') {
    const ids = rule.from.identities.map((id) => ({ authenticated: { principal_name: { exact: id } } }));
    parts.push(ids.length === 0 ? NEVER_PRINCIPAL : anyOf(ids, 'or_ids'));
  }
  if (rule.notFrom?.length)
    parts.push({
      not_id: anyOf(
        rule.notFrom.map((id) => ({ authenticated: { principal_name: { exact: id } } })),
        'or_ids',
      ),
    });
  // The connection's own peer, never X-Forwarded-For, which a client writes.
  if (rule.sourceIps) parts.push(rule.sourceIps.length === 0 ? NEVER_PRINCIPAL : anyOf(rule.sourceIps.map(sourcePrincipal), 'or_ids'));
  if (rule.notSourceIps?.length) parts.push({ not_id: anyOf(rule.notSourceIps.map(sourcePrincipal), 'or_ids') });
  for (const claim of rule.claims) parts.push(claimPrincipal(claim));
  return allOf(parts, 'and_ids');
}

function sourcePrincipal(range: CidrIR): Principal {
  return { direct_remote_ip: { address_prefix: range.address, prefix_len: range.prefixLength } };
}

/**
 * A claim has the value, or is a list holding it (`groups: [admin, dev]`): the JWT filter keeps
 * a list claim as a ListValue, which a string matcher never matches.
 */
function claimPrincipal({ name, value, provider }: AuthzRuleIR['claims'][number]): Principal {
  const path = [{ key: names.jwtPayloadMetadataKey(provider) }, { key: name }];
  const exact = { string_match: { exact: value } };
  return anyOf([{ metadata: { filter: JWT_FILTER, path, value: exact } }, { metadata: { filter: JWT_FILTER, path, value: { list_match: { one_of: exact } } } }], 'or_ids');
}

/** OR of permissions/principals, without a wrapper around a single one. */
function anyOf(items: Record<string, unknown>[], key: 'or_rules' | 'or_ids' = 'or_rules'): Record<string, unknown> {
  const [only] = items;
  return items.length === 1 && only ? only : { [key]: { [key === 'or_rules' ? 'rules' : 'ids']: items } };
}

/** AND of permissions/principals; nothing to require means anything matches. */
function allOf(items: Record<string, unknown>[], key: 'and_rules' | 'and_ids'): Record<string, unknown> {
  const [only] = items;
  if (items.length === 0) return { any: true };
  return items.length === 1 && only ? only : { [key]: { [key === 'and_rules' ? 'rules' : 'ids']: items } };
}
