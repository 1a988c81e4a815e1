/**
 * The negated and network conditions of authz rules (notFrom, notMethods, notPaths, sourceIps,
 * notSourceIps), through the emitted inbound listener as Envoy runs it (`admit`, whose RBAC
 * evaluator matches direct_remote_ip against the connection's peer, never X-Forwarded-For).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { admit, compileMesh, spiffe, type Json } from './helpers.js';
import { checkRule } from '../validate/helpers.js';
import { invalidSourceIp } from '../../src/validate/rules/invalid-source-ip.js';

const TD = 'shop.example';
const WEB = spiffe(TD, 'web');
const ADMIN = spiffe(TD, 'admin');

function catalog(authz: unknown, more: Json = {}): Json {
  return compileMesh(
    stringify({
      apiVersion: 'meshc/v1',
      mesh: { name: 'shop', trustDomain: TD, mtls: 'permissive' },
      services: {
        web: { protocol: 'http', port: 8080, versions: { v1: { endpoints: ['10.40.0.10'] } }, calls: ['catalog'] },
        admin: { protocol: 'http', port: 8081, versions: { v1: { endpoints: ['10.40.0.11'] } }, calls: ['catalog'] },
        catalog: { protocol: 'http', port: 9000, versions: { v1: { endpoints: ['10.40.1.10'] } }, authz, ...more },
      },
    }),
  ).bootstrap('catalog');
}

test('sourceIps admits clients without a certificate by the address they connect from, never by a header they write', () => {
  const bootstrap = catalog([{ paths: ['/public/*'], sourceIps: ['10.9.0.0/16', '192.0.2.7'] }]);
  assert.equal(admit(bootstrap, { peer: '10.9.3.4', path: '/public/x' }), 'allowed');
  assert.equal(admit(bootstrap, { peer: '192.0.2.7', path: '/public/x' }), 'allowed');
  assert.equal(admit(bootstrap, { peer: '192.0.2.8', path: '/public/x' }), 'forbidden');
  assert.equal(admit(bootstrap, { peer: '10.8.0.1', path: '/public/x', headers: { 'x-forwarded-for': '10.9.3.4' } }), 'forbidden');
  assert.equal(admit(bootstrap, { peer: '10.9.3.4', path: '/private' }), 'forbidden');
});

test('notSourceIps and notFrom match everyone else', () => {
  const bootstrap = catalog({
    deny: [
      { notFrom: ['admin'], paths: ['/admin/*'] },
      { notSourceIps: ['10.0.0.0/8'], paths: ['/internal/*'] },
    ],
  });
  assert.equal(admit(bootstrap, { principal: WEB, path: '/admin/users' }), 'forbidden');
  assert.equal(admit(bootstrap, { principal: ADMIN, path: '/admin/users' }), 'allowed');
  assert.equal(admit(bootstrap, { peer: '192.0.2.1', path: '/internal/x' }), 'forbidden');
  assert.equal(admit(bootstrap, { peer: '10.1.2.3', path: '/internal/x' }), 'allowed');
});

test('notMethods and notPaths narrow an allow rule', () => {
  const bootstrap = catalog([{ from: ['web'], notMethods: ['DELETE'], notPaths: ['/admin/*'] }]);
  assert.equal(admit(bootstrap, { principal: WEB, method: 'GET', path: '/items/1' }), 'allowed');
  assert.equal(admit(bootstrap, { principal: WEB, method: 'DELETE', path: '/items/1' }), 'forbidden');
  assert.equal(admit(bootstrap, { principal: WEB, method: 'GET', path: '/admin/x' }), 'forbidden');
});

test('a source that is not an address or CIDR range is refused at the entry', () => {
  const check = checkRule(invalidSourceIp);
  const mesh = (sources: string) =>
    ['apiVersion: meshc/v1', 'services:', `  catalog: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, authz: [{ sourceIps: ${sources} }] }`].join('\n');
  assert.deepEqual(check(mesh('[10.0.0.0/8, "2001:db8::/32", 192.0.2.1]')), []);
  assert.deepEqual(check(mesh('[10.0.0.0/33, gateway.internal, "10.0.0.0/8/1", 10.0.0.0/x]')), [
    'invalid-source-ip@mesh.yaml:3:109',
    'invalid-source-ip@mesh.yaml:3:122',
    'invalid-source-ip@mesh.yaml:3:140',
    'invalid-source-ip@mesh.yaml:3:156',
  ]);
});
