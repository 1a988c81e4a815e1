/**
 * The semantic stage: runs every rule over the assembled model. With a cache (a long-running
 * compiler), a rule scoped to a document or a service (context.ts) runs only on those that are
 * not the very same objects as last time (their source was not parsed again, and for a service
 * the defaults and the mesh block are unchanged too); the others keep their findings.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MeshModel } from '../dsl/model.js';
import { createRuleContext, diagnosticKey, type Rule } from './context.js';
import { RULES } from './rules/index.js';

/** Findings of the scoped rules per document or service definition (by identity). */
export interface RuleCache {
  readonly findings: WeakMap<object, { readonly inputs: readonly unknown[]; readonly diagnostics: readonly Diagnostic[] }>;
}

export function createRuleCache(): RuleCache {
  return { findings: new WeakMap() };
}

export function validateModel(model: MeshModel, rules: readonly Rule[] = RULES, cache?: RuleCache): Diagnostic[] {
  if (!cache) return run(model, rules);
  const diagnostics = run(
    model,
    rules.filter((r) => r.scope === undefined),
  );
  const documentRules = rules.filter((r) => r.scope === 'document');
  const serviceRules = rules.filter((r) => r.scope === 'service');
  const reuse = (key: object, inputs: readonly unknown[], check: () => Diagnostic[]) => {
    const entry = cache.findings.get(key);
    if (entry && entry.inputs.length === inputs.length && entry.inputs.every((x, i) => x === inputs[i])) return entry.diagnostics;
    const found = check();
    cache.findings.set(key, { inputs, diagnostics: found });
    return found;
  };
  for (const d of model.documents) diagnostics.push(...reuse(d.value as object, [], () => run({ ...model, documents: [d] }, documentRules)));
  const inputs = [model.defaults?.value, model.mesh?.value];
  for (const s of model.services) diagnostics.push(...reuse(s.spec, inputs, () => run({ ...model, services: [s] }, serviceRules)));
  return dedupe(diagnostics);
}

function run(model: MeshModel, rules: readonly Rule[]): Diagnostic[] {
  const { context, diagnostics } = createRuleContext(model);
  for (const rule of rules) rule.check(context);
  return diagnostics;
}

/** A finding about the defaults is made for every service that inherits them: it counts once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = diagnosticKey(d.name, d.location, d.message);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
