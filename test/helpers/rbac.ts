/**
 * An evaluator of Envoy RBAC for tests: given the RBAC filter configuration meshc emitted (proto3
 * JSON, as in the bootstrap) and a request, it decides allow/deny the way Envoy does, so tests
 * can ask "who gets in" instead of comparing YAML. Written from the semantics in Envoy's protos
 * (envoy/config/rbac/v3/rbac.proto, route/v3 HeaderMatcher, type/matcher/v3 StringMatcher,
 * PathMatcher, MetadataMatcher, ValueMatcher), for the subset meshc emits:
 *
 *  - RBAC: action ALLOW | DENY | LOG, policies (a request matches a policy when one of its
 *    permissions AND one of its principals match; policies are tried in lexicographic order).
 *    HTTP: `rules` enforced, `shadow_rules` evaluated on their own (they never deny). An absent
 *    `rules` enforces nothing; a present one without policies denies everything (ALLOW).
 *  - Permission: any, and_rules, or_rules, not_rule, header, url_path.
 *  - Principal: any, and_ids, or_ids, not_id, authenticated.principal_name, metadata,
 *    direct_remote_ip (CidrRange: the connection's peer, IPv4 or IPv6).
 *  - HeaderMatcher: string_match or present_match, invert_match, treat_missing_header_as_empty;
 *    several values of one header are joined with ",".
 *  - StringMatcher: exact, prefix, suffix, contains, safe_regex (RE2, whole value), ignore_case.
 *
 * Anything else (a field it does not know, a deprecated form, a constraint Envoy's validation
 * would refuse such as an empty `or_ids`) throws: an unexpected emission must fail loudly rather
 * than be judged by guesswork.
 */
import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';

export const HTTP_RBAC_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC';
export const NETWORK_RBAC_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC';
/** The filter whose dynamic metadata holds verified JWT payloads. */
export const JWT_AUTHN_FILTER = 'envoy.filters.http.jwt_authn';

export interface RbacRequest {
  /** URI SAN of the peer's client certificate; undefined: a plaintext connection. */
  readonly principal?: string;
  /** The connection's peer address (what direct_remote_ip matches). */
  readonly directRemoteIp?: string;
  readonly method: string;
  /** The request target as sent (`:path`), query string and fragment included. */
  readonly path: string;
  /** Header name (any case) → value, or several values of one header. */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Payload of a verified end-user JWT; undefined: none verified. */
  readonly jwtClaims?: Readonly<Record<string, unknown>>;
}

export interface RbacOptions {
  /**
   * `payload_in_metadata` of the JWT filter: where, under `envoy.filters.http.jwt_authn`, the
   * verified payload is. Required as soon as a policy reads that filter's metadata.
   */
  readonly jwtPayloadKey?: string;
}

export interface Decision {
  readonly allowed: boolean;
  /** The first matching policy in Envoy's (lexicographic) order, if any matched. */
  readonly policy?: string;
}

export interface RbacVerdict extends Decision {
  /** The verdict of `shadow_rules`, when the configuration has them. Never enforced. */
  readonly shadow?: Decision;
}

type Json = Readonly<Record<string, unknown>>;

/** A request as the matchers see it: lowercase header map with pseudo-headers, metadata. */
interface Context {
  readonly kind: 'http' | 'network';
  readonly principal?: string;
  readonly directRemoteIp?: string;
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly path: string;
  readonly jwtClaims?: Readonly<Record<string, unknown>>;
  readonly jwtPayloadKey?: string;
}

/** Envoy's decision for an HTTP RBAC filter (`envoy.extensions.filters.http.rbac.v3.RBAC`). */
export function evaluateHttpRbac(config: unknown, request: RbacRequest, options: RbacOptions = {}): RbacVerdict {
  const c = object(config, 'http RBAC');
  expectKeys(c, ['@type', 'rules', 'shadow_rules', 'rules_stat_prefix', 'shadow_rules_stat_prefix', 'track_per_rule_stats'], 'http RBAC');
  if (c['@type'] !== undefined && c['@type'] !== HTTP_RBAC_TYPE) fail(`http RBAC: unexpected @type ${String(c['@type'])}`);
  return evaluateFilter(c, httpContext(request, options));
}

/** Envoy's decision for a network RBAC filter (`envoy.extensions.filters.network.rbac.v3.RBAC`). */
export function evaluateNetworkRbac(config: unknown, connection: { readonly principal?: string; readonly directRemoteIp?: string }): RbacVerdict {
  const c = object(config, 'network RBAC');
  expectKeys(c, ['@type', 'stat_prefix', 'rules', 'shadow_rules', 'shadow_rules_stat_prefix'], 'network RBAC');
  if (c['@type'] !== undefined && c['@type'] !== NETWORK_RBAC_TYPE) fail(`network RBAC: unexpected @type ${String(c['@type'])}`);
  if (typeof c['stat_prefix'] !== 'string' || c['stat_prefix'].length === 0) fail('network RBAC: stat_prefix is required');
  const context: Context = {
    kind: 'network',
    ...(connection.principal !== undefined ? { principal: connection.principal } : {}),
    ...(connection.directRemoteIp !== undefined ? { directRemoteIp: connection.directRemoteIp } : {}),
    headers: new Map(),
    path: '',
  };
  return evaluateFilter(c, context);
}

/**
 * `route.v3.HeaderMatcher` on its own, for the other matchers of a request that use it (route
 * matching, rate-limit actions). `headers`: lowercase names, pseudo-headers included.
 */
export function headerMatcherMatches(matcher: unknown, headers: ReadonlyMap<string, readonly string[]>): boolean {
  return headerMatches(matcher, { kind: 'http', headers, path: headers.get(':path')?.[0] ?? '' }, 'HeaderMatcher');
}

/** `type.matcher.v3.StringMatcher` on its own (route matching on query parameters). */
export function stringMatcherMatches(matcher: unknown, value: string): boolean {
  return stringMatches(matcher, value, 'StringMatcher');
}

/** RE2 full match, as Envoy applies a RegexMatcher (`safe_regex`). */
export function regexMatcherMatches(matcher: unknown, value: string): boolean {
  return regexFullMatch(matcher, value, 'RegexMatcher');
}

function evaluateFilter(c: Json, context: Context): RbacVerdict {
  const enforced: Decision = c['rules'] === undefined ? { allowed: true } : evaluateRules(c['rules'], context, 'rules');
  if (c['shadow_rules'] === undefined) return enforced;
  return { ...enforced, shadow: evaluateRules(c['shadow_rules'], context, 'shadow_rules') };
}

/** `envoy.config.rbac.v3.RBAC`: the action applied to whether some policy matches. */
function evaluateRules(rules: unknown, context: Context, where: string): Decision {
  const r = object(rules, where);
  expectKeys(r, ['action', 'policies'], where);
  const action = r['action'] ?? 'ALLOW';
  const policies = r['policies'] === undefined ? {} : object(r['policies'], `${where}.policies`);
  const names = Object.keys(policies).sort();
  // Every policy is checked for validity, not only up to the first match.
  const matched = names.filter((name) => policyMatches(policies[name], context, `${where}.policies.${name}`));
  const [policy] = matched;
  const named = policy !== undefined ? { policy } : {};
  switch (action) {
    case 'ALLOW':
      return { allowed: policy !== undefined, ...named };
    case 'DENY':
      return { allowed: policy === undefined, ...named };
    case 'LOG':
      return { allowed: true, ...named };
    default:
      return fail(`${where}.action: unknown action ${String(action)}`);
  }
}

function policyMatches(policy: unknown, context: Context, where: string): boolean {
  const p = object(policy, where);
  expectKeys(p, ['permissions', 'principals'], where);
  const permissions = list(p['permissions'], `${where}.permissions`, 1);
  const principals = list(p['principals'], `${where}.principals`, 1);
  const permitted = permissions.map((x, i) => permissionMatches(x, context, `${where}.permissions[${i}]`));
  const identified = principals.map((x, i) => principalMatches(x, context, `${where}.principals[${i}]`));
  return permitted.some(Boolean) && identified.some(Boolean);
}

function permissionMatches(permission: unknown, context: Context, where: string): boolean {
  const [kind, value] = oneof(permission, where);
  switch (kind) {
    case 'any':
      return anyTrue(value, where);
    case 'and_rules':
      return set(value, 'rules', `${where}.and_rules`)
        .map((x, i) => permissionMatches(x, context, `${where}.and_rules[${i}]`))
        .every(Boolean);
    case 'or_rules':
      return set(value, 'rules', `${where}.or_rules`)
        .map((x, i) => permissionMatches(x, context, `${where}.or_rules[${i}]`))
        .some(Boolean);
    case 'not_rule':
      return !permissionMatches(value, context, `${where}.not_rule`);
    case 'header':
      return headerMatches(value, httpOnly(context, where), `${where}.header`);
    case 'url_path':
      return pathMatches(value, httpOnly(context, where), `${where}.url_path`);
    default:
      return fail(`${where}: permission "${kind}" is not understood by this evaluator`);
  }
}

function principalMatches(principal: unknown, context: Context, where: string): boolean {
  const [kind, value] = oneof(principal, where);
  switch (kind) {
    case 'any':
      return anyTrue(value, where);
    case 'and_ids':
      return set(value, 'ids', `${where}.and_ids`)
        .map((x, i) => principalMatches(x, context, `${where}.and_ids[${i}]`))
        .every(Boolean);
    case 'or_ids':
      return set(value, 'ids', `${where}.or_ids`)
        .map((x, i) => principalMatches(x, context, `${where}.or_ids[${i}]`))
        .some(Boolean);
    case 'not_id':
      return !principalMatches(value, context, `${where}.not_id`);
    case 'authenticated':
      return authenticatedMatches(value, context, `${where}.authenticated`);
    case 'direct_remote_ip':
      return cidrMatches(value, context.directRemoteIp, `${where}.direct_remote_ip`);
    case 'metadata':
      return metadataMatches(value, httpOnly(context, where), `${where}.metadata`);
    default:
      return fail(`${where}: principal "${kind}" is not understood by this evaluator`);
  }
}

/** `core.v3.CidrRange` against an address: the first prefix_len bits agree (node:net's BlockList). */
function cidrMatches(value: unknown, address: string | undefined, where: string): boolean {
  const range = object(value, where);
  expectKeys(range, ['address_prefix', 'prefix_len'], where);
  const prefix = range['address_prefix'];
  const length = range['prefix_len'] ?? 0;
  if (typeof prefix !== 'string' || typeof length !== 'number') return fail(`${where}: address_prefix and prefix_len are required`);
  if (address === undefined) return fail(`${where}: the request has no peer address`);
  const family = isIP(prefix) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  list.addSubnet(prefix, length, family);
  return isIP(address) !== 0 && list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Only a TLS peer is authenticated; `principal_name` is matched against its URI SAN. */
function authenticatedMatches(value: unknown, context: Context, where: string): boolean {
  const a = object(value, where);
  expectKeys(a, ['principal_name'], where);
  if (context.principal === undefined) return false;
  return a['principal_name'] === undefined ? true : stringMatches(a['principal_name'], context.principal, `${where}.principal_name`);
}

/** `route.v3.HeaderMatcher`, as Envoy's HeaderUtility applies it. */
function headerMatches(value: unknown, context: Context, where: string): boolean {
  const h = object(value, where);
  expectKeys(h, ['name', 'string_match', 'present_match', 'invert_match', 'treat_missing_header_as_empty'], where);
  const name = h['name'];
  if (typeof name !== 'string' || name.length === 0) fail(`${where}.name is required`);
  const hasString = h['string_match'] !== undefined;
  const hasPresent = h['present_match'] !== undefined;
  if (hasString === hasPresent) fail(`${where}: exactly one of string_match or present_match (others are not understood)`);
  const invert = bool(h['invert_match'], `${where}.invert_match`);
  const values = context.headers.get(name.toLowerCase());
  if (values === undefined && !bool(h['treat_missing_header_as_empty'], `${where}.treat_missing_header_as_empty`)) {
    // A missing header only matches "absent" (present_match: false), before inversion.
    return hasPresent ? (h['present_match'] === false) !== invert : false;
  }
  const joined = (values ?? ['']).join(',');
  const matched = hasPresent ? bool(h['present_match'], `${where}.present_match`) === (values !== undefined) : stringMatches(h['string_match'], joined, `${where}.string_match`);
  return matched !== invert;
}

/** `type.matcher.v3.PathMatcher`: the path without its query string and fragment. */
function pathMatches(value: unknown, context: Context, where: string): boolean {
  const p = object(value, where);
  expectKeys(p, ['path'], where);
  if (p['path'] === undefined) fail(`${where}.path is required`);
  return stringMatches(p['path'], context.path.replace(/[?#].*$/s, ''), `${where}.path`);
}

/** `type.matcher.v3.MetadataMatcher` over the request's dynamic metadata. */
function metadataMatches(value: unknown, context: Context, where: string): boolean {
  const m = object(value, where);
  expectKeys(m, ['filter', 'path', 'value', 'invert'], where);
  const filter = m['filter'];
  if (typeof filter !== 'string' || filter.length === 0) fail(`${where}.filter is required`);
  const keys = list(m['path'], `${where}.path`, 1).map((segment, i) => {
    const s = object(segment, `${where}.path[${i}]`);
    expectKeys(s, ['key'], `${where}.path[${i}]`);
    if (typeof s['key'] !== 'string' || s['key'].length === 0) fail(`${where}.path[${i}].key is required`);
    return s['key'];
  });
  let current: unknown = dynamicMetadata(context, filter);
  for (const key of keys) {
    current = isRecord(current) ? current[key] : undefined;
  }
  const matched = valueMatches(m['value'], current, `${where}.value`);
  return matched !== bool(m['invert'], `${where}.invert`);
}

function valueMatches(matcher: unknown, value: unknown, where: string): boolean {
  const [kind, spec] = oneof(matcher, where);
  switch (kind) {
    case 'string_match':
      return typeof value === 'string' && stringMatches(spec, value, `${where}.string_match`);
    case 'bool_match':
      return typeof value === 'boolean' && value === bool(spec, `${where}.bool_match`);
    case 'list_match': {
      // ListMatcher: a list matches when one of its values matches `one_of`
      // (source/common/common/matchers.cc, ListMatcher::match).
      const l = object(spec, `${where}.list_match`);
      expectKeys(l, ['one_of'], `${where}.list_match`);
      return Array.isArray(value) && value.some((v) => valueMatches(l['one_of'], v, `${where}.list_match.one_of`));
    }
    case 'present_match':
      // Present: the path refers to a primitive value (not a list or a struct).
      return (value !== undefined && value !== null && typeof value !== 'object') === bool(spec, `${where}.present_match`);
    default:
      return fail(`${where}: value matcher "${kind}" is not understood by this evaluator`);
  }
}

/** `type.matcher.v3.StringMatcher`. */
function stringMatches(matcher: unknown, value: string, where: string): boolean {
  const m = object(matcher, where);
  const kinds = ['exact', 'prefix', 'suffix', 'contains', 'safe_regex'].filter((k) => m[k] !== undefined);
  expectKeys(m, ['exact', 'prefix', 'suffix', 'contains', 'safe_regex', 'ignore_case'], where);
  const [kind] = kinds;
  if (kind === undefined || kinds.length !== 1) fail(`${where}: exactly one match pattern expected, got ${JSON.stringify(m)}`);
  const ignoreCase = bool(m['ignore_case'], `${where}.ignore_case`);
  if (kind === 'safe_regex') {
    if (ignoreCase) fail(`${where}: ignore_case has no effect on safe_regex (Envoy rejects it)`);
    return regexFullMatch(m['safe_regex'], value, `${where}.safe_regex`);
  }
  const pattern = m[kind];
  if (typeof pattern !== 'string') fail(`${where}.${kind} must be a string`);
  if (kind !== 'exact' && pattern.length === 0) fail(`${where}.${kind} must not be empty (Envoy rejects it)`);
  const [p, v] = ignoreCase ? [pattern.toLowerCase(), value.toLowerCase()] : [pattern, value];
  switch (kind) {
    case 'exact':
      return v === p;
    case 'prefix':
      return v.startsWith(p);
    case 'suffix':
      return v.endsWith(p);
    default:
      return v.includes(p);
  }
}

interface Re2 {
  test(input: string): boolean;
}
const { RE2 } = createRequire(import.meta.url)('re2-wasm') as { RE2: new (pattern: string, flags: string) => Re2 };

/** RegexMatcher: Envoy matches the whole value with RE2. */
function regexFullMatch(value: unknown, input: string, where: string): boolean {
  const r = object(value, where);
  expectKeys(r, ['regex'], where);
  if (typeof r['regex'] !== 'string' || r['regex'].length === 0) fail(`${where}.regex is required`);
  return new RE2(`^(?:${r['regex']})$`, 'u').test(input);
}

// ── Building the context ────────────────────────────────────────────────────────────────────

function httpContext(request: RbacRequest, options: RbacOptions): Context {
  const headers = new Map<string, string[]>();
  for (const [name, v] of Object.entries(request.headers ?? {})) {
    const key = name.toLowerCase();
    headers.set(key, [...(headers.get(key) ?? []), ...(typeof v === 'string' ? [v] : v)]);
  }
  headers.set(':method', [request.method]);
  headers.set(':path', [request.path]);
  return {
    kind: 'http',
    ...(request.principal !== undefined ? { principal: request.principal } : {}),
    ...(request.directRemoteIp !== undefined ? { directRemoteIp: request.directRemoteIp } : {}),
    headers,
    path: request.path,
    ...(request.jwtClaims !== undefined ? { jwtClaims: request.jwtClaims } : {}),
    ...(options.jwtPayloadKey !== undefined ? { jwtPayloadKey: options.jwtPayloadKey } : {}),
  };
}

/** The Struct a filter left in the request's dynamic metadata: only the JWT filter's is modelled. */
function dynamicMetadata(context: Context, filter: string): unknown {
  if (filter !== JWT_AUTHN_FILTER) fail(`metadata of filter "${filter}" is not modelled`);
  if (context.jwtPayloadKey === undefined) fail('a policy reads JWT metadata, but no jwtPayloadKey says where the JWT filter puts it');
  // Without a verified token the JWT filter leaves no metadata: the value is missing.
  return context.jwtClaims === undefined ? undefined : { [context.jwtPayloadKey]: context.jwtClaims };
}

function httpOnly(context: Context, where: string): Context {
  if (context.kind !== 'http') fail(`${where}: an HTTP-only matcher in network RBAC`);
  return context;
}

// ── Strict reading of proto3 JSON ───────────────────────────────────────────────────────────

function fail(message: string): never {
  throw new Error(`RBAC evaluator: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, where: string): Json {
  if (!isRecord(v)) fail(`${where} must be an object, got ${JSON.stringify(v)}`);
  return v;
}

function list(v: unknown, where: string, minItems: number): readonly unknown[] {
  if (!Array.isArray(v)) fail(`${where} must be a list, got ${JSON.stringify(v)}`);
  if (v.length < minItems) fail(`${where} needs at least ${minItems} item(s) (Envoy rejects the configuration)`);
  return v;
}

function bool(v: unknown, where: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') fail(`${where} must be a boolean`);
  return v;
}

function expectKeys(o: Json, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(o).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) fail(`${where}: field(s) ${unknown.join(', ')} not understood`);
}

/** A message with a `oneof` of exactly one set field. */
function oneof(v: unknown, where: string): [string, unknown] {
  const o = object(v, where);
  const keys = Object.keys(o);
  const [only] = keys;
  if (only === undefined || keys.length !== 1) fail(`${where}: exactly one field expected, got ${JSON.stringify(o)}`);
  return [only, o[only]];
}

/** `Permission.Set` / `Principal.Set`: at least one item (PGV min_items: 1). */
function set(v: unknown, field: 'rules' | 'ids', where: string): readonly unknown[] {
  const s = object(v, where);
  expectKeys(s, [field], where);
  return list(s[field], `${where}.${field}`, 1);
}

/** `any` is `bool any = 3 [(validate.rules).bool = {const: true}]`. */
function anyTrue(v: unknown, where: string): boolean {
  if (v !== true) fail(`${where}.any must be true (Envoy rejects any: false)`);
  return true;
}
