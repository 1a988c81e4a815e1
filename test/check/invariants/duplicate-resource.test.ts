import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, check, TYPE, URL } from '../helpers.js';

test('two route configurations of one name in an RDS response', () => {
  const route = { '@type': URL.route, name: 'r' };
  assert.deepEqual(check(TYPE.discovery, { resources: [route, { ...route }] }), ['duplicate-resource@resources[1].name']);
});

test('two static secrets of one name', () => {
  const b = bootstrap();
  const secret = { name: 's', generic_secret: { secret: { filename: '/etc/envoy/hmac' } } };
  b['static_resources']['secrets'] = [secret, { ...secret }];
  assert.deepEqual(check(TYPE.bootstrap, b), ['duplicate-resource@static_resources.secrets[1].name']);
});

test('inline route configurations are not resources', () => {
  assert.deepEqual(check(TYPE.bootstrap, bootstrap()), []);
});
