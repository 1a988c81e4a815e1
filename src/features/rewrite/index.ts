/** Rewrite: the path and host a route sends instead of the request's. */
import { defineFeature } from '../feature.js';
import { REWRITE_CODES } from './codes.js';
import { rewriteLowering } from './lower.js';
import { resolveRewrite } from './resolve.js';
import { rewriteSchema } from './schema.js';
import { conflictingRewrite } from './rules/conflicting-rewrite.js';
import { invalidRewriteRegex } from './rules/invalid-rewrite-regex.js';
import { prefixRewriteOnRegexRoute } from './rules/prefix-rewrite-on-regex-route.js';
import { rewriteJoinsPath } from './rules/rewrite-joins-path.js';

export const rewrite = defineFeature({
  id: 'rewrite',
  schema: rewriteSchema,
  codes: REWRITE_CODES,
  rules: [conflictingRewrite, invalidRewriteRegex, prefixRewriteOnRegexRoute, rewriteJoinsPath],
  httpOnly: ['rewrite'],
  grpcIgnores: ['rewrite'],
  resolveRoute: resolveRewrite,
  lower: rewriteLowering,
});

export type { RewriteSpec } from './schema.js';
export type { RewriteIR } from './ir.js';
