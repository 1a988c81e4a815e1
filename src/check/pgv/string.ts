/** All PGV string rules, in PGV's order; the first broken one is reported. */
import type { StringRules } from './rules.js';
import { checkStringContent } from './string-content.js';
import { checkStringFormat } from './string-format.js';
import { checkStringLength } from './string-length.js';
import { checkPattern } from './string-pattern.js';
import type { Violation } from './violation.js';

export function checkString(rules: StringRules, value: string): Violation | undefined {
  if (rules.ignore_empty && value === '') return undefined;
  return (
    checkStringLength(rules, value) ??
    (rules.pattern !== undefined ? checkPattern(rules.pattern, value, 'pgv-string-pattern') : undefined) ??
    checkStringContent(rules, value) ??
    checkStringFormat(rules, value)
  );
}
