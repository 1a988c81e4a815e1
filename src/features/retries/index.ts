/** Retries: how often and on what a caller's sidecar retries a failed request to a callee. */
import { defineFeature } from '../feature.js';
import { RETRIES_CODES } from './codes.js';
import { resolveRetries } from './resolve.js';
import { retriesLowering } from './lower.js';
import { retriesSchema } from './schema.js';
import { invalidRetryBackoff } from './rules/invalid-retry-backoff.js';
import { retryExceedsTimeout } from './rules/retry-exceeds-timeout.js';
import { retryWithoutPerTryTimeout } from './rules/retry-without-per-try-timeout.js';
import { retryBackoffExceedsTimeout } from './rules/retry-backoff-exceeds-timeout.js';
import { retryAmplification } from './rules/retry-amplification.js';

export const retries = defineFeature({
  id: 'retries',
  schema: retriesSchema,
  codes: RETRIES_CODES,
  rules: [invalidRetryBackoff, retryExceedsTimeout, retryWithoutPerTryTimeout, retryBackoffExceedsTimeout, retryAmplification],
  // A tcp proxy retries failed connections: only attempts means something there.
  httpOnly: ['retries.perTryTimeout', 'retries.on', 'retries.statusCodes', 'retries.backoff'],
  resolveRoute: resolveRetries,
  lower: retriesLowering,
});

export type { RetriesSpec, RetryCondition } from './schema.js';
export type { RetriesIR } from './ir.js';
export { RETRY_CONDITIONS } from './schema.js';
export { routeRetries, type EffectiveRetries } from './effective.js';
