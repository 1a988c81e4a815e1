/**
 * The upstream HTTP protocol options (HttpProtocolOptions, one per cluster): HTTP/2 to upstreams
 * that speak it (http2, grpc), the local app and every callee cluster; and the callee's
 * circuitBreaker.maxRequestsPerConnection, which Envoy reads from the same options.
 */
import { TYPES, typed } from '../envoy/any.js';
import type { Any } from '../envoy/types.js';
import type { ServiceIR } from '../ir/types.js';
import { clusterPolicy, type PolicyModule } from './policy.js';

export const upstreamProtocol: PolicyModule = {
  id: 'upstream-protocol',
  order: 50,
  outboundCluster: (ctx) => protocolOptions(ctx.callee.protocol, clusterPolicy(ctx).circuitBreaker.maxRequestsPerConnection),
  inboundCluster: ({ service }) => protocolOptions(service.protocol),
};

function protocolOptions(protocol: ServiceIR['protocol'], maxRequestsPerConnection?: number): { typed_extension_protocol_options: Record<string, Any> } | undefined {
  const http2 = protocol === 'http2' || protocol === 'grpc';
  if (protocol === 'tcp' || (!http2 && maxRequestsPerConnection === undefined)) return undefined;
  return {
    typed_extension_protocol_options: {
      [TYPES.httpProtocolOptions]: typed(TYPES.httpProtocolOptions, {
        ...(maxRequestsPerConnection !== undefined ? { common_http_protocol_options: { max_requests_per_connection: maxRequestsPerConnection } } : {}),
        explicit_http_config: http2 ? { http2_protocol_options: {} } : { http_protocol_options: {} },
      }),
    },
  };
}
