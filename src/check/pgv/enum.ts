/** PGV enum rules: `defined_only`, `const`, `in`, `not_in` (on the value's number). */
import type { EnumPlan } from '../api/schema.js';
import type { EnumRules } from './rules.js';
import { violation, type Violation } from './violation.js';

export function checkEnum(rules: EnumRules, en: EnumPlan, number: number): Violation | undefined {
  const show = (n: number): string => en.nameOf.get(n) ?? String(n);
  const fail = (message: string): Violation => violation('pgv-enum', message);
  if (rules.defined_only && !en.nameOf.has(number)) return fail(`${number} is not a defined value of ${en.fullName}`);
  if (rules.const !== undefined && number !== rules.const) return fail(`must be ${show(rules.const)}, got ${show(number)}`);
  if (rules.in && rules.in.length > 0 && !rules.in.includes(number)) return fail(`must be one of ${rules.in.map(show).join(', ')}, got ${show(number)}`);
  if (rules.not_in?.includes(number)) return fail(`${show(number)} is not allowed here`);
  return undefined;
}
