/**
 * Mutual TLS for proxyless gRPC (gRFC A29): no SDS; the identity and the trust bundle come from
 * the bootstrap's `file_watcher` certificate provider, named in the TLS contexts by instance.
 * grpc-js-xds reads `match_subject_alt_names` (not the typed form Envoy sidecars use) and
 * refuses SDS secrets, SPKI pinning, CRLs and tls_params (cluster-resource-type.ts).
 */
import { TYPES, typed } from '../envoy/any.js';
import { TLS_SOCKET } from '../envoy/tls.js';
import { BUILTIN } from '../dsl/builtin.js';
import { spiffeId } from '../ir/identity.js';
import type { MeshIR } from '../ir/types.js';

const PROVIDER = { instance_name: BUILTIN.grpc.certificateProvider };

/** Client side: present the caller's certificate, accept only the callee's exact SPIFFE ID. */
export function grpcUpstreamTls(mesh: MeshIR, callee: string): Record<string, unknown> {
  return {
    name: TLS_SOCKET,
    typed_config: typed(TYPES.upstreamTlsContext, {
      common_tls_context: {
        tls_certificate_provider_instance: PROVIDER,
        validation_context: {
          ca_certificate_provider_instance: PROVIDER,
          match_subject_alt_names: [{ exact: spiffeId(mesh.trustDomain, callee) }],
        },
      },
    }),
  };
}

/** Server side: a client certificate from the mesh's CA is required; RBAC then reads its SPIFFE ID. */
export function grpcDownstreamTls(): Record<string, unknown> {
  return {
    name: TLS_SOCKET,
    typed_config: typed(TYPES.downstreamTlsContext, {
      require_client_certificate: true,
      common_tls_context: {
        tls_certificate_provider_instance: PROVIDER,
        validation_context: { ca_certificate_provider_instance: PROVIDER },
      },
    }),
  };
}
