/** The diagnostics of the rewrite feature (band MC2xxx, numbered with the other rules). */
import type { CodeEntry } from '../../diagnostics/codes/entry.js';

export const REWRITE_CODES = [
  {
    code: 'MC2152',
    name: 'conflicting-rewrite',
    severity: 'error',
    summary: 'A route rewrites its path both by prefix and by regex.',
  },
  {
    code: 'MC2153',
    name: 'prefix-rewrite-on-regex-route',
    severity: 'warning',
    summary: 'A prefix rewrite on a route that matches its path by regex replaces the whole path.',
  },
  {
    code: 'MC2154',
    name: 'invalid-rewrite-regex',
    severity: 'error',
    summary: 'A rewrite pattern RE2 cannot compile.',
  },
  {
    code: 'MC2155',
    name: 'rewrite-joins-path',
    severity: 'warning',
    summary: 'A prefix rewrite whose trailing slash differs from the prefix it replaces.',
  },
] as const satisfies readonly CodeEntry[];
