/**
 * `headers`: request and response headers a caller's sidecar adds, sets or removes, written in
 * defaults, on a service and on a route. Values are literal text: meshc escapes `%` so that
 * Envoy never reads a value as one of its substitution commands.
 */
import * as z from 'zod';
import { HeaderName } from '../../dsl/primitives.js';

/** What Envoy's proto accepts as a header value (no NUL, CR or LF; at most 16 KiB). */
const HEADER_VALUE = /^[^\0\r\n]*$/;
const HeaderValue = z.string().min(1).max(16384).regex(HEADER_VALUE).meta({ id: 'HeaderValue', description: 'A header value, literal text (no line breaks).' });

const HeaderMutation = z
  .strictObject({
    add: z.record(HeaderName, HeaderValue).optional().meta({ description: 'Headers added, after any the message already has (a second value of the same header).' }),
    set: z.record(HeaderName, HeaderValue).optional().meta({ description: 'Headers set, replacing any value the message has.' }),
    remove: z.array(HeaderName).min(1).optional().meta({ description: 'Headers removed.' }),
  })
  .meta({ id: 'HeaderMutation' });

const Headers = z
  .strictObject({
    request: HeaderMutation.optional().meta({ description: 'Changes to the request, before it is sent to the service.' }),
    response: HeaderMutation.optional().meta({ description: 'Changes to the response, before the caller gets it.' }),
  })
  .meta({
    id: 'Headers',
    description:
      'Header changes made by the callers\u2019 sidecars. Inherited by header name (route ← service ← defaults): a closer level that adds, sets or removes a header replaces what a more general one does to it.',
  });

export const headersSchema = {
  policy: { headers: Headers.optional() },
  route: { headers: Headers.optional() },
};

export type HeadersSpec = z.infer<typeof Headers>;
export type HeaderMutationSpec = z.infer<typeof HeaderMutation>;
export const HEADER_DIRECTIONS = ['request', 'response'] as const;
export const HEADER_OPERATIONS = ['add', 'set', 'remove'] as const;
export type HeaderDirection = (typeof HEADER_DIRECTIONS)[number];
export type HeaderOperation = (typeof HEADER_OPERATIONS)[number];
