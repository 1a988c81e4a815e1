/** PGV `bool.const`. */
import { violation, type Violation } from './violation.js';

export function checkBool(rules: { readonly const?: boolean }, value: boolean): Violation | undefined {
  if (rules.const === undefined || value === rules.const) return undefined;
  return violation('pgv-bool', `must be ${rules.const}, got ${value}`);
}
