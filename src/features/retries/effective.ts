/**
 * The effective retries of each route: the `retries` blocks of defaults ← service ← route
 * merged field by field (the closest layer that writes a field wins; `backoff` is replaced as a
 * whole), with meshc's defaults filled in. Computed once per service definition, and used alike
 * by the rules (which also need where each field was written) and by resolution.
 */
import { BUILTIN } from '../../dsl/builtin.js';
import { optionalDuration, parseDuration } from '../../dsl/duration.js';
import { mergeLayers, perRouteOfService, type LocatedLayer } from '../../dsl/effective.js';
import type { NodeRef } from '../../dsl/model.js';
import type { RetriesSpec, RetryCondition } from './schema.js';

export interface EffectiveRetries {
  /** The merged block as written, for messages that quote it. */
  readonly spec: RetriesSpec;
  /** Retries after the first try; 0 turns them off. */
  readonly attempts: number;
  /** The conditions written or defaulted (retriable-status-codes is added only when lowering). */
  readonly on: readonly RetryCondition[];
  readonly perTryTimeoutMs?: number;
  readonly statusCodes: readonly number[];
  readonly backoff?: { readonly baseMs: number; readonly maxMs?: number };
  /** The closest layer that writes `retries`. */
  readonly at: NodeRef;
  /** The closest layer that writes each field. */
  readonly fieldAt: { readonly [K in keyof RetriesSpec]-?: NodeRef | undefined };
}

export interface RouteRetries {
  readonly chain: readonly LocatedLayer[];
  readonly retries?: EffectiveRetries;
  /** The route's whole-request timeout after inheritance and default; 0 is none. */
  readonly timeoutMs: number;
}

const FIELDS = ['attempts', 'perTryTimeout', 'on', 'statusCodes', 'backoff'] as const satisfies readonly (keyof RetriesSpec)[];

/** The retries of a chain, or undefined when no layer writes any. */
export function effectiveRetries(chain: readonly LocatedLayer[]): EffectiveRetries | undefined {
  const written = chain.filter((c) => c.source.retries !== undefined);
  const closest = written[written.length - 1];
  if (!closest) return undefined;
  const fieldAt = Object.fromEntries(FIELDS.map((f) => [f, written.findLast((c) => c.source.retries?.[f] !== undefined)?.at])) as EffectiveRetries['fieldAt'];
  const spec: RetriesSpec = Object.assign({}, ...written.map((c) => c.source.retries));
  const perTry = optionalDuration(spec.perTryTimeout);
  return {
    spec,
    attempts: spec.attempts ?? BUILTIN.retries.attempts,
    on: spec.on ?? BUILTIN.retries.on,
    ...(perTry !== undefined ? { perTryTimeoutMs: perTry } : {}),
    statusCodes: spec.statusCodes ?? [],
    ...(spec.backoff ? { backoff: { baseMs: parseDuration(spec.backoff.base), ...(spec.backoff.max !== undefined ? { maxMs: parseDuration(spec.backoff.max) } : {}) } } : {}),
    at: closest.at,
    fieldAt,
  };
}

/** Each route's chain and retries (the implicit route's when the service declares none). */
export const routeRetries = perRouteOfService((chain): RouteRetries => {
  const retries = effectiveRetries(chain);
  const timeoutMs = optionalDuration(mergeLayers(chain.map((c) => c.layer)).timeout) ?? BUILTIN.timeoutMs;
  return retries ? { chain, retries, timeoutMs } : { chain, timeoutMs };
});
