/** HTTP/2 to upstreams that speak it (http2, grpc): the local app and every callee cluster. */
import { TYPES, typed } from '../envoy/any.js';
import type { Any } from '../envoy/types.js';
import type { ServiceIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const upstreamProtocol: PolicyModule = {
  id: 'upstream-protocol',
  order: 50,
  outboundCluster: ({ callee }) => protocolOptions(callee.protocol),
  inboundCluster: ({ service }) => protocolOptions(service.protocol),
};

function protocolOptions(protocol: ServiceIR['protocol']): { typed_extension_protocol_options: Record<string, Any> } | undefined {
  if (protocol !== 'http2' && protocol !== 'grpc') return undefined;
  return {
    typed_extension_protocol_options: {
      [TYPES.httpProtocolOptions]: typed(TYPES.httpProtocolOptions, {
        explicit_http_config: { http2_protocol_options: {} },
      }),
    },
  };
}
