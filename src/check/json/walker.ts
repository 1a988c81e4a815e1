/**
 * What every reader of the walk shares: the walker (schema, options, where problems go) and the
 * helpers that report through it. A leaf, so that the readers of well-known types and of Any
 * payloads need not import walk.ts, which imports them.
 */
import type { MessagePlan, Schema } from '../api/schema.js';
import type { CheckName, PathNode, ProblemSink } from '../problems.js';
import type { InstanceIndex, Normalized } from './index.js';
import type { ScalarResult } from './scalars.js';

export interface WalkOptions {
  /** Demand canonical proto3 JSON instead of accepting what Envoy's parser accepts. */
  readonly strict: boolean;
  /** Report Any payloads of unknown type as warnings (unchecked) rather than errors. */
  readonly allowUnknownTypes: boolean;
}

/**
 * Reads one message (walkMessage in walk.ts). `skipKey` is a key that belongs to the enclosing
 * structure (`@type` of an Any whose payload is this message); `validate` is false below
 * `(validate.disabled)` and `skip`.
 */
export type MessageWalk = (w: Walker, plan: MessagePlan, value: unknown, at: PathNode, validate: boolean, skipKey?: string) => Normalized | undefined;

export interface Walker {
  readonly schema: Schema;
  readonly options: WalkOptions;
  readonly sink: ProblemSink;
  readonly index: InstanceIndex;
  /** Lists and maps that lost items to structural errors: their PGV rules would only repeat those. */
  readonly incomplete: WeakSet<object>;
  /** The walk itself, carried here so that an Any's payload is walked without importing walk.ts. */
  readonly walkMessage: MessageWalk;
}

export function report(w: Walker, name: CheckName, at: PathNode, message: string, value?: unknown): void {
  w.sink.report(name, at, message, value);
}

/** A form Envoy accepts but canonical proto3 JSON does not: an error in strict mode only. */
export function nonCanonical(w: Walker, at: PathNode, message: string, value?: unknown): void {
  if (w.options.strict) report(w, 'envoy-non-canonical', at, message, value);
}

/** Reports a scalar reader's verdict; returns the normalized value or undefined. */
export function accept(w: Walker, result: ScalarResult, at: PathNode, value: unknown): unknown {
  if (!result.ok) {
    report(w, result.name, at, result.message, value);
    return undefined;
  }
  if (result.nonCanonical) nonCanonical(w, at, result.nonCanonical, value);
  return result.value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
