import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, catalogMesh } from '../helpers.js';
import { credentialRateLimitKey } from '../../../src/validate/rules/credential-rate-limit-key.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(credentialRateLimitKey);

/** `catalog` without defaults: its fields from line 7 at column 5 (see catalogMesh). */
const mesh = (...fields: string[]) => catalogMesh(undefined, ...fields);
const limit = (by: string) => `rateLimit: { global: { requests: 10, per: second, by: [${by}] } }`;

test('authorization, proxy-authorization and cookie are refused as keys, in any case, at the header', () => {
  for (const header of ['authorization', 'Proxy-Authorization', 'COOKIE']) {
    const found = check(mesh(limit(`{ remoteAddress: true }, { header: ${header} }`)));
    assert.deepEqual(
      found.filter((f) => !f.startsWith('rate-limit-service-missing')),
      ['credential-rate-limit-key@mesh.yaml:7:95'],
      header,
    );
  }
});

test('on a route too', () => {
  const found = check(mesh('routes:', `  - { to: v1, ${limit('{ header: authorization }')} }`));
  assert.deepEqual(
    found.filter((f) => !f.startsWith('rate-limit-service-missing')),
    ['credential-rate-limit-key@mesh.yaml:8:84'],
  );
});

test('other headers and the client address are keys like any other', () => {
  const found = check(mesh(limit('{ header: x-api-key }, { header: x-user-id }, { remoteAddress: true }')));
  assert.deepEqual(
    found.filter((f) => !f.startsWith('rate-limit-service-missing')),
    [],
  );
});
