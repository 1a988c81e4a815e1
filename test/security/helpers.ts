/**
 * Shared by the security tests: compile a mesh and read back what was written (parsed YAML),
 * find things in a bootstrap, and model how a sidecar's listener (inbound, or the metrics one)
 * treats a connection and a request: the TLS handshake, network RBAC, the connection manager's
 * own header handling (use_remote_address, forward_client_cert_details), the HTTP filters in
 * order (header_mutation, jwt_authn with claim_to_headers, rbac), the route table, and the
 * limits the request counts against (local bucket or FilterConfig disabled, global descriptors).
 * What it does not know it refuses loudly; inbound-model.test.ts checks it on its own.
 */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { CompileResult } from '../../src/compile.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { renderDiagnostics } from '../../src/diagnostics/render.js';
import { compileText } from '../helpers/diagnose.js';
import {
  evaluateHttpRbac,
  evaluateNetworkRbac,
  headerMatcherMatches,
  HTTP_RBAC_TYPE,
  JWT_AUTHN_FILTER,
  regexMatcherMatches,
  stringMatcherMatches,
  type RbacVerdict,
} from '../helpers/rbac.js';

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
      return asLoaded(service, b, files, result.served);
    },
  };
}

/** Bootstraps by service name, as Envoy holds them once loaded (see asLoaded). */
export function bootstraps(c: Compiled): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [path, content] of c.files) {
    const m = /^([^/]+)\/bootstrap\.yaml$/.exec(path);
    if (m?.[1]) out.set(m[1], asLoaded(m[1], content, c.files, c.result.served));
  }
  return out;
}

/**
 * The configuration Envoy runs with: for `--mode xds-files` output, the bootstrap with the
 * listeners, clusters, route tables and endpoints of its xds/ files put back in place, and for
 * `--mode ads` those meshc serve sends, so that every property checked of a bootstrap holds for
 * what Envoy loads live too.
 */
function asLoaded(service: string, bootstrap: Json, files: ReadonlyMap<string, Json>, served: CompileResult['served']): Json {
  const config = served?.get(service);
  const fromFiles = (kind: string) => [...files].filter(([path]) => path.startsWith(`${service}/xds/${kind}`)).flatMap(([, f]) => arr(f['resources'], 'resources'));
  const KINDS = { 'lds.yaml': 'listener', 'rds/': 'routeConfiguration', 'eds/': 'clusterLoadAssignment', 'cds.yaml': 'cluster' } as const;
  const fromServed = (kind: keyof typeof KINDS) => (config?.resources ?? []).filter((r) => r.type === KINDS[kind]).map((r) => r.value as Json);
  if (!config && !files.get(`${service}/xds/lds.yaml`)) return bootstrap;
  const resources = (kind: keyof typeof KINDS) => (config ? fromServed(kind) : fromFiles(kind)).map(({ '@type': _, ...r }) => r as Json);
  const tables = new Map(resources('rds/').map((rc) => [rc['name'], rc]));
  const assignments = new Map(resources('eds/').map((a) => [a['cluster_name'], a]));
  const listeners = resources('lds.yaml').map((l) => withInlineRoutes(l, tables));
  const clusters = resources('cds.yaml').map(({ eds_cluster_config: _, ...c }) =>
    c['type'] === 'EDS' ? { ...c, type: 'STATIC', load_assignment: assignments.get(c['name']) } : c,
  );
  const { dynamic_resources: _, ...rest } = bootstrap;
  const own = obj(bootstrap['static_resources'], 'static_resources');
  return { ...rest, static_resources: { ...own, listeners, clusters: [...arr(own['clusters'], 'clusters'), ...clusters] } };
}

function withInlineRoutes(listener: Json, tables: ReadonlyMap<unknown, Json>): Json {
  const chains = arr(listener['filter_chains'], 'filter_chains').map((chain) => ({
    ...chain,
    filters: arr(chain['filters'], 'filters').map((filter) => {
      const config = obj(filter['typed_config'], 'typed_config');
      if (config['rds'] === undefined) return filter;
      const { rds, ...hcm } = config;
      const table = tables.get(obj(rds, 'rds')['route_config_name']);
      assert.ok(table, `no RDS file for ${JSON.stringify(rds)}`);
      return { ...filter, typed_config: { ...hcm, route_config: table } };
    }),
  }));
  return { ...listener, filter_chains: chains };
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
  /** `:authority` (Host); `localhost` unless given. */
  readonly authority?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A correctly signed end-user token, sent as `Authorization: Bearer …` (where the JWT filter
   * looks by default): its issuer names the provider; claims are its payload.
   */
  readonly jwt?: { readonly iss: string; readonly aud?: string; readonly [claim: string]: unknown };
  /** Where the token is sent: `Authorization: Bearer …` (default), or the `access_token` query parameter. */
  readonly jwtIn?: 'authorization' | 'query';
  /** The address of the connection's peer (the caller's sidecar); 10.40.0.20 unless given. */
  readonly peer?: string;
}

/**
 * Where the request stops: `refused` at the connection (no filter chain, or the TLS handshake
 * fails: no client certificate or a SAN the listener does not accept), `bad-request` (400) by the
 * connection manager for an invalid `:authority`, `unauthenticated` by the
 * JWT filter (401), `forbidden` by RBAC (403), `no-route` when no route takes it (404), or
 * `allowed` through to the cluster of the route that takes it.
 */
export type Outcome = 'refused' | 'bad-request' | 'unauthenticated' | 'forbidden' | 'no-route' | 'allowed';

/** Headers of a request as the filters see them: lowercase names, `:method` and `:path` included. */
export type Headers = Map<string, string[]>;

/** How a listener treated a request, and what it did to it on the way. */
export interface Inbound {
  readonly outcome: Outcome;
  /** The HTTP connection manager that took the request (past the handshake, HTTP only). */
  readonly hcm?: Json;
  /** The route that took the request (`allowed` only). */
  readonly route?: Json;
  /**
   * The request's headers after the filters (`allowed` only): what the rate-limit filters and
   * the router see, and, pseudo-headers aside, what the application receives.
   */
  readonly headers?: ReadonlyMap<string, readonly string[]>;
  /** The limits the request counts against in this sidecar (`allowed` only). */
  readonly limits?: { readonly buckets: readonly Json[]; readonly descriptors: readonly Descriptor[] };
  /**
   * The client address Envoy trusts (remote_address descriptors): the socket's peer with
   * `use_remote_address`, else the last X-Forwarded-For entry, which the caller writes.
   */
  readonly clientAddress?: string;
}

const DEFAULT_PEER = '10.40.0.20';
const GLOBAL_RATE_LIMIT = 'envoy.filters.http.ratelimit';
const HEADER_MUTATION = 'envoy.filters.http.header_mutation';
const HEADER_MUTATION_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.header_mutation.v3.HeaderMutation';
const LOCAL_RATE_LIMIT_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit';
const FILTER_CONFIG_TYPE = 'type.googleapis.com/envoy.config.route.v3.FilterConfig';

/** HTTP filters that do not decide who gets in or what reaches the application. */
const NEUTRAL_HTTP_FILTERS = [GLOBAL_RATE_LIMIT, 'envoy.filters.http.router'];
// connection_limit bounds how many connections are open at once, not whether one gets in.
const NEUTRAL_NETWORK_FILTERS = ['envoy.filters.network.connection_limit', 'envoy.filters.network.local_ratelimit', 'envoy.filters.network.tcp_proxy'];

/** The outcome of a request on the inbound listener (or on the listener named `listener`). */
export function admit(bootstrap: Json, request: InboundRequest, listener?: string): Outcome {
  return inbound(bootstrap, request, listener).outcome;
}

/**
 * A request on the inbound listener (or the listener named `listener`), from the filter chain
 * and the TLS handshake through the network filters, the connection manager's own header
 * handling (X-Forwarded-For, X-Forwarded-Client-Cert), the HTTP filters in their order
 * (header mutation, JWT, RBAC) to the route that takes it.
 */
export function inbound(bootstrap: Json, request: InboundRequest, listener?: string): Inbound {
  const l = listener === undefined ? inboundListener(bootstrap) : named(listeners(bootstrap), listener);
  const chain = selectChain(l, request.principal !== undefined);
  if (!chain || !handshake(chain, request.principal)) return { outcome: 'refused' };
  for (const filter of networkFilters(chain)) {
    const name = filter['name'];
    if (name === 'envoy.filters.network.rbac') {
      if (!evaluateNetworkRbac(filter['typed_config'], connectionOf(request)).allowed) return { outcome: 'refused' };
    } else if (name === HCM) {
      return inboundHttp(obj(filter['typed_config'], 'HCM'), request);
    } else if (typeof name !== 'string' || !NEUTRAL_NETWORK_FILTERS.includes(name)) {
      assert.fail(`admit: network filter ${String(name)} is not modelled`);
    }
  }
  return { outcome: 'allowed' };
}

function connectionOf(request: InboundRequest): { principal?: string; directRemoteIp: string } {
  return { ...(request.principal !== undefined ? { principal: request.principal } : {}), directRemoteIp: request.peer ?? DEFAULT_PEER };
}

/** Filter chain matching on the transport protocol the TLS inspector (if any) detects. */
function selectChain(listener: Json, tls: boolean): Json | undefined {
  const inspector = arr(listener['listener_filters'] ?? [], 'listener_filters').some((f) => f['name'] === 'envoy.filters.listener.tls_inspector');
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

/** The request's headers as the connection manager receives them. */
function requestHeaders(request: InboundRequest): Headers {
  const headers: Headers = new Map();
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const key = name.toLowerCase();
    headers.set(key, [...(headers.get(key) ?? []), value]);
  }
  headers.set(':method', [request.method ?? 'GET']);
  const path = request.path ?? '/';
  const inQuery = request.jwt !== undefined && request.jwtIn === 'query';
  const token = encodeURIComponent(JSON.stringify(request.jwt));
  headers.set(':path', [inQuery ? `${path}${path.includes('?') ? '&' : '?'}access_token=${token}` : path]);
  headers.set(':authority', [request.authority ?? 'localhost']);
  if (request.jwt && !inQuery) headers.set(AUTHORIZATION, [`Bearer ${JSON.stringify(request.jwt)}`]);
  return headers;
}

const AUTHORIZATION = 'authorization';

const first = (headers: ReadonlyMap<string, readonly string[]>, name: string): string | undefined => headers.get(name)?.[0];

function inboundHttp(hcm: Json, request: InboundRequest): Inbound {
  const headers = requestHeaders(request);
  const path = first(headers, ':path') ?? '/';
  const peer = request.peer ?? DEFAULT_PEER;
  const hadForwardedFor = headers.has('x-forwarded-for');
  const clientAddress = trustedClientAddress(hcm, headers, peer);
  if (isInternalRequest(hcm, hadForwardedFor, peer)) headers.set('x-envoy-internal', ['true']);
  else for (const name of INTERNAL_ONLY_CONTROLS) headers.delete(name);
  forwardClientCert(hcm, headers, request.principal);
  const stopped = (outcome: Outcome): Inbound => ({ outcome, hcm, clientAddress });
  if (!authorityIsValid(first(headers, ':authority') ?? '')) return stopped('bad-request');
  let claims: Json | undefined;
  let payloadKey: string | undefined;
  assertNoPerRouteAuth(hcm);
  for (const filter of httpFilters(hcm)) {
    const name = String(filter['name']);
    assert.equal(filter['disabled'], undefined, `admit: ${name}: a filter disabled by default is not modelled`);
    if (name === HEADER_MUTATION) {
      mutateHeaders(obj(filter['typed_config'], 'header_mutation'), headers);
    } else if (name === JWT_AUTHN_FILTER) {
      const config = obj(filter['typed_config'], 'jwt_authn');
      // The token is where the JWT filter looks (a filter before it may have removed the header).
      const result = authenticate(config, path, headers);
      if (result === 'unauthenticated') return stopped(result);
      // A verified token is not forwarded (`forward` unset): its claims go on as metadata and headers.
      if (result) headers.delete(result.header ?? AUTHORIZATION);
      claims = result?.claims;
      payloadKey = result?.payloadKey ?? payloadKeyOf(config);
      if (result) forwardClaims(obj(obj(config['providers'], 'providers')[result.provider], 'provider'), result.claims, headers);
    } else if (obj(filter['typed_config'], name)['@type'] === HTTP_RBAC_TYPE) {
      // Envoy picks a filter by its typed_config: the deny rules' RBAC filter has a name of its own.
      const verdict = evaluateHttpRbac(
        filter['typed_config'],
        {
          ...(request.principal !== undefined ? { principal: request.principal } : {}),
          directRemoteIp: peer,
          method: first(headers, ':method') ?? 'GET',
          path,
          headers: Object.fromEntries([...headers].filter(([k]) => !k.startsWith(':'))),
          ...(claims !== undefined ? { jwtClaims: claims } : {}),
        },
        payloadKey !== undefined ? { jwtPayloadKey: payloadKey } : {},
      );
      if (!verdict.allowed) return stopped('forbidden');
    } else if (!NEUTRAL_HTTP_FILTERS.includes(name) && !isLocalRateLimit(filter)) {
      assert.fail(`admit: HTTP filter ${name} is not modelled`);
    }
  }
  const route = routeFor(hcm, headers);
  if (!route) return stopped('no-route');
  if (route['direct_response'] !== undefined) {
    assert.equal(obj(route['direct_response'], 'direct_response')['status'], 400, 'admit: only a direct 400 is modelled');
    return stopped('bad-request');
  }
  const limits = { buckets: localBuckets(hcm, route), descriptors: rateLimitDescriptors(hcm, route, headers, clientAddress) };
  return { outcome: 'allowed', hcm, route, headers, clientAddress, limits };
}

/**
 * Envoy answers 400 to a request whose Host is not an RFC 3986 authority: HeaderUtility::
 * requestHeadersValid calls nghttp2_check_authority (source/common/http/header_utility.cc),
 * which admits unreserved and sub-delim characters, `%`, `:`, `@`, `[` and `]` only.
 */
export function authorityIsValid(authority: string): boolean {
  return /^[A-Za-z0-9\-._~!$&'()*+,;=%:@[\]]*$/.test(authority);
}

/**
 * `use_remote_address`: the socket's peer is the client, and is appended to X-Forwarded-For.
 * Without it (and no trusted hops) Envoy takes the last X-Forwarded-For entry, when there is one.
 */
function trustedClientAddress(hcm: Json, headers: Headers, peer: string): string {
  for (const field of ['xff_num_trusted_hops', 'original_ip_detection_extensions', 'skip_xff_append']) {
    assert.equal(hcm[field], undefined, `admit: ${field} is not modelled`);
  }
  const xff = headers.get('x-forwarded-for');
  if (hcm['use_remote_address'] === true) {
    headers.set('x-forwarded-for', [[...(xff ?? []), peer].join(', ')]);
    return peer;
  }
  const last = xff?.join(',').split(',').at(-1)?.trim();
  return last || peer;
}

/**
 * The request controls ConnectionManagerUtility::cleanInternalHeaders removes from a request
 * that is not internal (source/common/http/conn_manager_utility.cc); on an internal one the
 * router obeys them (retries, timeouts) and they reach the application.
 */
export const INTERNAL_ONLY_CONTROLS = [
  'x-envoy-retriable-status-codes',
  'x-envoy-retriable-header-names',
  'x-envoy-retry-on',
  'x-envoy-retry-grpc-on',
  'x-envoy-max-retries',
  'x-envoy-upstream-alt-stat-name',
  'x-envoy-upstream-rq-timeout-ms',
  'x-envoy-upstream-rq-per-try-timeout-ms',
  'x-envoy-upstream-rq-timeout-alt-response',
  'x-envoy-expected-rq-timeout-ms',
  'x-envoy-force-trace',
  'x-envoy-ip-tags',
  'x-envoy-original-url',
  'x-envoy-hedge-on-per-try-timeout',
];

/**
 * Whether Envoy takes the request as internal (conn_manager_utility.cc, mutateRequestHeaders):
 * only with use_remote_address, only when the caller sent no X-Forwarded-For, and only when the
 * peer is an internal address: one of internal_address_config.cidr_ranges, or, when none are
 * given, any RFC 1918 or loopback address (DefaultInternalAddressConfig, which Envoy used until
 * 1.36 and which is modelled because meshc's output must be safe on those versions too).
 */
function isInternalRequest(hcm: Json, hadForwardedFor: boolean, peer: string): boolean {
  if (hcm['use_remote_address'] !== true || hadForwardedFor) return false;
  const config = hcm['internal_address_config'];
  const ranges = config === undefined ? [] : arr(obj(config, 'internal_address_config')['cidr_ranges'] ?? [], 'cidr_ranges');
  if (ranges.length === 0) return RFC1918_OR_LOOPBACK.some(([prefix, length]) => inIpv4Range(peer, prefix, length));
  return ranges.some((r) => inIpv4Range(peer, String(r['address_prefix']), Number(r['prefix_len'] ?? 32)));
}

const RFC1918_OR_LOOPBACK: readonly [string, number][] = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
];

function inIpv4Range(address: string, prefix: string, length: number): boolean {
  const bits = (ip: string): number => {
    const parts = ip.split('.').map(Number);
    assert.ok(parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255), `admit: ${ip}: only IPv4 is modelled`);
    return parts.reduce((n, p) => n * 256 + p, 0);
  };
  const size = 2 ** (32 - length);
  return Math.floor(bits(address) / size) === Math.floor(bits(prefix) / size);
}

/**
 * `forward_client_cert_details`: SANITIZE (the default) drops what the client sent;
 * SANITIZE_SET replaces it with the peer certificate's details (only its URI is modelled).
 */
function forwardClientCert(hcm: Json, headers: Headers, principal: string | undefined): void {
  const mode = hcm['forward_client_cert_details'] ?? 'SANITIZE';
  assert.ok(mode === 'SANITIZE' || mode === 'SANITIZE_SET', `admit: forward_client_cert_details ${String(mode)} is not modelled`);
  headers.delete('x-forwarded-client-cert');
  if (mode === 'SANITIZE_SET') {
    assert.deepEqual(hcm['set_current_client_cert_details'], { uri: true }, 'admit: only the URI of the client certificate is modelled');
    if (principal !== undefined) headers.set('x-forwarded-client-cert', [`URI=${principal}`]);
  }
}

/** The header mutation filter: only removing request headers is modelled. */
function mutateHeaders(config: Json, headers: Headers): void {
  assert.equal(config['@type'], HEADER_MUTATION_TYPE);
  assert.deepEqual(Object.keys(config).sort(), ['@type', 'mutations'], 'admit: header_mutation fields');
  const mutations = obj(config['mutations'], 'header_mutation.mutations');
  assert.deepEqual(Object.keys(mutations), ['request_mutations'], 'admit: only request mutations are modelled');
  for (const m of arr(mutations['request_mutations'], 'request_mutations')) {
    assert.deepEqual(Object.keys(m), ['remove'], `admit: header mutation ${JSON.stringify(m)} is not modelled`);
    const name = m['remove'];
    assert.ok(typeof name === 'string' && name.length > 0, 'remove names a header');
    headers.delete(name.toLowerCase());
  }
}

/** `claim_to_headers` of the provider that verified the token: a header per claim the token has. */
function forwardClaims(provider: Json, claims: Json, headers: Headers): void {
  for (const c of arr(provider['claim_to_headers'] ?? [], 'claim_to_headers')) {
    assert.deepEqual(Object.keys(c).sort(), ['claim_name', 'header_name'], 'claim_to_headers entry');
    let value: unknown = claims;
    for (const key of String(c['claim_name']).split('.')) value = typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
    if (['string', 'number', 'boolean'].includes(typeof value)) {
      const header = String(c['header_name']).toLowerCase();
      // Envoy adds the header: a copy the client sent would remain next to it.
      headers.set(header, [...(headers.get(header) ?? []), String(value)]);
    }
  }
}

/** Per-route RBAC or JWT settings would change the decision route by route: not modelled. */
function assertNoPerRouteAuth(hcm: Json): void {
  for (const { key, value } of walk(hcm['route_config'])) {
    if (key !== 'typed_per_filter_config') continue;
    for (const filter of Object.keys(obj(value, 'typed_per_filter_config'))) {
      assert.ok(![RBAC_FILTER, JWT_AUTHN_FILTER, HEADER_MUTATION].includes(filter), `admit: per-route ${filter} configuration is not modelled`);
    }
  }
}

const RBAC_FILTER = 'envoy.filters.http.rbac';

/**
 * `payload_in_metadata` of the only provider, or of the first when nothing was verified (then
 * no provider left any metadata, and any key reads nothing).
 */
export function payloadKeyOf(jwtAuthn: Json): string | undefined {
  const [first] = Object.values(obj(jwtAuthn['providers'], 'providers')).map((p) => obj(p, 'provider')['payload_in_metadata']);
  return typeof first === 'string' ? first : undefined;
}

/** Provider fields modelled; anything else (from_cookies, forward, …) would change where tokens are read or what is kept. */
const PROVIDER_FIELDS = ['issuer', 'audiences', 'local_jwks', 'remote_jwks', 'claim_to_headers', 'payload_in_metadata', 'from_headers', 'from_params'];

/**
 * Where a provider reads tokens: its from_headers and from_params; with neither, Envoy's
 * defaults, `Authorization: Bearer <token>` and the `access_token` query parameter
 * (source/extensions/filters/http/jwt_authn/extractor.cc).
 */
function tokenOf(provider: Json, headers: ReadonlyMap<string, readonly string[]>, path: string): { token: Json; header?: string } | undefined {
  const fromHeaders = provider['from_headers'] === undefined ? undefined : arr(provider['from_headers'], 'from_headers');
  const fromParams = provider['from_params'] === undefined ? undefined : (provider['from_params'] as unknown[]).map(String);
  const defaults = fromHeaders === undefined && fromParams === undefined;
  for (const h of fromHeaders ?? (defaults ? [{ name: AUTHORIZATION, value_prefix: 'Bearer ' }] : [])) {
    const name = String(h['name']).toLowerCase();
    const prefix = String(h['value_prefix'] ?? '');
    const value = first(headers, name);
    if (value !== undefined && value.startsWith(prefix)) return { token: obj(JSON.parse(value.slice(prefix.length)), 'token'), header: name };
  }
  const query = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');
  for (const param of fromParams ?? (defaults ? ['access_token'] : [])) {
    const value = query.get(param);
    if (value !== null) return { token: obj(JSON.parse(value), 'token') };
  }
  return undefined;
}

/**
 * The JWT filter: the first rule whose match takes the path decides; without `requires` nothing
 * is verified. A requirement names providers; a token satisfies one when its issuer (and, if the
 * provider lists audiences, its audience) fits.
 */
function authenticate(
  config: Json,
  path: string,
  headers: ReadonlyMap<string, readonly string[]>,
): 'unauthenticated' | { provider: string; claims: Json; payloadKey: string | undefined; header?: string } | undefined {
  const providers = obj(config['providers'], 'providers');
  for (const [name, p] of Object.entries(providers)) {
    const unknown = Object.keys(obj(p, name)).filter((k) => !PROVIDER_FIELDS.includes(k));
    assert.deepEqual(unknown, [], `admit: JWT provider ${name}: field(s) not modelled`);
  }
  const rules = arr(config['rules'], 'jwt rules');
  const rule = rules.find((r) => jwtRuleMatches(obj(r['match'], 'jwt rule match'), path));
  if (rule?.['requires'] === undefined) return undefined;
  const { providers: accepted, allowMissing } = requirementProviders(obj(rule['requires'], 'requires'));
  // allow_missing: satisfied when no provider finds a token, failed when one is sent but invalid.
  if (allowMissing && Object.values(providers).every((p) => tokenOf(obj(p, 'provider'), headers, path) === undefined)) return undefined;
  for (const name of accepted) {
    const p = obj(providers[name], `provider ${name}`);
    const found = tokenOf(p, headers, path);
    const audiences = (p['audiences'] as string[] | undefined) ?? [];
    if (found === undefined || p['issuer'] !== found.token['iss']) continue;
    if (audiences.length > 0 && !audiences.includes(String(found.token['aud'] ?? ''))) continue;
    const key = p['payload_in_metadata'];
    return { provider: name, claims: { ...found.token }, payloadKey: typeof key === 'string' ? key : undefined, ...(found.header ? { header: found.header } : {}) };
  }
  return 'unauthenticated';
}

function requirementProviders(requires: Json): { providers: string[]; allowMissing: boolean } {
  const keys = Object.keys(requires);
  assert.equal(keys.length, 1, `one requirement kind, got ${JSON.stringify(requires)}`);
  if (typeof requires['provider_name'] === 'string') return { providers: [requires['provider_name']], allowMissing: false };
  if (requires['allow_missing'] !== undefined) return { providers: [], allowMissing: true };
  const any = obj(requires['requires_any'], 'requires_any (other requirement kinds are not modelled)');
  const list = arr(any['requirements'], 'requires_any.requirements');
  assert.ok(list.length >= 2, 'requires_any needs at least 2 requirements (Envoy rejects fewer)');
  const parts = list.map(requirementProviders);
  return { providers: parts.flatMap((p) => p.providers), allowMissing: parts.some((p) => p.allowMissing) };
}

/** RouteMatch of a JWT rule: prefix or path (case_sensitive false or unset), on the path without its query string. */
function jwtRuleMatches(match: Json, path: string): boolean {
  const keys = Object.keys(match).filter((k) => k !== 'case_sensitive');
  assert.equal(keys.length, 1, `one path specifier, got ${JSON.stringify(match)}`);
  return routePathMatches(match, path.replace(/[?#].*$/s, ''));
}

/**
 * `prefix` or `path` of a RouteMatch; `case_sensitive: false` compares in lower case
 * (PathMatcher in source/common/router/config_impl.cc uses the case-insensitive StringMatcher).
 */
function routePathMatches(match: Json, bare: string): boolean {
  assert.ok(match['case_sensitive'] === undefined || match['case_sensitive'] === false, 'case_sensitive is false or unset');
  const fold = (s: string) => (match['case_sensitive'] === false ? s.toLowerCase() : s);
  if (typeof match['prefix'] === 'string') return fold(bare).startsWith(fold(match['prefix']));
  if (typeof match['path'] === 'string') return fold(bare) === fold(match['path']);
  return assert.fail(`route match without a prefix or path: ${JSON.stringify(match)}`);
}

// ── Routes and rate limits ──────────────────────────────────────────────────────────────────

/** The only virtual host of a connection manager's route table (all meshc writes). */
export function routesOf(hcm: Json): Json[] {
  const hosts = arr(at(hcm, 'route_config.virtual_hosts'), 'virtual_hosts');
  assert.equal(hosts.length, 1, 'one virtual host');
  const host = hosts[0] as Json;
  assert.deepEqual(host['domains'], ['*'], 'the virtual host takes every authority');
  for (const field of ['rate_limits', 'typed_per_filter_config', 'include_request_attempt_count']) {
    assert.equal(host[field], undefined, `admit: virtual host ${field} is not modelled`);
  }
  return arr(host['routes'], 'routes');
}

/** Envoy route matching (first match wins) for what meshc writes: path, prefix or regex; headers; query. */
export function routeFor(hcm: Json, headers: ReadonlyMap<string, readonly string[]>): Json | undefined {
  const target = first(headers, ':path') ?? '/';
  const bare = target.replace(/[?#].*$/s, '');
  const query = new URLSearchParams(target.includes('?') ? target.slice(target.indexOf('?') + 1).replace(/#.*$/s, '') : '');
  return routesOf(hcm).find((route) => {
    const match = obj(route['match'], 'route match');
    const known = ['prefix', 'path', 'safe_regex', 'headers', 'query_parameters', 'case_sensitive'];
    assert.deepEqual(
      Object.keys(match).filter((k) => !known.includes(k)),
      [],
      `admit: route match ${JSON.stringify(match)}`,
    );
    const pathOk = match['safe_regex'] !== undefined ? regexMatcherMatches(match['safe_regex'], bare) : routePathMatches(match, bare);
    const headersOk = arr(match['headers'] ?? [], 'headers').every((h) => headerMatcherMatches(h, headers));
    const queryOk = arr(match['query_parameters'] ?? [], 'query_parameters').every((q) => {
      const value = query.get(String(q['name']));
      if (q['present_match'] !== undefined) return (value !== null) === q['present_match'];
      return value !== null && stringMatcherMatches(q['string_match'], value);
    });
    return pathOk && headersOk && queryOk;
  });
}

/**
 * A filter's per-route setting on a route: `disabled` (FilterConfig), its own typed config, or
 * undefined (the filter's configuration applies).
 */
function perRoute(route: Json, filter: string): 'disabled' | Json | undefined {
  const config = (route['typed_per_filter_config'] as Json | undefined)?.[filter];
  if (config === undefined) return undefined;
  const c = obj(config, `${filter} per-route config`);
  if (c['@type'] !== FILTER_CONFIG_TYPE) return c;
  assert.deepEqual(Object.keys(c).sort(), ['@type', 'disabled'], `admit: FilterConfig ${JSON.stringify(c)} is not modelled`);
  assert.equal(c['disabled'], true, 'FilterConfig disabled: true');
  return 'disabled';
}

const ALWAYS = { numerator: 100, denominator: 'HUNDRED' };

/**
 * The token buckets a request on `route` draws from in this sidecar, one per local rate limit
 * filter (in filter order) that takes it: the route's own setting for that filter, else the
 * filter's; none where the route disables the filter, or the applicable configuration is not
 * enabled and enforced for every request (Envoy: unset means 0%). A request passes only if
 * every bucket has a token.
 */
export function localBuckets(hcm: Json, route: Json): Json[] {
  const filters = httpFilters(hcm);
  for (const key of Object.keys((route['typed_per_filter_config'] as Json | undefined) ?? {})) {
    assert.ok(
      filters.some((f) => f['name'] === key),
      `a per-route config for ${key}, which is not a filter of this connection manager`,
    );
  }
  return filters.filter(isLocalRateLimit).flatMap((filter) => {
    const own = perRoute(route, String(filter['name']));
    if (own === 'disabled') return [];
    const config = obj(own ?? filter['typed_config'], 'local rate limit');
    assert.equal(config['@type'], LOCAL_RATE_LIMIT_TYPE);
    const unknown = Object.keys(config).filter((k) => !['@type', 'stat_prefix', 'token_bucket', 'filter_enabled', 'filter_enforced'].includes(k));
    assert.deepEqual(unknown, [], 'admit: local rate limit fields not modelled');
    const enabled = at(config, 'filter_enabled.default_value');
    const enforced = at(config, 'filter_enforced.default_value');
    if (enabled === undefined && enforced === undefined) return [];
    assert.deepEqual([enabled, enforced], [ALWAYS, ALWAYS], 'admit: local rate limits on a fraction of requests are not modelled');
    return [obj(config['token_bucket'], 'token_bucket')];
  });
}

/** Envoy finds a filter's implementation by the type of its config; the name is the filter's own. */
function isLocalRateLimit(filter: Json): boolean {
  return (filter['typed_config'] as Json | undefined)?.['@type'] === LOCAL_RATE_LIMIT_TYPE;
}

export type Descriptor = [key: string, value: string][];

/**
 * The descriptors the global rate-limit filter sends for a request on `route`: one per entry of
 * the route's `rate_limits`, unless an action cannot produce its entry (a missing header without
 * skip_if_absent; a header_value_match that does not come out as expected), which drops that
 * descriptor. remote_address is the client address the connection manager trusts.
 */
export function rateLimitDescriptors(hcm: Json, route: Json, headers: ReadonlyMap<string, readonly string[]>, clientAddress: string): Descriptor[] {
  const limits = arr(at(route, 'route.rate_limits') ?? [], 'rate_limits');
  const filter = httpFilters(hcm).find((f) => f['name'] === GLOBAL_RATE_LIMIT);
  const own = perRoute(route, GLOBAL_RATE_LIMIT);
  assert.ok(own === undefined || own === 'disabled', 'admit: a per-route global rate-limit configuration is not modelled');
  if (!filter || own === 'disabled') return [];
  return limits.flatMap((limit) => {
    assert.deepEqual(Object.keys(limit), ['actions'], 'admit: only rate limit actions are modelled');
    const entries: Descriptor = [];
    for (const action of arr(limit['actions'], 'actions')) {
      const [kind, ...more] = Object.keys(action);
      assert.equal(more.length, 0, 'one action kind');
      const a = obj(action[kind ?? ''], `action ${String(kind)}`);
      if (kind === 'generic_key') {
        entries.push([String(a['descriptor_key'] ?? 'generic_key'), String(a['descriptor_value'])]);
      } else if (kind === 'request_headers') {
        const value = first(headers, String(a['header_name']).toLowerCase());
        if (value !== undefined) entries.push([String(a['descriptor_key']), value]);
        else if (a['skip_if_absent'] !== true) return [];
      } else if (kind === 'header_value_match') {
        const matched = arr(a['headers'], 'header_value_match.headers').every((h) => headerMatcherMatches(h, headers));
        if (matched !== (a['expect_match'] ?? true)) return [];
        entries.push([String(a['descriptor_key'] ?? 'header_match'), String(a['descriptor_value'])]);
      } else if (kind === 'remote_address') {
        entries.push(['remote_address', clientAddress]);
      } else {
        assert.fail(`rate limit action ${String(kind)} is not modelled`);
      }
    }
    return [entries];
  });
}

/** The RBAC configuration(s) of the inbound listener: identical in every filter chain. */
/** The inbound RBAC configs: the allow filter's (`http`, `network`) and the deny filter's (`httpDeny`, `networkDeny`). */
export function inboundRbac(bootstrap: Json): { http?: Json; httpDeny?: Json; network?: Json; networkDeny?: Json; jwtPayloadKey?: string } {
  const found = filterChains(inboundListener(bootstrap)).map((chain) => {
    const networkRbac = networkFilters(chain).filter((f) => f['name'] === 'envoy.filters.network.rbac');
    const isDeny = (f: Json) => at(f['typed_config'], 'rules.action') === 'DENY' || at(f['typed_config'], 'shadow_rules.action') === 'DENY';
    const network = networkRbac.find((f) => !isDeny(f));
    const networkDeny = networkRbac.find(isDeny);
    const hcm = hcmOf(chain);
    const filters = hcm ? httpFilters(hcm) : [];
    const http = filters.find((f) => f['name'] === 'envoy.filters.http.rbac');
    const httpDeny = filters.find((f) => f['name'] === 'envoy.filters.http.rbac.deny');
    const jwt = filters.find((f) => f['name'] === 'envoy.filters.http.jwt_authn');
    const jwtPayloadKey = jwt ? payloadKeyOf(obj(jwt['typed_config'], 'jwt_authn')) : undefined;
    return {
      ...(http ? { http: obj(http['typed_config'], 'rbac') } : {}),
      ...(network ? { network: obj(network['typed_config'], 'network rbac') } : {}),
      ...(httpDeny ? { httpDeny: obj(httpDeny['typed_config'], 'rbac deny') } : {}),
      ...(networkDeny ? { networkDeny: obj(networkDeny['typed_config'], 'network rbac deny') } : {}),
      ...(jwtPayloadKey !== undefined ? { jwtPayloadKey } : {}),
    };
  });
  const [first] = found;
  assert.ok(first, 'the inbound listener has filter chains');
  for (const other of found) assert.deepEqual(other, first, 'every filter chain carries the same authorization');
  return first;
}

export type { RbacVerdict };
