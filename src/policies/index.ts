/**
 * The policy registry, in application order (a feature unit's lowering is marked *, from
 * src/features/). Later policies may override fields set by earlier ones, so the order is part
 * of the language's meaning:
 *   50 upstream-protocol   HTTP/2 for http2/grpc upstreams
 *  100 traffic-split       the route's destination (cluster or weighted clusters)
 *  200 timeouts            request, idle and connect timeouts
 *  300 retries*            retry policy
 *  400 load-balancer       load-balancing policy and hash keys
 *  500 circuit-breaker     connection/request/retry limits
 *  600 outlier-detection   passive health checking
 *  700 health-check        active health checking
 *  800 fault               fault injection filter and per-route faults
 *  900 mirror              request mirroring
 *  950 headers*            request and response header changes on the route
 *  960 rewrite*            path and host rewrites on the route action
 *  970 websocket*          WebSocket upgrades on the route and the inbound connection manager
 *  980 inbound*            server-side limits: the local app cluster's thresholds, the inbound route timeout
 * 1000 mtls                mutual TLS: inbound filter chains, upstream TLS, SDS secrets
 * 1100 hardening           buffer limits, overload manager, HTTP protections
 * 1200 jwt                 end-user JWT authentication (inbound)
 * 1300 authz               RBAC allow rules (inbound), dry-run as shadow rules
 * 1400 rate-limit          local token buckets and the global rate-limit service (inbound)
 * 1500 metrics             stats tags, inclusion list, the metrics port
 * 1600 access-log          JSON access logs on every connection manager
 * 1700 tracing             spans to an OpenTelemetry or Zipkin collector
 * 1800 monitoring          _mesh/: prometheus.yml, rules.yml, grafana-dashboard.json
 */
import type { PolicyModule } from './policy.js';
import { upstreamProtocol } from './upstream-protocol.js';
import { trafficSplit } from './traffic-split.js';
import { timeouts } from './timeouts.js';
import { loadBalancer } from './load-balancer.js';
import { circuitBreaker } from './circuit-breaker.js';
import { outlierDetection } from './outlier-detection.js';
import { healthCheck } from './health-check.js';
import { fault } from './fault.js';
import { mirror } from './mirror.js';
import { mtls } from './mtls.js';
import { hardening } from './hardening.js';
import { jwt } from './jwt.js';
import { authz } from './authz.js';
import { rateLimit } from './rate-limit.js';
import { metrics } from './metrics.js';
import { accessLog } from './access-log.js';
import { tracing } from './tracing.js';
import { monitoring } from './monitoring/index.js';
import { FEATURES } from '../features/index.js';
import type { Feature } from '../features/feature.js';

/** The policies of src/policies/; the feature units' lowerings join them by `order`. */
const CORE_POLICIES: readonly PolicyModule[] = [
  upstreamProtocol,
  trafficSplit,
  timeouts,
  loadBalancer,
  circuitBreaker,
  outlierDetection,
  healthCheck,
  fault,
  mirror,
  mtls,
  hardening,
  jwt,
  authz,
  rateLimit,
  metrics,
  accessLog,
  tracing,
  monitoring,
];

export const POLICIES: readonly PolicyModule[] = Object.freeze(
  [...CORE_POLICIES, ...FEATURES.flatMap((f: Feature) => (f.lower ? [f.lower] : []))].sort((a, b) => a.order - b.order),
);

export type { PolicyModule, OutboundContext, ClusterContext, InboundContext, InboundRoute, HcmContext, SidecarFile } from './policy.js';
export { applyFields, clusterPolicy } from './policy.js';
export { mergeFields } from '../features/merge.js';
