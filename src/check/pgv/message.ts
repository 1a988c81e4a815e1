/**
 * PGV validation of one message once its fields are read: required oneofs, then every field's
 * rules. Nested messages validate themselves as the walker reaches them.
 */
import type { FieldPlan, MessagePlan } from '../api/schema.js';
import type { Normalized } from '../json/index.js';
import type { Walker } from '../json/walker.js';
import type { PathNode } from '../problems.js';
import { checkFieldRules } from './field.js';

export function checkMessageRules(
  w: Walker,
  plan: MessagePlan,
  raw: Readonly<Record<string, unknown>>,
  out: Normalized,
  oneofsSet: ReadonlyMap<string, FieldPlan> | undefined,
  at: PathNode,
): void {
  for (const oneof of plan.requiredOneofs) {
    if (oneofsSet?.has(oneof.name)) continue;
    const members = oneof.members.map((f) => f.name).join(', ');
    w.sink.report('pgv-required', at, `oneof "${oneof.name}" is required: set one of ${members}`);
  }
  for (const field of plan.ruledFields) checkFieldRules(w, field, raw, out, at);
}
