/** Active health checks from every caller's sidecar to each endpoint of the callee. */
import { duration } from '../envoy/values.js';
import type { HealthCheck } from '../envoy/types.js';
import type { HealthCheckIR, ServiceIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const healthCheck: PolicyModule = {
  id: 'health-check',
  order: 700,
  outboundCluster: ({ callee }) =>
    callee.cluster.healthCheck ? { health_checks: [check(callee.cluster.healthCheck, callee.protocol)] } : undefined,
};

function check(hc: HealthCheckIR, protocol: ServiceIR['protocol']): HealthCheck {
  const common = {
    timeout: duration(hc.timeoutMs),
    interval: duration(hc.intervalMs),
    healthy_threshold: hc.healthyThreshold,
    unhealthy_threshold: hc.unhealthyThreshold,
  };
  switch (hc.type) {
    case 'http':
      return {
        ...common,
        http_health_check: {
          path: hc.path ?? '/',
          ...(protocol === 'http2' || protocol === 'grpc' ? { codec_client_type: 'HTTP2' as const } : {}),
        },
      };
    case 'grpc':
      return { ...common, grpc_health_check: hc.grpcService !== undefined ? { service_name: hc.grpcService } : {} };
    case 'tcp':
      return { ...common, tcp_health_check: {} };
  }
}
