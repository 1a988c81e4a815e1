/**
 * Passive health checking by exactly the detectors the mesh names. Envoy's defaults enforce
 * consecutive 5xx and success rate at 100% and gateway failures at 0%
 * (envoy/config/cluster/v3/outlier_detection.proto), so every detector's enforcement is written:
 * 100% for those configured, 0% for the rest, as Istio, App Mesh and Kuma do.
 */
import { duration } from '../envoy/values.js';
import type { OutlierDetectionIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const outlierDetection: PolicyModule = {
  id: 'outlier-detection',
  order: 600,
  outboundCluster: ({ callee }) => (callee.cluster.outlierDetection ? { outlier_detection: outlierDetectionConfig(callee.cluster.outlierDetection) } : undefined),
};

export function outlierDetectionConfig(od: OutlierDetectionIR): Record<string, unknown> {
  return {
    ...(od.consecutive5xx !== undefined ? { consecutive_5xx: od.consecutive5xx } : {}),
    enforcing_consecutive_5xx: od.consecutive5xx !== undefined ? 100 : 0,
    ...(od.consecutiveGatewayErrors !== undefined ? { consecutive_gateway_failure: od.consecutiveGatewayErrors } : {}),
    enforcing_consecutive_gateway_failure: od.consecutiveGatewayErrors !== undefined ? 100 : 0,
    // Written out in full: gRPC's xDS client runs success-rate ejection unless told 0, and reads these.
    enforcing_success_rate: 0,
    success_rate_minimum_hosts: 5,
    success_rate_request_volume: 100,
    success_rate_stdev_factor: 1900,
    enforcing_failure_percentage: 0,
    ...(od.intervalMs !== undefined ? { interval: duration(od.intervalMs) } : {}),
    ...(od.baseEjectionTimeMs !== undefined ? { base_ejection_time: duration(od.baseEjectionTimeMs) } : {}),
    ...(od.maxEjectionPercent !== undefined ? { max_ejection_percent: od.maxEjectionPercent } : {}),
  };
}
