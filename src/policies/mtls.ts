/**
 * Mutual TLS between sidecars, with SPIFFE identities.
 *  - Inbound (strict): TLS required, a client certificate from the mesh's trust domain required.
 *    Permissive: the TLS inspector tells TLS from plaintext, one filter chain for each. Off: plaintext.
 *  - Outbound: to a callee that accepts TLS, the caller presents its own certificate and accepts
 *    only the callee's exact SPIFFE ID.
 *  - Certificates and the trust bundle always come through SDS: from files that `meshc certs`
 *    rotates (file-based SDS watching the directory), from a SPIRE agent, or from any SDS server.
 */
import { TYPES, typed } from '../envoy/any.js';
import { names } from '../envoy/names.js';
import { sdsSecretConfig, TLS_PARAMS, TLS_SOCKET } from '../envoy/tls.js';
import { duration } from '../envoy/values.js';
import type { Cluster, ConfigSource, FilterChain, Secret, TransportSocket } from '../envoy/types.js';
import { serverName, spiffeId, serviceIdPrefix } from '../ir/identity.js';
import type { CertificatesIR, HardeningIR, MeshIR, ServiceIR } from '../ir/types.js';
import { ownCluster } from './own-cluster.js';
import type { InboundContext, PolicyModule, SidecarFile } from './policy.js';

// Files next to each bootstrap (in the output) and in sdsDir (on the workload).
const SDS_OUTPUT_DIR = 'sds';
const IDENTITY_FILE = 'identity.yaml';
const TRUST_BUNDLE_FILE = 'trust-bundle.yaml';

export const mtls: PolicyModule = {
  id: 'mtls',
  order: 1000,
  outboundCluster: ({ mesh, callee }) => (callee.mtls === 'off' ? undefined : { transport_socket: upstreamTls(mesh, callee) }),
  inboundListener: ({ mesh, service }, filters) => {
    if (service.mtls === 'off') return undefined;
    const secure: FilterChain = {
      name: 'mtls',
      transport_socket: downstreamTls(mesh, service),
      ...handshakeDeadline(mesh.sidecar.hardening),
      filters,
    };
    if (service.mtls === 'strict') return { filter_chains: [secure] };
    return {
      listener_filters: [{ name: 'envoy.filters.listener.tls_inspector', typed_config: typed(TYPES.tlsInspector) }],
      filter_chains: [
        { ...secure, filter_chain_match: { transport_protocol: 'tls' } },
        { name: 'plaintext', filter_chain_match: { transport_protocol: 'raw_buffer' }, filters },
      ],
    };
  },
  // The application learns who called it from the x-forwarded-client-cert header.
  httpConnectionManager: ({ direction, self }) =>
    direction === 'inbound' && self.mtls !== 'off' ? { forward_client_cert_details: 'SANITIZE_SET', set_current_client_cert_details: { uri: true } } : undefined,
  sidecarClusters: (ctx) => (needsCertificate(ctx) ? sdsServerClusters(ctx.mesh.certificates) : []),
  sidecarFiles: (ctx) => (needsCertificate(ctx) ? secretFiles(ctx.mesh, ctx.service) : []),
};

/** A client that opens a connection and never finishes the handshake must not hold it open. */
export function handshakeDeadline(h: HardeningIR): Pick<FilterChain, 'transport_socket_connect_timeout'> {
  return h.tlsHandshakeTimeoutMs > 0 ? { transport_socket_connect_timeout: duration(h.tlsHandshakeTimeoutMs) } : {};
}

function downstreamTls(mesh: MeshIR, service: ServiceIR): TransportSocket {
  return downstreamTlsSocket(mesh, { prefix: serviceIdPrefix(mesh.trustDomain) }, service.protocol !== 'tcp');
}

/** Server-side mutual TLS: a client certificate whose URI SAN matches `peer` is required. */
export function downstreamTlsSocket(mesh: MeshIR, peer: { exact: string } | { prefix: string }, http: boolean): TransportSocket {
  return {
    name: TLS_SOCKET,
    typed_config: typed(TYPES.downstreamTlsContext, {
      require_client_certificate: true,
      common_tls_context: {
        ...commonTlsContext(mesh.certificates, peer),
        ...(http ? { alpn_protocols: ['h2', 'http/1.1'] } : {}),
      },
    }),
  };
}

function upstreamTls(mesh: MeshIR, callee: ServiceIR): TransportSocket {
  return meshClientTls(mesh, callee.name, callee.protocol === 'http2' || callee.protocol === 'grpc');
}

/** A sidecar's own cluster to a shared service, with mutual TLS when the mesh names its identity. */
export function withMeshTls(mesh: MeshIR, cluster: Cluster, mtlsIdentity: string | undefined, http2: boolean): Cluster {
  return mtlsIdentity === undefined ? cluster : { ...cluster, transport_socket: meshClientTls(mesh, mtlsIdentity, http2) };
}

/** Client-side mutual TLS to a workload of the mesh: its exact SPIFFE ID is required. */
export function meshClientTls(mesh: MeshIR, peerService: string, http2: boolean): TransportSocket {
  return {
    name: TLS_SOCKET,
    typed_config: typed(TYPES.upstreamTlsContext, {
      sni: serverName(mesh.trustDomain, peerService),
      common_tls_context: {
        ...commonTlsContext(mesh.certificates, { exact: spiffeId(mesh.trustDomain, peerService) }),
        ...(http2 ? { alpn_protocols: ['h2'] } : {}),
      },
    }),
  };
}

function commonTlsContext(certificates: CertificatesIR, peer: { exact: string } | { prefix: string }): Record<string, unknown> {
  const { identity, trustBundle } = secretNames(certificates);
  const source = secretSource(certificates);
  return {
    tls_params: TLS_PARAMS,
    tls_certificate_sds_secret_configs: [sdsSecretConfig(identity, source(IDENTITY_FILE))],
    combined_validation_context: {
      default_validation_context: { match_typed_subject_alt_names: [{ san_type: 'URI', matcher: peer }] },
      validation_context_sds_secret_config: sdsSecretConfig(trustBundle, source(TRUST_BUNDLE_FILE)),
    },
  };
}

function secretNames(certificates: CertificatesIR): { identity: string; trustBundle: string } {
  return certificates.source === 'files'
    ? { identity: names.identitySecret, trustBundle: names.trustBundleSecret }
    : { identity: certificates.identitySecret, trustBundle: certificates.trustBundleSecret };
}

/** Where a secret is fetched from: a watched file, or the SDS server over gRPC. */
function secretSource(certificates: CertificatesIR): (file: string) => ConfigSource {
  if (certificates.source === 'files') {
    return (file) => ({
      resource_api_version: 'V3',
      path_config_source: { path: `${certificates.sdsDir}/${file}`, watched_directory: { path: certificates.sdsDir } },
    });
  }
  return () => ({
    resource_api_version: 'V3',
    api_config_source: {
      api_type: 'GRPC',
      transport_api_version: 'V3',
      grpc_services: [{ envoy_grpc: { cluster_name: names.sdsCluster } }],
    },
  });
}

function sdsServerClusters(certificates: CertificatesIR): Cluster[] {
  if (certificates.source === 'files') return [];
  const server = certificates.server;
  const target = server.kind === 'pipe' ? { pipe: server.path } : { host: server.host, port: server.port };
  return [ownCluster(names.sdsCluster, target, { http2: true })];
}

/**
 * File-based SDS: the secrets point at the certificates `meshc certs` writes for this service
 * and watch its directory, where `current` is swapped atomically on rotation.
 */
function secretFiles(mesh: MeshIR, service: ServiceIR): SidecarFile[] {
  const certificates = mesh.certificates;
  if (certificates.source !== 'files') return [];
  const dir = `${certificates.dir}/${service.name}`;
  const identity: Secret = {
    name: names.identitySecret,
    tls_certificate: {
      certificate_chain: { filename: `${dir}/current/cert.pem` },
      private_key: { filename: `${dir}/current/key.pem` },
      watched_directory: { path: dir },
    },
  };
  const trustBundle: Secret = {
    name: names.trustBundleSecret,
    validation_context: { trusted_ca: { filename: `${dir}/current/ca.pem` }, watched_directory: { path: dir } },
  };
  return [
    { path: `${SDS_OUTPUT_DIR}/${IDENTITY_FILE}`, content: discoveryResponse(identity) },
    { path: `${SDS_OUTPUT_DIR}/${TRUST_BUNDLE_FILE}`, content: discoveryResponse(trustBundle) },
  ];
}

function discoveryResponse(secret: Secret): unknown {
  return { resources: [typed(TYPES.secret, { ...secret })] };
}

/** A sidecar needs its certificate when it accepts TLS or calls a service that does. */
function needsCertificate({ mesh, service, callees }: InboundContext): boolean {
  return (
    service.mtls !== 'off' ||
    callees.some((c) => c.mtls !== 'off') ||
    mesh.rateLimitService?.mtlsIdentity !== undefined ||
    mesh.observability.tracing?.mtlsIdentity !== undefined ||
    mesh.controlPlane?.mtlsIdentity !== undefined
  );
}
