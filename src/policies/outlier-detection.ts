/**
 * Passive health checking by exactly the detectors the mesh names. Envoy's defaults enforce
 * consecutive 5xx and success rate at 100% and gateway failures at 0%
 * (envoy/config/cluster/v3/outlier_detection.proto), so every detector's enforcement is written:
 * 100% for those configured, 0% for the rest, as Istio, App Mesh and Kuma do.
 */
import { BUILTIN } from '../dsl/builtin.js';
import { duration } from '../envoy/values.js';
import type { OutlierDetectionIR } from '../ir/types.js';
import { clusterPolicy, type PolicyModule } from './policy.js';

export const outlierDetection: PolicyModule = {
  id: 'outlier-detection',
  order: 600,
  outboundCluster: (ctx) => {
    const od = clusterPolicy(ctx).outlierDetection;
    return od ? { outlier_detection: outlierDetectionConfig(od) } : undefined;
  },
};

export function outlierDetectionConfig(od: OutlierDetectionIR): Record<string, unknown> {
  const successRate = od.successRate ?? BUILTIN.outlierDetection.successRate;
  const failurePercentage = od.failurePercentage;
  return {
    ...(od.consecutive5xx !== undefined ? { consecutive_5xx: od.consecutive5xx } : {}),
    enforcing_consecutive_5xx: od.consecutive5xx !== undefined ? 100 : 0,
    ...(od.consecutiveGatewayErrors !== undefined ? { consecutive_gateway_failure: od.consecutiveGatewayErrors } : {}),
    enforcing_consecutive_gateway_failure: od.consecutiveGatewayErrors !== undefined ? 100 : 0,
    // Written out in full: gRPC's xDS client runs success-rate ejection unless told 0, and reads these.
    enforcing_success_rate: od.successRate ? 100 : 0,
    success_rate_minimum_hosts: successRate.minimumHosts,
    success_rate_request_volume: successRate.requestVolume,
    // The proto's factor is in thousandths: 1900 is 1.9.
    success_rate_stdev_factor: Math.round(successRate.stdevFactor * 1000),
    enforcing_failure_percentage: failurePercentage ? 100 : 0,
    ...(failurePercentage
      ? {
          failure_percentage_threshold: failurePercentage.threshold,
          failure_percentage_minimum_hosts: failurePercentage.minimumHosts,
          failure_percentage_request_volume: failurePercentage.requestVolume,
        }
      : {}),
    ...(od.splitLocalOrigin ? localOrigin(od) : {}),
    ...(od.intervalMs !== undefined ? { interval: duration(od.intervalMs) } : {}),
    ...(od.baseEjectionTimeMs !== undefined ? { base_ejection_time: duration(od.baseEjectionTimeMs) } : {}),
    ...(od.maxEjectionTimeMs !== undefined ? { max_ejection_time: duration(od.maxEjectionTimeMs) } : {}),
    ...(od.maxEjectionPercent !== undefined ? { max_ejection_percent: od.maxEjectionPercent } : {}),
  };
}

/**
 * Connection failures and timeouts counted apart from the endpoint's responses. Envoy enforces
 * the local-origin detectors at 100% by default: each is written, 100% only for those named
 * (the success-rate and failure-percentage ones follow the mesh's choice of detectors).
 */
function localOrigin(od: OutlierDetectionIR): Record<string, unknown> {
  return {
    split_external_local_origin_errors: true,
    ...(od.consecutiveLocalOriginFailures !== undefined ? { consecutive_local_origin_failure: od.consecutiveLocalOriginFailures } : {}),
    enforcing_consecutive_local_origin_failure: od.consecutiveLocalOriginFailures !== undefined ? 100 : 0,
    enforcing_local_origin_success_rate: od.successRate ? 100 : 0,
    enforcing_failure_percentage_local_origin: od.failurePercentage ? 100 : 0,
  };
}
