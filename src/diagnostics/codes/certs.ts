/** MC55xx: certificate tooling (`meshc certs ...`). */
import type { CodeEntry } from './entry.js';

export const CERT_CODES = [] as const satisfies readonly CodeEntry[];
