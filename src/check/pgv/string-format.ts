/**
 * PGV string formats: `well_known_regex` (HTTP header names and values), `hostname`, `ip`,
 * `ipv4`, `ipv6`, `address`, `uri`, `uri_ref`, `email`, `uuid`. The definitions follow
 * protoc-gen-validate's (its C++/Go validators), which is what Envoy runs.
 */
import { isIP } from 'node:net';
import type { StringRules } from './rules.js';
import { violation, type Violation } from './violation.js';

// PGV's regexes. Header names: RFC 7230 tokens, optionally with a leading ':' (HTTP/2 pseudo
// headers); "+-." is a range in PGV's character class and is kept as one.
const HEADER_NAME_STRICT = /^:?[0-9a-zA-Z!#$%&'*+-.^_|~`]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: header values exclude control characters
const HEADER_VALUE_STRICT = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL, LF and CR, as PGV refuses them
const HEADER_LOOSE = /^[^\u0000\u000A\u000D]*$/;

type FormatCheck = (value: string) => boolean;

const FORMATS: readonly (readonly [keyof StringRules, string, FormatCheck])[] = [
  ['email', 'an email address', isEmail],
  ['hostname', 'a hostname', isHostname],
  ['ip', 'an IP address', (v) => isIP(v) !== 0],
  ['ipv4', 'an IPv4 address', (v) => isIP(v) === 4],
  ['ipv6', 'an IPv6 address', (v) => isIP(v) === 6],
  ['address', 'a hostname or IP address', (v) => isIP(v) !== 0 || isHostname(v)],
  ['uri', 'an absolute URI', isAbsoluteUri],
  ['uri_ref', 'a URI reference', isUriReference],
  ['uuid', 'a UUID', (v) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)],
];

export function checkStringFormat(rules: StringRules, value: string): Violation | undefined {
  const fail = (what: string): Violation => violation('pgv-string-format', `must be ${what}, got ${JSON.stringify(value)}`);
  for (const [rule, what, check] of FORMATS) {
    if (rules[rule] === true && !check(value)) return fail(what);
  }
  const known = rules.well_known_regex;
  if (known === 'HTTP_HEADER_NAME' || known === 'HTTP_HEADER_VALUE') {
    const strict = rules.strict !== false;
    const regex = !strict ? HEADER_LOOSE : known === 'HTTP_HEADER_NAME' ? HEADER_NAME_STRICT : HEADER_VALUE_STRICT;
    if (!regex.test(value)) {
      const what = known === 'HTTP_HEADER_NAME' ? 'an HTTP header name' : 'an HTTP header value';
      return fail(strict ? `${what} (RFC 7230)` : `${what} (no NUL, CR or LF)`);
    }
  }
  return undefined;
}

/** RFC 1123 host names: labels of 1-63 letters, digits and inner hyphens; 253 characters at most. */
export function isHostname(value: string): boolean {
  const host = value.endsWith('.') ? value.slice(0, -1) : value;
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

function isEmail(value: string): boolean {
  const address = /^[^<]*<(.+)>$/.exec(value)?.[1] ?? value;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  return /^[^\s@]+$/.test(address.slice(0, at)) && isHostname(address.slice(at + 1));
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// RFC 3986 characters (unreserved, reserved, percent) in a URI or reference.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

function isAbsoluteUri(value: string): boolean {
  return SCHEME.test(value) && URI_CHARS.test(value);
}

function isUriReference(value: string): boolean {
  return URI_CHARS.test(value);
}
