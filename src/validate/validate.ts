/** The semantic stage: runs every rule over the assembled model. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MeshModel } from '../dsl/model.js';
import { createRuleContext, type Rule } from './context.js';
import { RULES } from './rules/index.js';

export function validateModel(model: MeshModel, rules: readonly Rule[] = RULES): Diagnostic[] {
  const { context, diagnostics } = createRuleContext(model);
  for (const rule of rules) rule.check(context);
  return diagnostics;
}
