/** A health check fits its service's protocol, carries only its own type's fields, and times out before its next run. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { mergeLayers, policyChain } from '../../dsl/effective.js';
import { optionalDuration } from '../../dsl/duration.js';
import { BUILTIN } from '../../dsl/builtin.js';
import { healthCheckType } from '../../dsl/health-check.js';

export const invalidHealthCheck: Rule = {
  id: 'invalid-health-check',
  check({ model, report }) {
    for (const service of model.services) {
      const spec = service.spec.healthCheck;
      const at = refAt(service.at, 'healthCheck');
      if (spec) {
        const type = healthCheckType(spec, service.spec.protocol);
        if (type === 'grpc' && service.spec.protocol === 'http') {
          report('invalid-health-check', {
            at: refAt(at, 'type'),
            message: `a grpc health check needs an HTTP/2 service; "${service.name}" speaks http`,
          });
        }
        if (spec.path !== undefined && type !== 'http') {
          report('invalid-health-check', { at: refAt(at, 'path'), target: 'key', message: `path applies to http health checks, not ${type}` });
        }
        if (spec.grpcService !== undefined && type !== 'grpc') {
          report('invalid-health-check', {
            at: refAt(at, 'grpcService'),
            target: 'key',
            message: `grpcService applies to grpc health checks, not ${type}`,
          });
        }
      }
      const merged = mergeLayers(policyChain(model, service).map((c) => c.layer)).healthCheck;
      if (!merged) continue;
      const interval = optionalDuration(merged.interval) ?? BUILTIN.healthCheck.intervalMs;
      const timeout = optionalDuration(merged.timeout) ?? BUILTIN.healthCheck.timeoutMs;
      if (timeout >= interval) {
        report('invalid-health-check', {
          at: spec ? at : model.defaults ? refAt(model.defaults.at, 'healthCheck') : at,
          target: 'key',
          message: `health check timeout ${timeout}ms of "${service.name}" is not shorter than its interval ${interval}ms`,
          hint: 'a check must time out before the next one starts',
        });
      }
    }
  },
};
