/** The diagnostics of the retries feature (band MC2xxx, numbered with the other rules). */
import type { CodeEntry } from '../../diagnostics/codes/entry.js';

export const RETRIES_CODES = [
  {
    code: 'MC2109',
    name: 'retry-exceeds-timeout',
    severity: 'warning',
    summary: 'The retries cannot all run within the request timeout.',
    doc: 'With `attempts` retries the request may be tried `attempts + 1` times, each up to `perTryTimeout`. When that product exceeds `timeout`, the later retries are cut off by the overall timeout, so the retry budget you wrote is not the one you get. Lower `perTryTimeout` or `attempts`, or raise `timeout`.',
  },
  {
    code: 'MC2110',
    name: 'retry-without-per-try-timeout',
    severity: 'warning',
    summary: 'Retries are enabled without a per-try timeout.',
    doc: 'Without `perTryTimeout` each attempt may use the whole request timeout, so a slow upstream is never retried: the first attempt times out the request. Set `retries.perTryTimeout` to a fraction of `timeout`.',
  },
  {
    code: 'MC2133',
    name: 'invalid-retry-backoff',
    severity: 'error',
    summary: 'A retry back-off whose `max` is below its `base`.',
    doc: 'Envoy refuses a route whose retry back-off `max_interval` is below its `base_interval` (RetryPolicyImpl, source/common/router/config_impl.cc), so no sidecar with that route would load. `backoff` is inherited as a whole (defaults ← service ← route), and the diagnostic points at the `max` of the closest layer that sets it. Leave `max` out for Envoy\'s default of 10 × base. Both must be positive (see duration-out-of-range).',
  },
  {
    code: 'MC2134',
    name: 'retry-backoff-exceeds-timeout',
    severity: 'warning',
    summary: 'A retry back-off base as long as the request timeout, so retries rarely start.',
    doc: 'Before each retry Envoy waits a random time of up to the back-off interval, which starts at `base` and doubles up to `max`. When `base` is at least the whole-request `timeout`, the timeout usually ends the request before a retry is sent, so the retries you wrote are not the retries you get. Lower `backoff.base` well below `timeout` (Envoy\'s default base is 25ms), or raise `timeout`.',
  },
  {
    code: 'MC2142',
    name: 'retry-amplification',
    severity: 'warning',
    summary: 'Retries along a call path multiply to more than 10 tries of one request at one service.',
    doc: 'Each caller retries its callee by the callee\'s `retries`: `attempts: 3` is up to 4 tries. Along a call path the tries multiply: when gateway retries api 4 times and api retries ledger 4 times, one request of gateway\'s can become 16 requests to ledger, all arriving while ledger is already failing, which turns a short outage into an overload (the retry budget on each cluster bounds the rate, not one request\'s fan-out). meshc computes the worst case over every call path (a request from outside the mesh counts once; calls closing a cycle are left out) and warns at the first service where it exceeds 10. Retry at one hop, usually the one nearest the caller, or lower `attempts`.',
  },
] as const satisfies readonly CodeEntry[];
