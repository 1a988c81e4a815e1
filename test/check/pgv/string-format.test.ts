/** PGV string formats: pgv-string-format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  HeaderName: 'string v = 1 [(validate.rules).string.well_known_regex = HTTP_HEADER_NAME];',
  HeaderNameLoose: 'string v = 1 [(validate.rules).string = {well_known_regex: HTTP_HEADER_NAME, strict: false}];',
  HeaderValue: 'string v = 1 [(validate.rules).string.well_known_regex = HTTP_HEADER_VALUE];',
  HeaderValueLoose: 'string v = 1 [(validate.rules).string = {well_known_regex: HTTP_HEADER_VALUE, strict: false}];',
  Hostname: 'string v = 1 [(validate.rules).string.hostname = true];',
  Ip: 'string v = 1 [(validate.rules).string.ip = true];',
  Ipv4: 'string v = 1 [(validate.rules).string.ipv4 = true];',
  Ipv6: 'string v = 1 [(validate.rules).string.ipv6 = true];',
  Address: 'string v = 1 [(validate.rules).string.address = true];',
  Uri: 'string v = 1 [(validate.rules).string.uri = true];',
  UriRef: 'string v = 1 [(validate.rules).string.uri_ref = true];',
  Email: 'string v = 1 [(validate.rules).string.email = true];',
  Uuid: 'string v = 1 [(validate.rules).string.uuid = true];',
});
const bad = ['pgv-string-format@v'];

const CASES: readonly [message: string, good: readonly string[], wrong: readonly string[]][] = [
  ['HeaderName', ['x-request-id', ':authority', "a!#$%&'*+-.^_|~`"], ['bad header', 'a:b', '', 'é']],
  ['HeaderNameLoose', ['bad header', 'a:b'], ['a\nb', 'a\rb', 'a\u0000b']],
  ['HeaderValue', ['text/html; q=0.9', '', 'tab\there'], ['a\nb', 'bell\u0007', 'del\u007f']],
  ['HeaderValueLoose', ['bell\u0007'], ['a\r\nb']],
  ['Hostname', ['example.com', 'a-b.c', 'localhost', 'example.com.'], ['-a.com', 'a_b.com', 'a..b', 'x'.repeat(64) + '.com']],
  ['Ip', ['10.0.0.1', '::1'], ['10.0.0.256', 'example.com']],
  ['Ipv4', ['127.0.0.1'], ['::1']],
  ['Ipv6', ['fe80::1'], ['127.0.0.1']],
  ['Address', ['10.0.0.1', 'example.com'], ['not an address']],
  ['Uri', ['https://example.com/a?b=c', 'urn:isbn:0451450523'], ['/relative/path', 'http://exa mple.com']],
  ['UriRef', ['/relative/path', 'https://example.com'], ['has space']],
  ['Email', ['ops@example.com', 'Ops <ops@example.com>'], ['no-at-sign', 'a@', '@example.com']],
  ['Uuid', ['123e4567-e89b-12d3-a456-426614174000'], ['123e4567e89b12d3a456426614174000', 'not-a-uuid']],
];

for (const [message, good, wrong] of CASES) {
  test(message, () => {
    for (const value of good) assert.deepEqual(verdict(schema, message, value), [], JSON.stringify(value));
    for (const value of wrong) assert.deepEqual(verdict(schema, message, value), bad, JSON.stringify(value));
  });
}
