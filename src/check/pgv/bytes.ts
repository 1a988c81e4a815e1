/** PGV bytes rules; lengths count decoded bytes. `value` is normalized base64. */
import type { BytesRules } from './rules.js';
import { checkPattern } from './string-pattern.js';
import { violation, type Violation } from './violation.js';

export function checkBytes(rules: BytesRules, base64: string): Violation | undefined {
  const bytes = Buffer.from(base64, 'base64');
  if (rules.ignore_empty && bytes.length === 0) return undefined;
  const fail = (message: string): Violation => violation('pgv-bytes', message);
  const n = bytes.length;
  if (rules.len !== undefined && n !== Number(rules.len)) return fail(`must be exactly ${rules.len} bytes long, got ${n}`);
  if (rules.min_len !== undefined && n < Number(rules.min_len)) return fail(`must be at least ${rules.min_len} bytes long, got ${n}`);
  if (rules.max_len !== undefined && n > Number(rules.max_len)) return fail(`must be at most ${rules.max_len} bytes long, got ${n}`);
  // Byte patterns and literals in the rules are text; compare them on the raw bytes as latin1.
  const text = bytes.toString('latin1');
  if (rules.pattern !== undefined) {
    const broken = checkPattern(rules.pattern, bytes.toString('utf8'), 'pgv-bytes');
    if (broken) return broken;
  }
  const literal = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
  if (rules.const !== undefined && text !== literal(rules.const)) return fail('must equal the value the rule fixes');
  if (rules.prefix !== undefined && !text.startsWith(literal(rules.prefix))) return fail(`must start with ${JSON.stringify(rules.prefix)}`);
  if (rules.suffix !== undefined && !text.endsWith(literal(rules.suffix))) return fail(`must end with ${JSON.stringify(rules.suffix)}`);
  if (rules.contains !== undefined && !text.includes(literal(rules.contains))) return fail(`must contain ${JSON.stringify(rules.contains)}`);
  if (rules.in && rules.in.length > 0 && !rules.in.map(literal).includes(text)) return fail('must be one of the values the rule lists');
  if (rules.not_in?.map(literal).includes(text)) return fail('is not allowed here');
  if (rules.ip && n !== 4 && n !== 16) return fail(`must be an IP address (4 or 16 bytes), got ${n} bytes`);
  if (rules.ipv4 && n !== 4) return fail(`must be an IPv4 address (4 bytes), got ${n} bytes`);
  if (rules.ipv6 && n !== 16) return fail(`must be an IPv6 address (16 bytes), got ${n} bytes`);
  return undefined;
}
