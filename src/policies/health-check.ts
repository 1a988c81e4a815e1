/**
 * Active health checks from every caller's sidecar to each endpoint of the callee. They reach
 * the callee's sidecar, which refuses an invalid Host with 400; without `host` Envoy would send
 * the cluster's name (`outbound|svc|v1`, HealthCheckerFactory::getHostname in
 * source/common/upstream/health_checker_impl.cc), so they name the service as its certificate does.
 */
import { duration } from '../envoy/values.js';
import { serverName } from '../ir/identity.js';
import type { HealthCheck } from '../envoy/types.js';
import type { HealthCheckIR, ServiceIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const healthCheck: PolicyModule = {
  id: 'health-check',
  order: 700,
  outboundCluster: ({ mesh, callee }) =>
    callee.cluster.healthCheck ? { health_checks: [check(callee.cluster.healthCheck, callee.protocol, serverName(mesh.trustDomain, callee.name))] } : undefined,
};

function check(hc: HealthCheckIR, protocol: ServiceIR['protocol'], authority: string): HealthCheck {
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
          host: authority,
          path: hc.path ?? '/',
          ...(protocol === 'http2' || protocol === 'grpc' ? { codec_client_type: 'HTTP2' as const } : {}),
        },
      };
    case 'grpc':
      return { ...common, grpc_health_check: { ...(hc.grpcService !== undefined ? { service_name: hc.grpcService } : {}), authority } };
    case 'tcp':
      return { ...common, tcp_health_check: {} };
  }
}
