/** `rewrite` on a route: the path and host a caller's sidecar sends instead of the request's. */
import * as z from 'zod';
import { HttpPath } from '../../dsl/primitives.js';

/** A host name or IP literal, optionally with a port: what Host / :authority may carry. */
const AUTHORITY = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$/;

const Rewrite = z
  .strictObject({
    prefix: HttpPath.optional().meta({
      description: 'Replaces the part of the path the route matched: its path prefix, the whole path of an exact match, or / when it matches no path.',
    }),
    regex: z
      .strictObject({
        pattern: z.string().min(1).meta({ description: 'An RE2 regex over the path (without the query string).' }),
        substitution: z.string().meta({ description: 'What each match becomes; \\1 … \\9 are the pattern\u2019s groups.' }),
      })
      .optional()
      .meta({ description: 'Rewrites every match of the pattern in the path.' }),
    host: z.string().regex(AUTHORITY).optional().meta({ description: 'The Host (:authority) sent to the service instead of the request\u2019s.' }),
  })
  .meta({ id: 'Rewrite', description: 'What a route sends instead of the request\u2019s path or host; at most one of prefix and regex.' });

export const rewriteSchema = {
  route: { rewrite: Rewrite.optional() },
};

export type RewriteSpec = z.infer<typeof Rewrite>;
