/**
 * TLS vocabulary shared by every TLS context meshc writes: protocol versions, cipher suites,
 * and how the sidecar's certificate and trust bundle are referenced (always through SDS, so
 * no private key is ever part of the configuration).
 */
import type { ConfigSource, SdsSecretConfig } from './types.js';

/** The transport socket of every TLS context. */
export const TLS_SOCKET = 'envoy.transport_sockets.tls';

export const TLS_PARAMS = {
  tls_minimum_protocol_version: 'TLSv1_2',
  tls_maximum_protocol_version: 'TLSv1_3',
  // TLS 1.2 suites: forward secrecy (ECDHE) and AEAD (GCM) only; TLS 1.3 suites are all AEAD.
  cipher_suites: ['ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'],
} as const;

export function sdsSecretConfig(name: string, source: ConfigSource): SdsSecretConfig {
  return { name, sds_config: source };
}
