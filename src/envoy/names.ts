/**
 * Every name meshc generates, in one place: the names the language gives what the mesh leaves
 * unnamed (below), and every name meshc gives an Envoy resource. They read well in Envoy stats and logs:
 * `outbound|catalog|v2` is the cluster for version v2 of catalog, `inbound|frontend` the
 * listener and local-app cluster of frontend's own sidecar. The `|` separator cannot occur
 * in DNS-label service and version names, so names are unambiguous and easy to split.
 */
export const NAME_SEPARATOR = '|';

export const names = {
  inboundListener: (service: string) => `inbound|${service}`,
  /** The cluster for the local application, 127.0.0.1:<port>. */
  inboundCluster: (service: string) => `inbound|${service}`,
  inboundRouteConfig: (service: string) => `inbound|${service}`,
  outboundListener: (callee: string) => `outbound|${callee}`,
  outboundRouteConfig: (callee: string) => `outbound|${callee}`,
  outboundCluster: (callee: string, version: string) => `outbound|${callee}|${version}`,
  virtualHost: (service: string) => service,
  /** A proxyless caller's API listener for a callee: what its application dials, `xds:///<callee>`. */
  grpcClientListener: (callee: string) => callee,
  /** Envoy stat prefixes: dots would split the name into several stat segments. */
  inboundStatPrefix: (service: string) => `inbound|${service}`,
  outboundStatPrefix: (callee: string) => `outbound|${callee}`,
  /** SDS secrets of file-based certificates. */
  identitySecret: 'meshc-identity',
  trustBundleSecret: 'meshc-trust-bundle',
  /** The cluster of the SDS server (SPIRE agent or other). */
  sdsCluster: 'meshc-sds',
  /** The cluster fetching a JWT provider's signing keys. */
  jwksCluster: (provider: string) => `jwks|${provider}`,
  rateLimitCluster: 'meshc-ratelimit',
  /** The cluster to `meshc serve`, in `--mode ads`. */
  controlPlaneCluster: 'meshc-xds',
  /** The metrics port's listener, and the loopback cluster to the admin API behind it. */
  metricsListener: 'metrics',
  adminCluster: 'meshc-admin',
  tracingCluster: 'meshc-tracing',
  /**
   * Where the JWT filter leaves a provider's verified claims for RBAC to read: a key per
   * provider, so a claim condition reads only the token of the issuer it names.
   */
  jwtPayloadMetadataKey: (provider: string) => `jwt_payload|${provider}`,
} as const;

/**
 * The names the language gives what the mesh leaves unnamed. Resolution uses them for the IR,
 * and the rules that keep names unique see the same ones, so an explicit name can never
 * collide unseen with a default one.
 */

/** An unnamed route: its stats prefix and rate-limit descriptor key. */
export function defaultRouteName(index: number): string {
  return `route-${index}`;
}

/** The one route of a service without routes. */
export const IMPLICIT_ROUTE_NAME = 'default';

/** An unnamed authz rule: its RBAC policy name (`rule-<index>` allows, `deny-<index>` denies; `defaults-` when inherited). */
export function defaultAuthzRuleName(index: number, list: 'allow' | 'deny' = 'allow', inherited = false): string {
  return `${inherited ? 'defaults-' : ''}${list === 'allow' ? 'rule' : 'deny'}-${index}`;
}
