/** Lowering of the inbound security settings (authz, JWT, rate limits) to the IR. */
import { BUILTIN } from '../dsl/builtin.js';
import { defaultAuthzRuleName } from '../envoy/names.js';
import { optionalDuration, parseDuration } from '../dsl/duration.js';
import { parseCidr, splitHostPort } from '../dsl/endpoint.js';
import { refAt, type NodeRef } from '../dsl/model.js';
import type { AuthzRuleSpec, AuthzSpec, JwtProviderSpec, JwtSpec, MeshSpec, RateLimitSpec } from '../dsl/schema.js';
import { spiffeId } from './identity.js';
import type { AuthzIR, AuthzRuleIR, CidrIR, ControlPlaneIR, JwtIR, JwtProviderIR, Origin, PathPatternIR, RateLimitIR, RateLimitServiceIR } from './types.js';

export function resolvePathPattern(pattern: string, ignoreCase = false): PathPatternIR {
  const cased = ignoreCase ? { ignoreCase } : {};
  if (pattern === '*' || pattern === '/*') return { kind: 'any' };
  if (pattern.endsWith('/*')) return { kind: 'subtree', value: pattern.slice(0, -2), ...cased };
  return { kind: 'exact', value: pattern, ...cased };
}

/** The list form is shorthand for `{ mode: enforce, allow: [...] }`. */
export function resolveAuthz(spec: AuthzSpec, trustDomain: string, jwt: JwtSpec | undefined, at: NodeRef, originOf: (at: NodeRef) => Origin, inherited = false): AuthzIR {
  // With one provider, claims are read from its token; with several, rules say (unbound-jwt-claims).
  const [soleProvider] = Object.keys(jwt?.providers ?? {});
  const resolveList = (rules: readonly AuthzRuleSpec[], rulesAt: NodeRef, list: 'allow' | 'deny') =>
    rules.map((rule, i) => resolveAuthzRule(rule, defaultAuthzRuleName(i, list, inherited), trustDomain, rule.claimsFrom ?? soleProvider ?? '', originOf(refAt(rulesAt, i))));
  if (Array.isArray(spec)) return { mode: 'enforce', rules: resolveList(spec, at, 'allow'), deny: [] };
  return {
    mode: spec.mode ?? 'enforce',
    ...(spec.allow ? { rules: resolveList(spec.allow, refAt(at, 'allow'), 'allow') } : {}),
    deny: resolveList(spec.deny ?? [], refAt(at, 'deny'), 'deny'),
  };
}

function resolveAuthzRule(rule: AuthzRuleSpec, defaultName: string, trustDomain: string, provider: string, origin: Origin): AuthzRuleIR {
  const from: AuthzRuleIR['from'] =
    rule.from === undefined
      ? undefined
      : rule.from.includes('*')
        ? { kind: 'any-mesh' }
        : { kind: 'identities', identities: [...new Set(rule.from)].map((s) => spiffeId(trustDomain, s)) };
  return {
    name: rule.name ?? defaultName,
    ...(from ? { from } : {}),
    ...(rule.notFrom ? { notFrom: [...new Set(rule.notFrom)].map((s) => spiffeId(trustDomain, s)) } : {}),
    ...(rule.sourceIps ? { sourceIps: rule.sourceIps.map(resolveCidr) } : {}),
    ...(rule.notSourceIps ? { notSourceIps: rule.notSourceIps.map(resolveCidr) } : {}),
    ...(rule.methods ? { methods: [...new Set(rule.methods)] } : {}),
    ...(rule.notMethods ? { notMethods: [...new Set(rule.notMethods)] } : {}),
    ...(rule.paths ? { paths: rule.paths.map((p) => resolvePathPattern(p, rule.ignoreCase)) } : {}),
    ...(rule.notPaths ? { notPaths: rule.notPaths.map((p) => resolvePathPattern(p, rule.ignoreCase)) } : {}),
    headers: Object.entries(rule.headers ?? {}).map(([name, value]) => ({ name: name.toLowerCase(), value })),
    claims: Object.entries(rule.claims ?? {}).map(([name, value]) => ({ name, value, provider })),
    origin,
  };
}

function resolveCidr(text: string): CidrIR {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`resolveCidr: invalid range "${text}" reached the IR: ${parsed.reason}`);
  return parsed.value;
}

export function resolveJwt(spec: JwtSpec): JwtIR {
  const providers = Object.entries(spec.providers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, p]) => resolveJwtProvider(name, p));
  const all = providers.map((p) => p.name);
  return {
    providers,
    ...(spec.rules
      ? {
          rules: spec.rules.map((r) => ({
            paths: r.paths.map((p) => resolvePathPattern(p, r.ignoreCase)),
            providers: r.requires === undefined ? all : Array.isArray(r.requires) ? r.requires : [r.requires],
            ...(r.optional === true ? { optional: true as const } : {}),
          })),
        }
      : {}),
  };
}

function resolveJwtProvider(name: string, spec: JwtProviderSpec): JwtProviderIR {
  const forwardClaims = Object.entries(spec.forwardClaims ?? {}).map(([claim, header]) => ({ claim, header: header.toLowerCase() }));
  const common = { name, issuer: spec.issuer, audiences: spec.audiences ?? [], forwardClaims };
  if (spec.jwksUri === undefined) return { ...common, keys: { kind: 'inline', jwks: spec.jwks ?? '' } };
  const url = new URL(spec.jwksUri);
  const tls = url.protocol === 'https:';
  return {
    ...common,
    keys: {
      kind: 'remote',
      uri: spec.jwksUri,
      host: url.hostname,
      port: url.port ? Number(url.port) : tls ? 443 : 80,
      tls,
      caFile: spec.caFile ?? BUILTIN.jwt.caFile,
      cacheDurationMs: optionalDuration(spec.cacheDuration) ?? BUILTIN.jwt.cacheDurationMs,
    },
  };
}

export function resolveRateLimit(spec: RateLimitSpec | undefined): RateLimitIR | undefined {
  if (!spec || (!spec.local && !spec.global)) return undefined;
  const { local, global } = spec;
  return {
    ...(local ? { local: { maxTokens: local.burst ?? local.requests, tokensPerFill: local.requests, fillIntervalMs: parseDuration(local.per) } } : {}),
    ...(global
      ? {
          global: {
            requests: global.requests,
            unit: global.per,
            by: (global.by ?? []).map((b) => ('header' in b ? { kind: 'header' as const, name: b.header.toLowerCase() } : { kind: 'remote-address' as const })),
          },
        }
      : {}),
  };
}

/** A host:port the rules have checked (invalid-address); anything else reaching here is a meshc bug. */
function checkedHostPort(text: string, field: string): { host: string; port: number } {
  const address = splitHostPort(text);
  if (!address.ok || address.value.port === undefined) throw new Error(`${field}: invalid address "${text}" reached the IR`);
  return { host: address.value.address, port: address.value.port };
}

export function resolveRateLimitService(mesh: MeshSpec): RateLimitServiceIR | undefined {
  const spec = mesh.rateLimitService;
  if (!spec) return undefined;
  return {
    ...checkedHostPort(spec.address, 'rateLimitService.address'),
    domain: spec.domain ?? mesh.name,
    timeoutMs: optionalDuration(spec.timeout) ?? BUILTIN.rateLimitService.timeoutMs,
    failOpen: spec.failOpen ?? BUILTIN.rateLimitService.failOpen,
    ...(spec.mtlsIdentity !== undefined ? { mtlsIdentity: spec.mtlsIdentity } : {}),
  };
}

export function resolveControlPlane(mesh: MeshSpec): ControlPlaneIR | undefined {
  const spec = mesh.controlPlane;
  if (!spec) return undefined;
  const defaults = BUILTIN.controlPlane;
  const tls = spec.tls ?? defaults.tls;
  return {
    ...checkedHostPort(spec.address, 'controlPlane.address'),
    ...(tls === 'mesh' ? { mtlsIdentity: spec.identity ?? defaults.identity } : {}),
    api: spec.api ?? defaults.api,
  };
}
