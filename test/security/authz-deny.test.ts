/**
 * Deny rules, through the emitted inbound listener as Envoy runs it (test/security/helpers.ts
 * `admit`: TLS, then the HTTP filters in their order, each RBAC filter evaluated as Envoy's
 * RBAC engine does): deny rules refuse first, whatever allow rules say; without an allow list
 * everything else gets through; health checks are never refused; dry-run refuses nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { admit, at, compileMesh, inboundRbac, spiffe, type Json } from './helpers.js';

const TD = 'bank.example';
const TELLER = spiffe(TD, 'teller');
const BACKOFFICE = spiffe(TD, 'backoffice');

function bank(authz: unknown, protocol = 'http'): string {
  const app = (port: number, ip: string, more: Json = {}) => ({ protocol, port, versions: { v1: { endpoints: [ip] } }, ...more });
  return stringify({
    apiVersion: 'meshc/v1',
    mesh: { name: 'bank', trustDomain: TD },
    services: {
      teller: app(8080, '10.40.0.10', { calls: ['accounts'] }),
      backoffice: app(8081, '10.40.3.10', { calls: ['accounts'] }),
      accounts: app(9000, '10.40.1.10', { ...(protocol === 'http' ? { healthCheck: { path: '/healthz' } } : {}), authz }),
    },
  });
}

test('a deny rule refuses what it matches before any allow rule lets it through', () => {
  const accounts = compileMesh(bank({ allow: [{ from: ['teller', 'backoffice'] }], deny: [{ name: 'no-admin-for-tellers', from: ['teller'], paths: ['/admin/*'] }] })).bootstrap(
    'accounts',
  );
  assert.equal(admit(accounts, { principal: TELLER, path: '/admin/users' }), 'forbidden');
  assert.equal(admit(accounts, { principal: TELLER, path: '/accounts/1' }), 'allowed');
  assert.equal(admit(accounts, { principal: BACKOFFICE, path: '/admin/users' }), 'allowed');
});

test('without allow rules, whatever no deny rule matches gets through', () => {
  const accounts = compileMesh(bank({ deny: [{ paths: ['/internal/*'] }] })).bootstrap('accounts');
  assert.equal(admit(accounts, { principal: TELLER, path: '/internal/debug' }), 'forbidden');
  assert.equal(admit(accounts, { principal: BACKOFFICE, path: '/accounts/1' }), 'allowed');
  assert.equal(inboundRbac(accounts).http, undefined, 'no allow filter: nothing is refused by default');
});

test('health checks are never refused, even by a deny rule that matches every request', () => {
  const accounts = compileMesh(bank({ deny: [{ from: ['*'] }] })).bootstrap('accounts');
  assert.equal(admit(accounts, { principal: TELLER, path: '/accounts/1' }), 'forbidden');
  assert.equal(admit(accounts, { principal: TELLER, path: '/healthz' }), 'allowed');
});

test('dry-run counts would-be denials of both filters under their own prefixes and refuses nothing', () => {
  const accounts = compileMesh(bank({ mode: 'dry-run', allow: [{ from: ['backoffice'] }], deny: [{ from: ['teller'] }] })).bootstrap('accounts');
  assert.equal(admit(accounts, { principal: TELLER, path: '/accounts/1' }), 'allowed');
  const rbac = inboundRbac(accounts);
  assert.deepEqual([at(rbac.httpDeny, 'shadow_rules_stat_prefix'), at(rbac.http, 'shadow_rules_stat_prefix')], ['dry_run_deny_', 'dry_run_']);
  assert.equal(at(rbac.httpDeny, 'rules'), undefined);
});

test('a tcp service refuses a denied caller\u2019s connection with network RBAC, before its allow rules', () => {
  const accounts = compileMesh(bank({ allow: [{ from: ['teller', 'backoffice'] }], deny: [{ from: ['teller'] }] }, 'tcp')).bootstrap('accounts');
  assert.equal(admit(accounts, { principal: TELLER }), 'refused');
  assert.equal(admit(accounts, { principal: BACKOFFICE }), 'allowed');
  assert.equal(at(inboundRbac(accounts).networkDeny, 'stat_prefix'), 'inbound|accounts|deny');
});
