/**
 * End-user JWT authentication. Verified claims can be forwarded to the application as headers
 * and are left in request metadata for authz rules to check. Health-check paths never need a
 * token. Signing keys are inline or fetched (and cached) through a cluster of their own that
 * verifies the key server's TLS certificate.
 */
import { TYPES, typed } from '../envoy/any.js';
import { ownCluster } from './own-cluster.js';
import { names } from '../envoy/names.js';
import { duration } from '../envoy/values.js';
import { TLS_PARAMS, TLS_SOCKET } from '../envoy/tls.js';
import type { Cluster, HttpFilter } from '../envoy/types.js';
import type { JwtIR, JwtProviderIR, ServiceIR } from '../ir/types.js';
import { pathRouteMatches } from './path-pattern.js';
import type { PolicyModule } from './policy.js';

export const JWT_FILTER = 'envoy.filters.http.jwt_authn';
const HEADER_MUTATION_FILTER = 'envoy.filters.http.header_mutation';
const JWKS_FETCH_TIMEOUT_MS = 5_000;
const TOKEN_HEADERS = [{ name: 'authorization', value_prefix: 'Bearer ' }];

export const jwt: PolicyModule = {
  id: 'jwt',
  order: 1200,
  inboundHttpFilters: ({ service }) => (service.jwt ? [...stripClaimHeaders(service.jwt), jwtFilter(service, service.jwt)] : []),
  sidecarClusters: ({ service }) => (service.jwt ? service.jwt.providers.flatMap(jwksCluster) : []),
};

/**
 * Claim headers reach the application as proof of a verified token, so a caller must not be
 * able to send them itself: they are removed before JWT authentication adds the verified ones
 * (older Envoys leave a client's copy in place on paths where no token was verified).
 */
function stripClaimHeaders(spec: JwtIR): HttpFilter[] {
  const headers = [...new Set(spec.providers.flatMap((p) => p.forwardClaims.map((c) => c.header)))].sort();
  if (headers.length === 0) return [];
  return [
    {
      name: HEADER_MUTATION_FILTER,
      typed_config: typed(TYPES.headerMutation, { mutations: { request_mutations: headers.map((remove) => ({ remove })) } }),
    },
  ];
}

function jwtFilter(service: ServiceIR, spec: JwtIR): HttpFilter {
  const providers = Object.fromEntries(spec.providers.map((p) => [p.name, provider(p)]));
  const all = spec.providers.map((p) => p.name);
  const required = spec.rules ?? [{ paths: [{ kind: 'any' } as const], providers: all }];
  const rules = [
    ...service.healthPaths.flatMap((path) => pathRouteMatches(path).map((match) => ({ match }))),
    ...required.flatMap((r) => r.paths.flatMap((path) => pathRouteMatches(path).map((match) => ({ match, requires: requirement(r.providers, r.optional === true) })))),
  ];
  return { name: JWT_FILTER, typed_config: typed(TYPES.jwtAuthn, { providers, rules }) };
}

function provider(p: JwtProviderIR): Record<string, unknown> {
  const keys =
    p.keys.kind === 'inline'
      ? { local_jwks: { inline_string: p.keys.jwks } }
      : {
          remote_jwks: {
            http_uri: { uri: p.keys.uri, cluster: names.jwksCluster(p.name), timeout: duration(JWKS_FETCH_TIMEOUT_MS) },
            cache_duration: duration(p.keys.cacheDurationMs),
          },
        };
  return {
    issuer: p.issuer,
    ...(p.audiences.length > 0 ? { audiences: p.audiences } : {}),
    ...keys,
    // Said explicitly: Envoy's default also reads ?access_token=, and query strings end up in
    // logs (this mesh's, proxies', browsers' histories).
    from_headers: TOKEN_HEADERS,
    ...(p.forwardClaims.length > 0 ? { claim_to_headers: p.forwardClaims.map((c) => ({ header_name: c.header, claim_name: c.claim })) } : {}),
    payload_in_metadata: names.jwtPayloadMetadataKey(p.name),
  };
}

/**
 * Any of the providers' tokens; optional adds allow_missing, which Envoy satisfies when no token
 * is sent and fails when one is sent but not valid (JwtRequirement in
 * envoy/extensions/filters/http/jwt_authn/v3/config.proto), as Istio's RequestAuthentication does.
 */
function requirement(providers: readonly string[], optional: boolean): Record<string, unknown> {
  const [only] = providers;
  if (providers.length === 1 && only && !optional) return { provider_name: only };
  return { requires_any: { requirements: [...providers.map((p) => ({ provider_name: p })), ...(optional ? [{ allow_missing: {} }] : [])] } };
}

function jwksCluster(p: JwtProviderIR): Cluster[] {
  if (p.keys.kind !== 'remote') return [];
  const { host, port, tls, caFile } = p.keys;
  const cluster = ownCluster(names.jwksCluster(p.name), { host, port }, { connectTimeoutMs: JWKS_FETCH_TIMEOUT_MS });
  if (!tls) return [cluster];
  // The key server is verified like any TLS server: its CA, and its name in the certificate.
  const transport_socket = {
    name: TLS_SOCKET,
    typed_config: typed(TYPES.upstreamTlsContext, {
      sni: host,
      common_tls_context: {
        tls_params: TLS_PARAMS,
        validation_context: { trusted_ca: { filename: caFile }, match_typed_subject_alt_names: [{ san_type: 'DNS', matcher: { exact: host } }] },
      },
    }),
  };
  return [{ ...cluster, transport_socket }];
}
