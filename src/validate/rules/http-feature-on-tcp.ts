/** A tcp service is proxied byte for byte: HTTP features written on it would do nothing. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { authzRules } from '../walk.js';
import { closestNestedDefinition, clusterChains, mergeLayers, policyChain } from '../../dsl/effective.js';
import { FEATURES } from '../../features/index.js';
import type { Feature } from '../../features/feature.js';

const FEATURE_HTTP_FIELDS = FEATURES.flatMap((f: Feature) => f.httpOnly ?? []);
const SERVICE_HTTP_FIELDS = [...FEATURE_HTTP_FIELDS, 'fault', 'mirror', 'timeout'];
const ROUTE_HTTP_FIELDS = ['match', ...FEATURE_HTTP_FIELDS, 'fault', 'mirror', 'timeout'];

export const httpFeatureOnTcp: Rule = {
  id: 'http-feature-on-tcp',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      const { spec } = service;
      if (spec.protocol !== 'tcp') continue;
      const flag = (at: ReturnType<typeof refAt>, feature: string) =>
        report('http-feature-on-tcp', {
          at,
          target: 'key',
          message: `${feature} does not apply to tcp service "${service.name}"`,
          hint: 'use protocol http, http2 or grpc if the service speaks HTTP; otherwise remove it',
        });
      for (const field of SERVICE_HTTP_FIELDS) {
        if (written(spec, field)) flag(refAt(service.at, ...field.split('.')), `\`${field}\``);
      }
      (spec.routes ?? []).forEach((route, index) => {
        for (const field of ROUTE_HTTP_FIELDS) {
          if (written(route, field)) flag(refAt(service.at, 'routes', index, ...field.split('.')), `\`${field}\` on a route`);
        }
      });
      const chain = policyChain(model, service);
      const checkType = mergeLayers(chain.map((c) => c.layer)).healthCheck?.type;
      const typeAt = closestNestedDefinition(chain, 'healthCheck', 'type');
      if ((checkType === 'http' || checkType === 'grpc') && typeAt) {
        flag(refAt(typeAt.at, 'healthCheck', 'type'), `a ${checkType} health check`);
      }
      for (const cluster of clusterChains(model, service)) {
        const perConnection = closestNestedDefinition(cluster.chain, 'circuitBreaker', 'maxRequestsPerConnection');
        if (perConnection) flag(refAt(perConnection.at, 'circuitBreaker', 'maxRequestsPerConnection'), 'a limit of requests per connection');
      }
      for (const { rule, at } of authzRules(service)) {
        for (const field of ['methods', 'notMethods', 'paths', 'notPaths', 'headers', 'claims'] as const) {
          if (rule[field] !== undefined) flag(refAt(at, field), `an authz rule on ${field}`);
        }
      }
      if (spec.jwt) flag(refAt(service.at, 'jwt'), 'JWT authentication');
      (spec.rateLimit?.global?.by ?? []).forEach((by, i) => {
        if ('header' in by) flag(refAt(service.at, 'rateLimit', 'global', 'by', i), 'a rate limit by header');
      });
      (spec.routes ?? []).forEach((route, index) => {
        if (route.rateLimit) flag(refAt(service.at, 'routes', index, 'rateLimit'), 'a rate limit on a route');
      });
      const lb = spec.loadBalancer;
      const hashOn = typeof lb === 'object' ? lb.hashOn : undefined;
      for (const key of ['header', 'cookie', 'queryParameter'] as const) {
        if (hashOn?.[key] !== undefined) flag(refAt(service.at, 'loadBalancer', 'hashOn', key), `hashing on a ${key}`);
      }
    }
  },
};

/** Whether `path` (dotted, e.g. retries.backoff) is written in `level`. */
function written(level: object, path: string): boolean {
  let node: unknown = level;
  for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Readonly<Record<string, unknown>>)[key] : undefined;
  return node !== undefined;
}
