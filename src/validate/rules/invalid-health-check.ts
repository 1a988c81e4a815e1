/**
 * A health check fits its service's protocol, carries only its own type's fields, and times out
 * before its next run. Checks are judged after inheritance (defaults ← service), and each problem
 * is reported where the offending field is written, so a mistake in defaults is reported once.
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { closestNestedDefinition, mergeLayers, policyChain } from '../../dsl/effective.js';
import { optionalDuration } from '../../dsl/duration.js';
import { BUILTIN } from '../../dsl/builtin.js';
import { healthCheckType } from '../../dsl/health-check.js';

export const invalidHealthCheck: Rule = {
  id: 'invalid-health-check',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      const chain = policyChain(model, service);
      const merged = mergeLayers(chain.map((c) => c.layer)).healthCheck;
      if (!merged) continue;
      const protocol = service.spec.protocol;
      const type = healthCheckType(merged, protocol);
      const where = (field: 'type' | 'path' | 'grpcService' | 'interval' | 'timeout') => {
        const layer = closestNestedDefinition(chain, 'healthCheck', field);
        return layer ? { at: refAt(layer.at, 'healthCheck', field), inDefaults: layer.at.path[0] === 'defaults' } : undefined;
      };
      const owner = (inDefaults: boolean) => (inDefaults ? 'the default health check' : `the health check of "${service.name}"`);
      const typeAt = where('type');
      if (type === 'grpc' && protocol === 'http' && typeAt) {
        report('invalid-health-check', {
          at: typeAt.at,
          message: `a grpc health check needs an HTTP/2 service; "${service.name}" speaks http`,
          hint: 'use type http with a path, or make the service http2/grpc',
        });
      }
      for (const [field, fits] of [
        ['path', type === 'http'],
        ['grpcService', type === 'grpc'],
      ] as const) {
        const at = where(field);
        if (at && !fits) {
          report('invalid-health-check', { at: at.at, target: 'key', message: `${field} applies to ${field === 'path' ? 'http' : 'grpc'} health checks, not ${type}` });
        }
      }
      const interval = optionalDuration(merged.interval) ?? BUILTIN.healthCheck.intervalMs;
      const timeout = optionalDuration(merged.timeout) ?? BUILTIN.healthCheck.timeoutMs;
      if (timeout < interval) continue;
      const intervalAt = where('interval');
      const timeoutAt = where('timeout');
      const at = [timeoutAt, intervalAt].filter((x) => x !== undefined).sort((a, b) => b.at.path.length - a.at.path.length)[0];
      if (!at) continue;
      report('invalid-health-check', {
        at: { doc: at.at.doc, path: at.at.path.slice(0, -1) },
        target: 'key',
        message: `the timeout (${timeout}ms) of ${owner(at.inDefaults)} is not shorter than its interval (${interval}ms)`,
        hint: 'a check must time out before the next one starts',
      });
    }
  },
};
