/** MC4xxx: problems in Envoy configuration found by the checker (src/check). */
import type { CodeEntry } from './entry.js';

export const CHECK_CODES = [] as const satisfies readonly CodeEntry[];
