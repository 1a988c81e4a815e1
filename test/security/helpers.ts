/**
 * Shared by the security tests: compile a mesh and read back what was written (parsed YAML),
 * find things in a bootstrap, and model how a sidecar's inbound listener treats a connection
 * and a request, from the TLS handshake through JWT authentication to RBAC.
 */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { CompileResult } from '../../src/compile.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { renderDiagnostics } from '../../src/diagnostics/render.js';
import { compileText } from '../helpers/diagnose.js';
import { evaluateHttpRbac, evaluateNetworkRbac, type RbacVerdict } from '../helpers/rbac.js';

export type Json = Record<string, unknown>;

// ── Compiling ───────────────────────────────────────────────────────────────────────────────

export interface Compiled {
  readonly result: CompileResult;
  /** Every file written, parsed: `<service>/bootstrap.yaml`, `<service>/sds/*.yaml`, `_mesh/...`. */
  readonly files: ReadonlyMap<string, Json>;
  bootstrap(service: string): Json;
}

/** Compiles YAML text (see `compileText`) that must be free of errors; warnings are allowed. */
export function compileMesh(text: string | Readonly<Record<string, string>>): Compiled {
  return compiled(compileText(text));
}

export function compiled(result: CompileResult): Compiled {
  if (hasErrors(result.diagnostics)) {
    const texts = new Map(result.sources.map((s) => [s.name, s.text]));
    assert.fail(`the mesh does not compile:\n${renderDiagnostics(result.diagnostics, 'text', texts)}`);
  }
  const files = new Map(result.files.map((f) => [f.path, parse(f.content) as Json]));
  return {
    result,
    files,
    bootstrap(service) {
      const b = files.get(`${service}/bootstrap.yaml`);
      assert.ok(b, `no bootstrap for ${service}; written: ${[...files.keys()].join(', ')}`);
      return b;
    },
  };
}

/** Bootstraps by service name. */
export function bootstraps(c: Compiled): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [path, content] of c.files) {
    const m = /^([^/]+)\/bootstrap\.yaml$/.exec(path);
    if (m?.[1]) out.set(m[1], content);
  }
  return out;
}

// ── Reading bootstraps ──────────────────────────────────────────────────────────────────────

export function obj(v: unknown, what: string): Json {
  assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), `${what} should be an object, got ${JSON.stringify(v)}`);
  return v as Json;
}

export function arr(v: unknown, what: string): Json[] {
  assert.ok(Array.isArray(v), `${what} should be a list, got ${JSON.stringify(v)}`);
  return v as Json[];
}

/** `a.b.c` inside an object; undefined when any step is missing. */
export function at(v: unknown, path: string): unknown {
  let current: unknown = v;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

export function listeners(bootstrap: Json): Json[] {
  return arr(at(bootstrap, 'static_resources.listeners'), 'static_resources.listeners');
}

export function clusters(bootstrap: Json): Json[] {
  return arr(at(bootstrap, 'static_resources.clusters'), 'static_resources.clusters');
}

export function named(items: readonly Json[], name: string): Json {
  const found = items.find((i) => i['name'] === name);
  assert.ok(found, `nothing named ${name} among ${items.map((i) => String(i['name'])).join(', ')}`);
  return found;
}

export function inboundListener(bootstrap: Json): Json {
  const inbound = listeners(bootstrap).filter((l) => l['traffic_direction'] === 'INBOUND');
  assert.equal(inbound.length, 1, 'one inbound listener');
  return inbound[0] as Json;
}

export function filterChains(listener: Json): Json[] {
  return arr(listener['filter_chains'], `${String(listener['name'])}.filter_chains`);
}

export function networkFilters(chain: Json): Json[] {
  return arr(chain['filters'], 'filter chain filters');
}

const HCM = 'envoy.filters.network.http_connection_manager';

/** The HTTP connection manager of a filter chain, if it has one. */
export function hcmOf(chain: Json): Json | undefined {
  const filter = networkFilters(chain).find((f) => f['name'] === HCM);
  return filter ? obj(filter['typed_config'], 'HCM typed_config') : undefined;
}

/** Every HTTP connection manager of a bootstrap, with the listener it belongs to. */
export function allHcms(bootstrap: Json): { listener: Json; hcm: Json }[] {
  return listeners(bootstrap).flatMap((listener) =>
    filterChains(listener).flatMap((chain) => {
      const hcm = hcmOf(chain);
      return hcm ? [{ listener, hcm }] : [];
    }),
  );
}

export function httpFilters(hcm: Json): Json[] {
  return arr(hcm['http_filters'], 'http_filters');
}

/** Every value of a JSON tree with its dotted path. */
export function* walk(v: unknown, path = ''): Generator<{ path: string; key: string; value: unknown }> {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield* walkChild(v[i], `${path}[${i}]`, String(i));
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, child] of Object.entries(v)) yield* walkChild(child, path ? `${path}.${k}` : k, k);
  }
}

function* walkChild(value: unknown, path: string, key: string): Generator<{ path: string; key: string; value: unknown }> {
  yield { path, key, value };
  yield* walk(value, path);
}

export const TLS_SOCKET = 'envoy.transport_sockets.tls';
export const DOWNSTREAM_TLS = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext';
export const UPSTREAM_TLS = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';

/** The TLS context of a transport socket, checked to be of the expected type. */
export function tlsContext(socket: unknown, type: string): Json {
  const s = obj(socket, 'transport_socket');
  assert.equal(s['name'], TLS_SOCKET);
  const config = obj(s['typed_config'], 'transport_socket.typed_config');
  assert.equal(config['@type'], type);
  return config;
}

const GCM_ECDHE = /^ECDHE-(ECDSA|RSA)-AES(128|256)-GCM-SHA(256|384)$/;

/** TLS 1.2 to 1.3, forward-secret AEAD (ECDHE + GCM) suites only. */
export function checkTlsParams(params: unknown, where: string): void {
  const p = obj(params, `${where}: tls_params`);
  assert.equal(p['tls_minimum_protocol_version'], 'TLSv1_2', `${where}: TLS 1.2 at least`);
  assert.equal(p['tls_maximum_protocol_version'], 'TLSv1_3', `${where}: up to TLS 1.3`);
  const suites = arr(p['cipher_suites'], 'cipher_suites') as unknown as string[];
  assert.ok(suites.length > 0, `${where}: cipher suites pinned`);
  for (const suite of suites) assert.match(suite, GCM_ECDHE, `${where}: forward-secret AEAD suites only`);
}

export const spiffe = (trustDomain: string, service: string): string => `spiffe://${trustDomain}/svc/${service}`;

// ── The inbound side of a sidecar, as Envoy would treat a request ───────────────────────────

export interface InboundRequest {
  /** URI SAN of the client certificate; undefined: a plaintext connection. */
  readonly principal?: string;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A correctly signed end-user token: its issuer names the provider; claims are its payload. */
  readonly jwt?: { readonly iss: string; readonly aud?: string; readonly [claim: string]: unknown };
}

/**
 * Where the request stops: `refused` at the connection (no filter chain, or the TLS handshake
 * fails: no client certificate or a SAN outside the trust domain), `unauthenticated` by the JWT
 * filter (401), `forbidden` by RBAC (403), or `allowed` through to the application.
 */
export type Outcome = 'refused' | 'unauthenticated' | 'forbidden' | 'allowed';

/** Filters that do not decide who gets in; anything else on the inbound side must be modelled. */
const NEUTRAL_HTTP_FILTERS = ['envoy.filters.http.local_ratelimit', 'envoy.filters.http.ratelimit', 'envoy.filters.http.router'];
const NEUTRAL_NETWORK_FILTERS = ['envoy.filters.network.local_ratelimit', 'envoy.filters.network.tcp_proxy'];

export function admit(bootstrap: Json, request: InboundRequest): Outcome {
  const listener = inboundListener(bootstrap);
  const chain = selectChain(listener, request.principal !== undefined);
  if (!chain || !handshake(chain, request.principal)) return 'refused';
  for (const filter of networkFilters(chain)) {
    const name = filter['name'];
    if (name === 'envoy.filters.network.rbac') {
      if (!evaluateNetworkRbac(filter['typed_config'], connectionOf(request)).allowed) return 'refused';
    } else if (name === HCM) {
      return admitHttp(obj(filter['typed_config'], 'HCM'), request);
    } else if (typeof name !== 'string' || !NEUTRAL_NETWORK_FILTERS.includes(name)) {
      assert.fail(`admit: network filter ${String(name)} is not modelled`);
    }
  }
  return 'allowed';
}

function connectionOf(request: InboundRequest): { principal?: string } {
  return request.principal !== undefined ? { principal: request.principal } : {};
}

/** Filter chain matching on the transport protocol the TLS inspector (if any) detects. */
function selectChain(listener: Json, tls: boolean): Json | undefined {
  const inspector = arr(listener['listener_filters'] ?? [], 'listener_filters').some(
    (f) => f['name'] === 'envoy.filters.listener.tls_inspector',
  );
  const detected = inspector && tls ? 'tls' : 'raw_buffer';
  const candidates = filterChains(listener).filter((chain) => {
    const match = chain['filter_chain_match'];
    if (match === undefined) return true;
    const m = obj(match, 'filter_chain_match');
    assert.deepEqual(Object.keys(m), ['transport_protocol'], 'admit: only transport_protocol matching is modelled');
    return m['transport_protocol'] === detected;
  });
  // The most specific chain wins: one that names the transport protocol over one that does not.
  return candidates.find((c) => c['filter_chain_match'] !== undefined) ?? candidates[0];
}

/** The client's certificate must be there and carry a SAN the listener accepts. */
function handshake(chain: Json, principal: string | undefined): boolean {
  const socket = chain['transport_socket'];
  if (socket === undefined) return principal === undefined;
  if (principal === undefined) return false;
  const context = tlsContext(socket, DOWNSTREAM_TLS);
  if (context['require_client_certificate'] !== true) assert.fail('admit: TLS without a required client certificate is not modelled');
  const validation = at(context, 'common_tls_context.combined_validation_context.default_validation_context');
  const sans = arr(at(validation, 'match_typed_subject_alt_names'), 'match_typed_subject_alt_names');
  return sans.some((san) => {
    assert.equal(san['san_type'], 'URI');
    const matcher = obj(san['matcher'], 'SAN matcher');
    if (typeof matcher['exact'] === 'string') return principal === matcher['exact'];
    if (typeof matcher['prefix'] === 'string') return principal.startsWith(matcher['prefix']);
    return assert.fail(`admit: SAN matcher ${JSON.stringify(matcher)} is not modelled`);
  });
}

function admitHttp(hcm: Json, request: InboundRequest): Outcome {
  const method = request.method ?? 'GET';
  const path = request.path ?? '/';
  let claims: Json | undefined;
  let payloadKey: string | undefined;
  assertNoPerRouteAuth(hcm);
  for (const filter of httpFilters(hcm)) {
    const name = String(filter['name']);
    if (name === 'envoy.filters.http.jwt_authn') {
      const result = authenticate(obj(filter['typed_config'], 'jwt_authn'), path, request.jwt);
      if (result === 'unauthenticated') return result;
      claims = result?.claims;
      payloadKey = result?.payloadKey ?? payloadKeyOf(obj(filter['typed_config'], 'jwt_authn'));
    } else if (name === 'envoy.filters.http.rbac') {
      const verdict = evaluateHttpRbac(
        filter['typed_config'],
        {
          ...(request.principal !== undefined ? { principal: request.principal } : {}),
          method,
          path,
          headers: request.headers ?? {},
          ...(claims !== undefined ? { jwtClaims: claims } : {}),
        },
        payloadKey !== undefined ? { jwtPayloadKey: payloadKey } : {},
      );
      if (!verdict.allowed) return 'forbidden';
    } else if (!NEUTRAL_HTTP_FILTERS.includes(name)) {
      assert.fail(`admit: HTTP filter ${name} is not modelled`);
    }
  }
  return 'allowed';
}

/** Per-route RBAC or JWT settings would change the decision route by route: not modelled. */
function assertNoPerRouteAuth(hcm: Json): void {
  for (const { key, value } of walk(hcm['route_config'])) {
    if (key !== 'typed_per_filter_config') continue;
    for (const filter of Object.keys(obj(value, 'typed_per_filter_config'))) {
      assert.ok(
        !['envoy.filters.http.rbac', 'envoy.filters.http.jwt_authn'].includes(filter),
        `admit: per-route ${filter} configuration is not modelled`,
      );
    }
  }
}

/** `payload_in_metadata`, which must be the same for every provider. */
export function payloadKeyOf(jwtAuthn: Json): string | undefined {
  const keys = new Set(Object.values(obj(jwtAuthn['providers'], 'providers')).map((p) => obj(p, 'provider')['payload_in_metadata']));
  assert.ok(keys.size <= 1, 'providers put their payload under different metadata keys');
  const [key] = keys;
  return typeof key === 'string' ? key : undefined;
}

/**
 * The JWT filter: the first rule whose match takes the path decides; without `requires` nothing
 * is verified. A requirement names providers; a token satisfies one when its issuer (and, if the
 * provider lists audiences, its audience) fits.
 */
function authenticate(
  config: Json,
  path: string,
  token: InboundRequest['jwt'],
): 'unauthenticated' | { claims: Json; payloadKey: string | undefined } | undefined {
  const providers = obj(config['providers'], 'providers');
  const rules = arr(config['rules'], 'jwt rules');
  const rule = rules.find((r) => routeMatches(obj(r['match'], 'jwt rule match'), path));
  if (rule?.['requires'] === undefined) return undefined;
  const accepted = requirementProviders(obj(rule['requires'], 'requires'));
  const provider = accepted.find((name) => {
    const p = obj(providers[name], `provider ${name}`);
    const audiences = (p['audiences'] as string[] | undefined) ?? [];
    return token !== undefined && p['issuer'] === token.iss && (audiences.length === 0 || audiences.includes(token.aud ?? ''));
  });
  if (provider === undefined || token === undefined) return 'unauthenticated';
  const key = obj(providers[provider], 'provider')['payload_in_metadata'];
  return { claims: { ...token }, payloadKey: typeof key === 'string' ? key : undefined };
}

function requirementProviders(requires: Json): string[] {
  const keys = Object.keys(requires);
  assert.equal(keys.length, 1, `one requirement kind, got ${JSON.stringify(requires)}`);
  if (typeof requires['provider_name'] === 'string') return [requires['provider_name']];
  const any = obj(requires['requires_any'], 'requires_any (other requirement kinds are not modelled)');
  const list = arr(any['requirements'], 'requires_any.requirements');
  assert.ok(list.length >= 2, 'requires_any needs at least 2 requirements (Envoy rejects fewer)');
  return list.flatMap(requirementProviders);
}

/** RouteMatch of a JWT rule: prefix or path, on the path without its query string. */
function routeMatches(match: Json, path: string): boolean {
  const bare = path.replace(/[?#].*$/s, '');
  const keys = Object.keys(match);
  assert.equal(keys.length, 1, `one path specifier, got ${JSON.stringify(match)}`);
  if (typeof match['prefix'] === 'string') return bare.startsWith(match['prefix']);
  if (typeof match['path'] === 'string') return bare === match['path'];
  return assert.fail(`jwt rule match ${JSON.stringify(match)} is not modelled`);
}

/** The RBAC configuration(s) of the inbound listener: identical in every filter chain. */
export function inboundRbac(bootstrap: Json): { http?: Json; network?: Json; jwtPayloadKey?: string } {
  const found = filterChains(inboundListener(bootstrap)).map((chain) => {
    const network = networkFilters(chain).find((f) => f['name'] === 'envoy.filters.network.rbac');
    const hcm = hcmOf(chain);
    const filters = hcm ? httpFilters(hcm) : [];
    const http = filters.find((f) => f['name'] === 'envoy.filters.http.rbac');
    const jwt = filters.find((f) => f['name'] === 'envoy.filters.http.jwt_authn');
    const jwtPayloadKey = jwt ? payloadKeyOf(obj(jwt['typed_config'], 'jwt_authn')) : undefined;
    return {
      ...(http ? { http: obj(http['typed_config'], 'rbac') } : {}),
      ...(network ? { network: obj(network['typed_config'], 'network rbac') } : {}),
      ...(jwtPayloadKey !== undefined ? { jwtPayloadKey } : {}),
    };
  });
  const [first] = found;
  assert.ok(first, 'the inbound listener has filter chains');
  for (const other of found) assert.deepEqual(other, first, 'every filter chain carries the same authorization');
  return first;
}

export type { RbacVerdict };
