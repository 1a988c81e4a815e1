import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check as checkAll } from '../helpers.js';

/** Providers here have no audiences, which jwt-without-audience warns about; these cases are about other things. */
const check = (text: Parameters<typeof checkAll>[0]): string[] => checkAll(text).filter((d) => !d.startsWith('jwt-without-audience@'));

const JWT = `jwt: { providers: { idp: { issuer: idp, jwks: '{"keys":[]}' } } }`;

/**
 * `vault` speaking `protocol`, with `more` on line 7 and its authz rules from line 9 (each rule a
 * flow map on its own line, at column 9). mTLS is on for vault so authz-requires-mtls stays quiet.
 */
const vault = (rules: string[], protocol = 'http', more = '') => `
  apiVersion: meshc/v1
  services:
    vault:
      protocol: ${protocol}
      port: 8200
      mtls: strict
      ${more}
      versions: { v1: { endpoints: [10.0.0.1] } }
      authz:
${rules.map((r) => `        - ${r}`).join('\n')}
    teller: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.2] } } }
`;

test('rules that some request can meet are fine', () => {
  assert.deepEqual(check(vault(['{ from: [teller], methods: [GET], paths: [/a/*], headers: { x-a: "1" } }', '{ from: ["*"] }', '{ paths: ["*"] }', '{ name: anyone }'])), []);
});

test('an empty from, methods or paths list is reported at its key', () => {
  assert.deepEqual(check(vault(['{ from: [], paths: [/a] }'])), ['authz-rule-matches-nothing@mesh.yaml:10:11']);
  assert.deepEqual(check(vault(['{ from: [teller], methods: [] }'])), ['authz-rule-matches-nothing@mesh.yaml:10:27']);
  assert.deepEqual(check(vault(['{ paths: [], from: [teller] }'])), ['authz-rule-matches-nothing@mesh.yaml:10:11']);
});

test('each empty list of a rule, and each rule, is reported', () => {
  assert.deepEqual(check(vault(['{ from: [], methods: [], paths: [] }'])), [
    'authz-rule-matches-nothing@mesh.yaml:10:11',
    'authz-rule-matches-nothing@mesh.yaml:10:21',
    'authz-rule-matches-nothing@mesh.yaml:10:34',
  ]);
  assert.deepEqual(check(vault(['{ from: [teller] }', '{ from: [] }', '{ paths: [] }'])), [
    'authz-rule-matches-nothing@mesh.yaml:11:11',
    'authz-rule-matches-nothing@mesh.yaml:12:11',
  ]);
});

test('on a gRPC service, methods without POST never match; with POST they may', () => {
  assert.deepEqual(check(vault(['{ from: [teller], methods: [GET, PUT] }'], 'grpc')), ['authz-rule-matches-nothing@mesh.yaml:10:27']);
  assert.deepEqual(check(vault(['{ from: [teller], methods: [GET, POST] }'], 'grpc')), []);
  assert.deepEqual(check(vault(['{ from: [teller], methods: [POST] }'], 'grpc')), []);
});

test('an empty methods list on gRPC is reported once, as empty', () => {
  assert.deepEqual(check(vault(['{ from: [teller], methods: [] }'], 'grpc')), ['authz-rule-matches-nothing@mesh.yaml:10:27']);
});

test('methods other than POST are fine on http2 and http', () => {
  assert.deepEqual(check(vault(['{ methods: [GET] }'], 'http2')), []);
  assert.deepEqual(check(vault(['{ methods: [GET] }'], 'http')), []);
});

test('claims on a service without jwt are reported at the claims key; with jwt they are fine', () => {
  assert.deepEqual(check(vault(['{ from: [teller], claims: { role: admin } }'])), ['authz-rule-matches-nothing@mesh.yaml:10:27']);
  assert.deepEqual(check(vault(['{ from: [teller], claims: { role: admin } }'], 'http', JWT)), []);
});

test('rules in the object form are checked too, dry-run or not', () => {
  const objectForm = (mode: string) => `
    apiVersion: meshc/v1
    services:
      vault:
        protocol: grpc
        port: 8200
        mtls: strict
        versions: { v1: { endpoints: [10.0.0.1] } }
        authz:
          mode: ${mode}
          allow:
            - { from: [] }
            - { methods: [GET] }
  `;
  for (const mode of ['enforce', 'dry-run']) {
    assert.deepEqual(check(objectForm(mode)), ['authz-rule-matches-nothing@mesh.yaml:11:13', 'authz-rule-matches-nothing@mesh.yaml:12:13'], mode);
  }
});

test('an empty claims map with jwt matches any token and is fine; without jwt it requires nothing either', () => {
  assert.deepEqual(check(vault(['{ from: [teller], claims: {} }'], 'http', JWT)), []);
  assert.deepEqual(check(vault(['{ from: [teller], claims: {} }'])), []);
});
