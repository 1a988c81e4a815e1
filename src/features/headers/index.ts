/** Headers: request and response headers the callers' sidecars add, set or remove. */
import { defineFeature } from '../feature.js';
import { HEADERS_CODES } from './codes.js';
import { headersLowering } from './lower.js';
import { resolveHeaders } from './resolve.js';
import { headersSchema } from './schema.js';
import { headerChangedTwice } from './rules/header-changed-twice.js';
import { forbiddenHeaderChange } from './rules/forbidden-header-change.js';

export const headers = defineFeature({
  id: 'headers',
  schema: headersSchema,
  codes: HEADERS_CODES,
  rules: [forbiddenHeaderChange, headerChangedTwice],
  httpOnly: ['headers'],
  grpcIgnores: ['headers'],
  resolveRoute: resolveHeaders,
  lower: headersLowering,
});

export type { HeadersSpec, HeaderMutationSpec } from './schema.js';
export type { HeadersIR, HeaderChangeIR } from './ir.js';
