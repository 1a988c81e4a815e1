/** PGV string content: `const`, `prefix`, `suffix`, `contains`, `not_contains`, `in`, `not_in`. */
import type { StringRules } from './rules.js';
import { violation, type Violation } from './violation.js';

export function checkStringContent(rules: StringRules, value: string): Violation | undefined {
  const fail = (message: string): Violation => violation('pgv-string', `${message}, got ${JSON.stringify(value)}`);
  if (rules.const !== undefined && value !== rules.const) return fail(`must equal ${JSON.stringify(rules.const)}`);
  if (rules.prefix !== undefined && !value.startsWith(rules.prefix)) return fail(`must start with ${JSON.stringify(rules.prefix)}`);
  if (rules.suffix !== undefined && !value.endsWith(rules.suffix)) return fail(`must end with ${JSON.stringify(rules.suffix)}`);
  if (rules.contains !== undefined && !value.includes(rules.contains)) return fail(`must contain ${JSON.stringify(rules.contains)}`);
  if (rules.not_contains !== undefined && value.includes(rules.not_contains)) return fail(`must not contain ${JSON.stringify(rules.not_contains)}`);
  if (rules.in && rules.in.length > 0 && !rules.in.includes(value)) return fail(`must be one of ${rules.in.map((s) => JSON.stringify(s)).join(', ')}`);
  if (rules.not_in?.includes(value)) return fail('is not allowed here');
  return undefined;
}
