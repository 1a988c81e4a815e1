/**
 * meshc turns on only the outlier detectors a mesh names (Envoy's own defaults would also eject
 * by 5xx count and success rate), so an `outlierDetection` block without `consecutive5xx` or
 * `consecutiveGatewayErrors` ejects nothing. Judged after inheritance, reported where the
 * closest block is written.
 */
import type { Rule } from '../context.js';
import { closestDefinition, clusterChains, mergeLayers } from '../../dsl/effective.js';
import { refAt } from '../../dsl/model.js';

export const outlierDetectionWithoutDetector: Rule = {
  id: 'outlier-detection-without-detector',
  scope: 'service',
  check({ model, report }) {
    for (const { service, chain } of model.services.flatMap((service) => clusterChains(model, service).map(({ chain }) => ({ service, chain })))) {
      const od = mergeLayers(chain.map((c) => c.layer)).outlierDetection;
      const detectors = [od?.consecutive5xx, od?.consecutiveGatewayErrors, od?.successRate, od?.failurePercentage, od?.consecutiveLocalOriginFailures];
      if (!od || detectors.some((d) => d !== undefined)) continue;
      const layer = closestDefinition(chain, 'outlierDetection');
      if (!layer) continue;
      report('outlier-detection-without-detector', {
        at: refAt(layer.at, 'outlierDetection'),
        target: 'key',
        message: `outlier detection of "${service.name}" names no detector, so it ejects nothing`,
        hint: 'add a detector: consecutive5xx, consecutiveGatewayErrors, successRate, failurePercentage or consecutiveLocalOriginFailures',
      });
    }
  },
};
