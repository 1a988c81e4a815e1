/** PGV string lengths: `len`, `min_len`, `max_len` in characters, `*_bytes` in UTF-8 bytes. */
import type { StringRules } from './rules.js';
import { violation, type Violation } from './violation.js';

export function checkStringLength(rules: StringRules, value: string): Violation | undefined {
  const chars = [...value].length;
  const bytes = Buffer.byteLength(value, 'utf8');
  const fail = (message: string): Violation => violation('pgv-string-length', message);
  if (rules.len !== undefined && chars !== Number(rules.len)) return fail(`must be exactly ${rules.len} characters long, got ${chars}`);
  if (rules.min_len !== undefined && chars < Number(rules.min_len)) {
    return value === '' ? fail('value is required (empty string)') : fail(`must be at least ${rules.min_len} characters long, got ${chars}`);
  }
  if (rules.max_len !== undefined && chars > Number(rules.max_len)) return fail(`must be at most ${rules.max_len} characters long, got ${chars}`);
  if (rules.len_bytes !== undefined && bytes !== Number(rules.len_bytes)) return fail(`must be exactly ${rules.len_bytes} bytes long, got ${bytes}`);
  if (rules.min_bytes !== undefined && bytes < Number(rules.min_bytes)) {
    return value === '' ? fail('value is required (empty string)') : fail(`must be at least ${rules.min_bytes} bytes long, got ${bytes}`);
  }
  if (rules.max_bytes !== undefined && bytes > Number(rules.max_bytes)) return fail(`must be at most ${rules.max_bytes} bytes long, got ${bytes}`);
  return undefined;
}
