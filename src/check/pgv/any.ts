/** PGV Any rules: `in` and `not_in` on the type URL. */
import type { AnyRules } from './rules.js';
import { violation, type Violation } from './violation.js';

export function checkAny(rules: AnyRules, typeUrl: string): Violation | undefined {
  const fail = (message: string): Violation => violation('pgv-any', message);
  if (rules.in && rules.in.length > 0 && !rules.in.includes(typeUrl)) return fail(`type must be one of ${rules.in.join(', ')}, got ${typeUrl}`);
  if (rules.not_in?.includes(typeUrl)) return fail(`type ${typeUrl} is not allowed here`);
  return undefined;
}
