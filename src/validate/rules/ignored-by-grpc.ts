/**
 * Features an Envoy sidecar honours and a gRPC xDS client or server ignores (grpc-js-xds
 * 1.14: resolver-xds.ts, cluster-resource-type.ts; gRFC A27, A31, A42, A44, A50), reported
 * where they are written so that no feature is dropped silently. Client-side features of a
 * callee matter when a proxyless service calls it; server-side ones when the callee itself is
 * proxyless. What meshc emits instead is in src/proxyless/.
 */
import type { Rule, RuleContext } from '../context.js';
import { closestDefinition, closestNestedDefinition, closestSource, clusterChains, mergeLayers, routeChains, type LocatedLayer } from '../../dsl/effective.js';
import { BUILTIN } from '../../dsl/builtin.js';
import { effectiveAuthz, refAt, type MeshModel, type NodeRef, type ServiceDefinition } from '../../dsl/model.js';
import { GRPC_RETRY_CONDITIONS } from '../../dsl/grpc.js';
import { effectiveRetries } from '../../features/retries/effective.js';
import { FEATURES } from '../../features/index.js';
import type { Feature } from '../../features/feature.js';

const FEATURE_GRPC_IGNORES = FEATURES.flatMap((f: Feature) => f.grpcIgnores ?? []);
const FEATURE_GRPC_SERVER_IGNORES = FEATURES.flatMap((f: Feature) => f.grpcServerIgnores ?? []);
import { allRateLimits, callersByService } from '../walk.js';

export const ignoredByGrpc: Rule = {
  id: 'ignored-by-grpc',
  check({ model, report }) {
    const callers = callersByService(model);
    for (const service of model.services) {
      const clients = (callers.get(service.name) ?? []).filter((c) => c.spec.proxy === 'grpc').map((c) => c.name);
      if (clients.length > 0) checkClientSide(model, service, clients, report);
      if (service.spec.proxy === 'grpc') checkServerSide(model, service, report);
    }
  },
};

type Report = RuleContext['report'];

function checkClientSide(model: MeshModel, callee: ServiceDefinition, clients: readonly string[], report: Report): void {
  const who = clients.length === 1 ? `proxyless "${clients[0]}"` : `proxyless callers (${clients.join(', ')})`;
  const flag = (at: NodeRef, what: string, instead: string) =>
    report('ignored-by-grpc', {
      at,
      target: 'key',
      message: `${what} of "${callee.name}" is ignored by ${who}: ${instead}`,
      hint: 'keep it for sidecar callers, or give the caller a sidecar (proxy: envoy) if it must apply',
    });
  const chains = routeChains(model, callee);
  for (const chain of chains) checkRouteChain(chain, flag);
  // Cluster-level settings are the same in every route's chain.
  const chain = chains[0] ?? [];
  const policy = mergeLayers(chain.map((c) => c.layer));
  // Limits and ejection are per cluster: the service's, and each overriding version's.
  for (const { chain: cluster } of clusterChains(model, callee)) {
    for (const field of ['maxConnections', 'maxPendingRequests', 'maxRetries', 'maxRequestsPerConnection', 'retryBudget'] as const) {
      const where = closestNestedDefinition(cluster, 'circuitBreaker', field);
      if (where) flag(refAt(where.at, 'circuitBreaker', field), `circuitBreaker.${field}`, 'gRPC limits only concurrent requests (maxRequests)');
    }
    for (const field of ['consecutive5xx', 'consecutiveGatewayErrors', 'splitLocalOrigin', 'consecutiveLocalOriginFailures'] as const) {
      const where = closestNestedDefinition(cluster, 'outlierDetection', field);
      if (where) flag(refAt(where.at, 'outlierDetection', field), `outlierDetection.${field}`, 'gRPC ejects hosts only by success rate or failure percentage');
    }
    const connect = closestDefinition(cluster, 'connectTimeout');
    if (connect) flag(refAt(connect.at, 'connectTimeout'), 'connectTimeout', 'gRPC clients use their own connection backoff');
  }
  const healthCheck = closestDefinition(chain, 'healthCheck');
  if (healthCheck) flag(refAt(healthCheck.at, 'healthCheck'), 'healthCheck', 'gRPC clients do not health-check endpoints actively');
  const lb = policy.loadBalancer;
  const lbAt = closestDefinition(chain, 'loadBalancer');
  const lbPolicy = typeof lb === 'string' ? lb : lb?.policy;
  if (lbAt && (lbPolicy === 'random' || lbPolicy === 'maglev')) {
    flag(refAt(lbAt.at, 'loadBalancer'), `loadBalancer ${lbPolicy}`, 'gRPC clients use round robin instead');
  }
  const hashOn = typeof lb === 'object' ? lb.hashOn : undefined;
  if (lbAt && hashOn !== undefined && !('header' in hashOn)) {
    flag(refAt(lbAt.at, 'loadBalancer', 'hashOn'), 'hashing on anything but a header', 'gRPC clients hash only on request headers, so each call picks a random point of the ring');
  }
}

function checkRouteChain(chain: readonly LocatedLayer[], flag: (at: NodeRef, what: string, instead: string) => void): void {
  const retries = effectiveRetries(chain);
  if (retries && retries.attempts > 0) {
    const { attempts, on, fieldAt } = retries;
    if (fieldAt.perTryTimeout) flag(refAt(fieldAt.perTryTimeout, 'retries', 'perTryTimeout'), 'retries.perTryTimeout', 'every attempt of a gRPC call may use the whole timeout');
    const ignored = on.filter((c) => !(GRPC_RETRY_CONDITIONS as readonly string[]).includes(c));
    if (ignored.length > 0) {
      const left = on.length - ignored.length;
      flag(
        fieldAt.on ? refAt(fieldAt.on, 'retries', 'on') : refAt(retries.at, 'retries'),
        `retries on ${ignored.join(', ')}`,
        left > 0
          ? `gRPC retries only on status codes (${GRPC_RETRY_CONDITIONS.join(', ')})`
          : `gRPC retries only on status codes (${GRPC_RETRY_CONDITIONS.join(', ')}), so these calls are not retried at all`,
      );
    }
    if (fieldAt.statusCodes) flag(refAt(fieldAt.statusCodes, 'retries', 'statusCodes'), 'retries.statusCodes', 'gRPC retries on gRPC status codes, not HTTP ones');
    if (fieldAt.attempts && attempts > BUILTIN.grpc.maxRetries) {
      flag(
        refAt(fieldAt.attempts, 'retries', 'attempts'),
        `retries.attempts ${attempts}`,
        `grpc-js makes at most ${BUILTIN.grpc.maxRetries + 1} attempts, so it retries ${BUILTIN.grpc.maxRetries} times`,
      );
    }
  }
  for (const field of FEATURE_GRPC_IGNORES) {
    const where = closestSource(chain, field);
    if (where) flag(refAt(where.at, field), field, 'gRPC clients do not apply it');
  }
  const idle = closestDefinition(chain, 'idleTimeout');
  if (idle) flag(refAt(idle.at, 'idleTimeout'), 'idleTimeout', 'gRPC calls have only an overall deadline (timeout)');
  const mirror = closestDefinition(chain, 'mirror');
  if (mirror) flag(refAt(mirror.at, 'mirror'), 'mirror', 'gRPC clients do not mirror calls');
}

function checkServerSide(model: MeshModel, service: ServiceDefinition, report: Report): void {
  const flag = (at: NodeRef, message: string) =>
    report('ignored-by-grpc', { at, target: 'key', message, hint: 'do it in the application, or give the service a sidecar (proxy: envoy)' });
  for (const { at } of allRateLimits({ ...model, services: [service] })) {
    flag(at, `rateLimit of proxyless "${service.name}" is not enforced: gRPC servers have no rate-limit filter`);
  }
  for (const field of FEATURE_GRPC_SERVER_IGNORES) {
    if ((service.spec as Readonly<Record<string, unknown>>)[field] !== undefined)
      flag(refAt(service.at, field), `${field} of proxyless "${service.name}" does nothing: no sidecar stands in front of a gRPC server`);
  }
  const authz = effectiveAuthz(model, service);
  if (authz && !Array.isArray(authz.spec) && authz.spec.mode === 'dry-run') {
    flag(refAt(authz.at, 'mode'), `authz in dry-run on proxyless "${service.name}" reports nothing: gRPC servers keep no shadow-rule statistics`);
  }
  // The application dials xds:///<callee>; no sidecar listens on a local port for it.
  (service.spec.calls ?? []).forEach((call, index) => {
    if (typeof call === 'string') return;
    flag(refAt(service.at, 'calls', index, 'localPort'), `localPort of a call of proxyless "${service.name}" is ignored: the application dials xds:///${call.service}`);
  });
}
