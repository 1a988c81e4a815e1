/** The diagnostics of the headers feature (band MC2xxx, numbered with the other rules). */
import type { CodeEntry } from '../../diagnostics/codes/entry.js';

export const HEADERS_CODES = [
  {
    code: 'MC2150',
    name: 'forbidden-header-change',
    severity: 'error',
    summary: 'A header change to a pseudo-header or to host, which Envoy refuses.',
  },
  {
    code: 'MC2151',
    name: 'header-changed-twice',
    severity: 'error',
    summary: 'One level changes the same header twice.',
  },
] as const satisfies readonly CodeEntry[];
