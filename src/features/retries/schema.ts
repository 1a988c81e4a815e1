/** The `retries` block, written in defaults, on a service and on a route. */
import * as z from 'zod';
import { Duration } from '../../dsl/primitives.js';

export const RETRY_CONDITIONS = [
  '5xx',
  'gateway-error',
  'reset',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'envoy-ratelimited',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
] as const;

const Retries = z
  .strictObject({
    attempts: z.int().min(0).max(10).optional().meta({
      description: 'How many times a failed request is retried after the first try (Envoy num_retries). 0 turns retries off.',
    }),
    perTryTimeout: Duration.optional().meta({ description: 'Timeout of each try, retries included.' }),
    on: z.array(z.enum(RETRY_CONDITIONS)).min(1).optional().meta({ description: 'The failures that trigger a retry (Envoy retry_on conditions).' }),
    statusCodes: z.array(z.int().min(100).max(599)).min(1).optional().meta({ description: 'HTTP status codes that trigger a retry (adds retriable-status-codes).' }),
    backoff: z
      .strictObject({
        base: Duration.meta({ description: 'Base interval of the exponential back-off.' }),
        max: Duration.optional().meta({ description: 'Upper bound (default 10 × base).' }),
      })
      .optional(),
  })
  .meta({ id: 'Retries', description: 'Retry policy. Fields not given are inherited (route ← service ← defaults).' });

export const retriesSchema = {
  policy: { retries: Retries.optional() },
  route: { retries: Retries.optional() },
};

export type RetriesSpec = z.infer<typeof Retries>;
export type RetryCondition = (typeof RETRY_CONDITIONS)[number];
