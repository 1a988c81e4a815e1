/** The diagnostics of the retries feature (band MC2xxx, numbered with the other rules). */
import type { CodeEntry } from '../../diagnostics/codes/entry.js';

export const RETRIES_CODES = [
  {
    code: 'MC2109',
    name: 'retry-exceeds-timeout',
    severity: 'warning',
    summary: 'The retries cannot all run within the request timeout.',
  },
  {
    code: 'MC2110',
    name: 'retry-without-per-try-timeout',
    severity: 'warning',
    summary: 'Retries are enabled without a per-try timeout.',
  },
  {
    code: 'MC2133',
    name: 'invalid-retry-backoff',
    severity: 'error',
    summary: 'A retry back-off whose `max` is below its `base`.',
  },
  {
    code: 'MC2134',
    name: 'retry-backoff-exceeds-timeout',
    severity: 'warning',
    summary: 'A retry back-off base as long as the request timeout, so retries rarely start.',
  },
  {
    code: 'MC2142',
    name: 'retry-amplification',
    severity: 'warning',
    summary: 'Retries along a call path multiply to more than 10 tries of one request at one service.',
  },
] as const satisfies readonly CodeEntry[];
