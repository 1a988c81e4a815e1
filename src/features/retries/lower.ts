/**
 * Retries. Each retry goes to a different host when one is available (previous_hosts), so a
 * retry does not hit the endpoint that just failed.
 */
import { TYPES, typed } from '../../envoy/any.js';
import { duration } from '../../envoy/values.js';
import type { RetryPolicy } from '../../envoy/types.js';
import type { RetriesIR } from './ir.js';
import type { PolicyModule } from '../../policies/policy.js';

const HOST_SELECTION_ATTEMPTS = '3';

export const retriesLowering: PolicyModule = {
  id: 'retries',
  order: 300,
  routeAction: (route) => (route.retries ? { retry_policy: retryPolicy(route.retries) } : undefined),
  // A tcp callee has one route; its attempts retry a connection that fails (TcpProxy).
  tcpProxy: ({ callee }) => {
    const attempts = callee.routes[0]?.retries?.attempts;
    return attempts !== undefined ? { max_connect_attempts: attempts + 1 } : undefined;
  },
};

function retryPolicy(r: RetriesIR): RetryPolicy {
  return {
    retry_on: r.on.join(','),
    num_retries: r.attempts,
    ...(r.perTryTimeoutMs !== undefined ? { per_try_timeout: duration(r.perTryTimeoutMs) } : {}),
    ...(r.statusCodes.length > 0 ? { retriable_status_codes: r.statusCodes } : {}),
    ...(r.backoff
      ? {
          retry_back_off: {
            base_interval: duration(r.backoff.baseMs),
            ...(r.backoff.maxMs !== undefined ? { max_interval: duration(r.backoff.maxMs) } : {}),
          },
        }
      : {}),
    retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts', typed_config: typed(TYPES.previousHosts) }],
    host_selection_retry_max_attempts: HOST_SELECTION_ATTEMPTS,
  };
}
