/** PGV `pattern`: the string must contain a match of an RE2 regular expression. */
import { re2Test } from '../../regex/re2.js';
import { violation, type Violation } from './violation.js';

export function checkPattern(pattern: string, value: string, name: 'pgv-string-pattern' | 'pgv-bytes'): Violation | undefined {
  const result = re2Test(pattern, value);
  if (result instanceof Error) return violation(name, `the rule's pattern ${JSON.stringify(pattern)} does not compile in RE2: ${result.message}`);
  return result ? undefined : violation(name, `must match the RE2 pattern ${JSON.stringify(pattern)}, got ${JSON.stringify(value)}`);
}
