/**
 * Runs one semantic rule alone, in process, on YAML text: parsed, schema-checked and assembled
 * as the compiler does, then only `rule` is checked (no other rule, no resolution, no Envoy
 * output). A rule test then shows what that rule reports and nothing else.
 */
import { parseSource } from '../../src/dsl/parse.js';
import { checkSchema } from '../../src/dsl/check-schema.js';
import { assembleModel, type MeshModel, type TypedDocument } from '../../src/dsl/model.js';
import { createRuleContext, type Rule } from '../../src/validate/context.js';
import { dedent } from './text.js';
import { at } from '../validate/helpers.js';

/** The assembled model of `mesh.yaml` (or several `{name: text}`), which must be valid YAML matching the schema. */
export function modelOf(text: string | Readonly<Record<string, string>>): MeshModel {
  const sources = typeof text === 'string' ? { 'mesh.yaml': text } : text;
  const documents: TypedDocument[] = [];
  for (const [name, body] of Object.entries(sources)) {
    const parsed = parseSource({ name, text: dedent(body) });
    if (parsed.diagnostics.length > 0) throw new Error(`${name} does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
    for (const pd of parsed.value) {
      const checked = checkSchema(pd);
      if (!checked.value) throw new Error(`${name} does not match the schema: ${checked.diagnostics.map((d) => d.message).join('; ')}`);
      documents.push({ parsed: pd, value: checked.value });
    }
  }
  return assembleModel(documents);
}

/** `name@file:line:col` of what `rule` alone reports on `mesh.yaml` (or several `{name: text}`). */
export function runRule(rule: Rule, text: string | Readonly<Record<string, string>>): string[] {
  const { context, diagnostics } = createRuleContext(modelOf(text));
  rule.check(context);
  return diagnostics.map(at);
}

/** Binds `runRule` to one rule, for a test file about that rule. */
export function ruleChecker(rule: Rule): (text: string | Readonly<Record<string, string>>) => string[] {
  return (text) => runRule(rule, text);
}
