/**
 * Passive health checking. Envoy enforces consecutive gateway failures at 0% unless told
 * otherwise, so asking for them also sets their enforcement to 100%.
 */
import { duration } from '../envoy/values.js';
import type { OutlierDetectionIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const outlierDetection: PolicyModule = {
  id: 'outlier-detection',
  order: 600,
  outboundCluster: ({ callee }) =>
    callee.cluster.outlierDetection ? { outlier_detection: outlier(callee.cluster.outlierDetection) } : undefined,
};

function outlier(od: OutlierDetectionIR): Record<string, unknown> {
  return {
    ...(od.consecutive5xx !== undefined ? { consecutive_5xx: od.consecutive5xx } : {}),
    ...(od.consecutiveGatewayErrors !== undefined
      ? { consecutive_gateway_failure: od.consecutiveGatewayErrors, enforcing_consecutive_gateway_failure: 100 }
      : {}),
    ...(od.intervalMs !== undefined ? { interval: duration(od.intervalMs) } : {}),
    ...(od.baseEjectionTimeMs !== undefined ? { base_ejection_time: duration(od.baseEjectionTimeMs) } : {}),
    ...(od.maxEjectionPercent !== undefined ? { max_ejection_percent: od.maxEjectionPercent } : {}),
  };
}
