/** meshc's own YAML and JSON emitters: what they write reads back as exactly what was given. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { createSerializer, serialize, YAML_HEADER } from '../../src/emit/serialize.js';

// Strings YAML readers are known to turn into something else when unquoted.
const TRICKY = [
  'true',
  'No',
  'on',
  'y',
  'null',
  '~',
  '',
  ' ',
  '0',
  '-1',
  '1e3',
  '.5',
  '2.',
  '0x1F',
  '0o17',
  '127.0.0.1',
  '1:30',
  '- a',
  'a: b',
  'a #b',
  '#x',
  '*',
  '&a',
  '!t',
  '|',
  '>',
  '@type',
  '"q"',
  "'q'",
  '%x',
  '`x',
  'a\nb',
  'tab\there',
  'é',
  '\u2028',
  'x,y',
  '[a]',
  '{a}',
  '.inf',
  '-.inf',
  '.NaN',
  '=',
  '<<',
];

const value = fc.jsonValue({ maxDepth: 4 }).chain((v) => fc.constant(v));
const withTricky = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...TRICKY),
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...TRICKY), fc.string()), tie('node'), { maxKeys: 4 }),
  ),
})).node;

/** The value as any reader sees it: -0 is 0, and JSON would have dropped nothing else. */
function normalize(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown;
}

test('YAML output parses back to the same value (any JSON data, tricky strings included)', () => {
  fc.assert(
    fc.property(fc.oneof(value, withTricky), (v) => {
      const text = serialize(v, 'yaml');
      assert.ok(text.startsWith(YAML_HEADER));
      assert.deepEqual(normalize(parse(text)), normalize(v));
    }),
    { numRuns: 2000, seed: 3 },
  );
});

test('JSON output parses back to the same value', () => {
  fc.assert(
    fc.property(fc.oneof(value, withTricky), (v) => {
      assert.deepEqual(JSON.parse(serialize(v, 'json')), normalize(v));
    }),
    { numRuns: 1000, seed: 4 },
  );
});

test('keys come out @type, name, key, value first, then alphabetically; undefined is dropped', () => {
  const text = serialize({ zeta: 1, name: 'n', alpha: [{ b: 1, '@type': 't', a: undefined }], '@type': 'x' }, 'json');
  assert.equal(text, '{\n  "@type": "x",\n  "name": "n",\n  "alpha": [\n    {\n      "@type": "t",\n      "b": 1\n    }\n  ],\n  "zeta": 1\n}\n');
});

test('an object shared between two places is written identically in both', () => {
  const shared = { name: 'outbound|a|v1', connect_timeout: '1s' };
  const text = createSerializer('yaml')({ one: [shared], two: { deeper: [shared] } });
  assert.deepEqual(parse(text), { one: [shared], two: { deeper: [shared] } });
  assert.equal(text, `${YAML_HEADER}one:\n  - name: outbound|a|v1\n    connect_timeout: 1s\ntwo:\n  deeper:\n    - name: outbound|a|v1\n      connect_timeout: 1s\n`);
});
