/**
 * Clusters a sidecar needs for itself, not for a callee: the SDS server, JWKS hosts, the
 * rate-limit service, the tracing collector, the admin API behind the metrics port. One shape:
 * STATIC for an IP or a Unix socket, STRICT_DNS for a host name; HTTP/2 for gRPC services.
 */
import { isIP } from 'node:net';
import { TYPES, typed } from '../envoy/any.js';
import { lbEndpoint, socketAddress } from '../envoy/endpoints.js';
import { duration } from '../envoy/values.js';
import type { Address, Cluster } from '../envoy/types.js';

export type OwnClusterTarget = { readonly host: string; readonly port: number } | { readonly pipe: string };

export interface OwnClusterOptions {
  /** gRPC services (SDS, rate limit, OTLP) speak HTTP/2. */
  readonly http2?: boolean;
  readonly connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 1_000;

export function ownCluster(name: string, target: OwnClusterTarget, options: OwnClusterOptions = {}): Cluster {
  const dns = 'host' in target && isIP(target.host) === 0;
  const address: Address = 'pipe' in target ? { pipe: { path: target.pipe } } : socketAddress(target.host, target.port);
  return {
    name,
    type: dns ? 'STRICT_DNS' : 'STATIC',
    connect_timeout: duration(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS),
    ...(dns ? { dns_lookup_family: 'V4_PREFERRED' as const } : {}),
    load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [lbEndpoint(address)] }] },
    ...(options.http2
      ? {
          typed_extension_protocol_options: {
            [TYPES.httpProtocolOptions]: typed(TYPES.httpProtocolOptions, { explicit_http_config: { http2_protocol_options: {} } }),
          },
        }
      : {}),
  };
}
