/**
 * The mesh-wide default authz (defaults.authz), through the emitted inbound listeners as Envoy
 * runs them (`admit`): every service without authz of its own applies it, a service's own authz
 * replaces it as a whole, and on a tcp service its HTTP conditions fail closed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { admit, at, compileMesh, inboundRbac, spiffe } from './helpers.js';
import { repoPath } from '../helpers/paths.js';

const TD = 'shop.example';
const WEB = spiffe(TD, 'web');
const ORDERS = spiffe(TD, 'orders');
const mesh = compileMesh(readFileSync(repoPath('golden', 'authz-mesh-default', 'input', 'mesh.yaml'), 'utf8'));

test('a service without authz of its own applies the default: its allow and deny rules', () => {
  const orders = mesh.bootstrap('orders');
  assert.equal(admit(orders, { principal: WEB, path: '/metrics' }), 'allowed');
  assert.equal(admit(orders, { principal: WEB, path: '/orders/1' }), 'forbidden', 'the default allows nothing else');
  assert.equal(admit(orders, { principal: WEB, path: '/debug/pprof' }), 'forbidden');
  assert.deepEqual(Object.keys(at(inboundRbac(orders).http, 'rules.policies') as object), ['metrics']);
});

test('a service\u2019s own authz replaces the default as a whole', () => {
  const catalog = mesh.bootstrap('catalog');
  assert.equal(admit(catalog, { principal: WEB, path: '/debug/pprof' }), 'allowed', 'the default deny rule is not added');
  assert.equal(admit(catalog, { principal: ORDERS, path: '/metrics' }), 'forbidden', 'nor its allow rule');
});

test('on a tcp service the default fails closed: an allow rule asking for a path admits no one, a deny rule asking for one refuses everyone', () => {
  const db = mesh.bootstrap('db');
  assert.equal(admit(db, { principal: ORDERS }), 'refused');
  const rbac = inboundRbac(db);
  assert.deepEqual(at(rbac.network, 'rules.policies'), {}, 'the path rule is left out of the allow list');
  assert.deepEqual(Object.keys(at(rbac.networkDeny, 'rules.policies') as object), ['no-debug']);
});
