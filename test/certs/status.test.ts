/** certStatus on real trees: every finding status reports, and the JSON document's shape. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  certStatus,
  createCa,
  initCa,
  issueCerts,
  issueLeaf,
  rotateCerts,
  statusDiagnostics,
  statusOk,
  statusToJson,
  type MeshIdentity,
  type PemPair,
  type StatusReport,
} from '../../src/certs/index.js';
import { switchCurrent, writeGeneration } from '../../src/certs/store.js';
import { SHOP, tempDir } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function issuedShop(out: string, ttlMs?: number): Promise<void> {
  assert.deepEqual((await initCa({ out, trustDomain: SHOP.trustDomain })).diagnostics, []);
  const issued = await issueCerts({ out, mesh: SHOP, ...(ttlMs !== undefined ? { ttlMs } : {}) });
  assert.deepEqual(issued.diagnostics, []);
}

/** `[row, state, diagnostic names]` for every row, CA first. */
function summary(report: StatusReport): [string, string, string[]][] {
  return [report.ca, ...report.services].map((c) => [c.name, c.state, c.diagnostics.map((d) => d.name)]);
}

/** Puts a hand-made certificate set in place as the service's next generation. */
function install(out: string, service: string, leaf: PemPair, bundlePem: string): void {
  switchCurrent(out, service, writeGeneration(out, service, leaf, bundlePem));
}

async function foreignLeaf(trustDomain: string, service: string): Promise<{ ca: PemPair; leaf: PemPair }> {
  const now = new Date();
  const ca = await createCa({ trustDomain, ttlMs: DAY * 10, now });
  return { ca, leaf: await issueLeaf(ca, { trustDomain, service, ttlMs: DAY, now }) };
}

test('a freshly issued mesh is ok: CA and every service, with remaining times', async (t) => {
  const out = tempDir(t);
  await issuedShop(out);
  const now = new Date();
  const report = certStatus({ out, mesh: SHOP, now });
  assert.deepEqual(summary(report), [
    ['_ca', 'ok', []],
    ['cart', 'ok', []],
    ['catalog', 'ok', []],
    ['frontend', 'ok', []],
  ]);
  assert.ok(statusOk(report));
  const cart = report.services[0];
  assert.equal(cart?.generation, 'gen-1');
  assert.deepEqual(cart?.cert?.uris, ['spiffe://shop.example/svc/cart']);
  assert.ok(Math.abs((cart?.remainingMs ?? 0) - DAY) < 60_000);
});

test('a leaf expiring within the threshold is cert-expiring, and passes a smaller threshold', async (t) => {
  const out = tempDir(t);
  await issuedShop(out, HOUR);
  const relaxed = certStatus({ out, mesh: SHOP, thresholdMs: 30 * 60_000 });
  assert.ok(statusOk(relaxed), JSON.stringify(statusDiagnostics(relaxed)));
  const strict = certStatus({ out, mesh: SHOP, thresholdMs: 6 * HOUR });
  assert.equal(statusOk(strict), false);
  assert.deepEqual(
    summary(strict)
      .slice(1)
      .map(([, state, names]) => [state, names]),
    [
      ['expiring', ['cert-expiring']],
      ['expiring', ['cert-expiring']],
      ['expiring', ['cert-expiring']],
    ],
  );
  assert.match(statusDiagnostics(strict)[0]?.message ?? '', /^the certificate of cart expires in 5\dm \d+s, at .*Z \(threshold 6h\)$/);
});

test('an expired leaf, an expired CA and a not-yet-valid leaf are reported as such', async (t) => {
  const out = tempDir(t);
  await issuedShop(out);
  const later = certStatus({ out, mesh: SHOP, now: new Date(Date.now() + 2 * DAY) });
  assert.deepEqual(
    summary(later).map(([name, state]) => [name, state]),
    [
      ['_ca', 'ok'],
      ['cart', 'expired'],
      ['catalog', 'expired'],
      ['frontend', 'expired'],
    ],
  );
  const muchLater = certStatus({ out, mesh: SHOP, now: new Date(Date.now() + 3651 * DAY) });
  assert.deepEqual(summary(muchLater)[0], ['_ca', 'expired', ['cert-expired']]);
  const earlier = certStatus({ out, mesh: SHOP, now: new Date(Date.now() - HOUR) });
  assert.deepEqual(summary(earlier)[1], ['cart', 'not-yet-valid', ['cert-not-yet-valid']]);
});

test('the CA close to its end is flagged by --ca-threshold, not by the leaf threshold', async (t) => {
  const out = tempDir(t);
  assert.deepEqual((await initCa({ out, trustDomain: SHOP.trustDomain, ttlMs: 10 * DAY })).diagnostics, []);
  await issueCerts({ out, mesh: SHOP });
  const report = certStatus({ out, mesh: SHOP });
  assert.deepEqual(summary(report)[0], ['_ca', 'expiring', ['cert-expiring']]);
  assert.ok(statusOk(certStatus({ out, mesh: SHOP, caThresholdMs: 5 * DAY })));
});

test('services without certificates are missing; no CA at all is ca-not-found', async (t) => {
  const out = tempDir(t);
  const empty = certStatus({ out, mesh: SHOP });
  assert.deepEqual(summary(empty), [
    ['_ca', 'missing', ['ca-not-found']],
    ['cart', 'missing', ['cert-missing']],
    ['catalog', 'missing', ['cert-missing']],
    ['frontend', 'missing', ['cert-missing']],
  ]);
  assert.deepEqual((await initCa({ out, trustDomain: SHOP.trustDomain })).diagnostics, []);
  await issueCerts({ out, mesh: SHOP, services: ['catalog'] });
  rmSync(join(out, 'catalog', 'gen-1', 'ca.pem'));
  assert.deepEqual(summary(certStatus({ out, mesh: SHOP })), [
    ['_ca', 'ok', []],
    ['cart', 'missing', ['cert-missing']],
    ['catalog', 'missing', ['cert-missing']],
    ['frontend', 'missing', ['cert-missing']],
  ]);
});

test('a key from another generation is key-mismatch', async (t) => {
  const out = tempDir(t);
  await issuedShop(out);
  await rotateCerts({ out, mesh: SHOP, services: ['cart'] });
  copyFileSync(join(out, 'cart', 'gen-1', 'key.pem'), join(out, 'cart', 'gen-2', 'key.pem'));
  assert.deepEqual(summary(certStatus({ out, mesh: SHOP }))[1], ['cart', 'invalid', ['key-mismatch']]);
});

test('a leaf from another CA is cert-not-signed-by-ca; a bundle without the mesh CA is ca-bundle-mismatch', async (t) => {
  const out = tempDir(t);
  await issuedShop(out);
  const meshCa = readFileSync(join(out, '_ca', 'ca.pem'), 'utf8');
  const other = await foreignLeaf(SHOP.trustDomain, 'cart');
  install(out, 'cart', other.leaf, meshCa);
  const ours = await foreignLeaf(SHOP.trustDomain, 'catalog');
  install(out, 'catalog', ours.leaf, ours.ca.certPem);
  const report = certStatus({ out, mesh: SHOP });
  assert.deepEqual(summary(report).slice(1, 3), [
    ['cart', 'invalid', ['cert-not-signed-by-ca']],
    ['catalog', 'invalid', ['cert-not-signed-by-ca', 'ca-bundle-mismatch']],
  ]);
});

test('a certificate for another service or trust domain is spiffe-id-mismatch', async (t) => {
  const out = tempDir(t);
  await issuedShop(out);
  const meshCa = readFileSync(join(out, '_ca', 'ca.pem'), 'utf8');
  const caPair = { certPem: meshCa, keyPem: readFileSync(join(out, '_ca', 'ca.key.pem'), 'utf8') };
  const now = new Date();
  install(out, 'cart', await issueLeaf(caPair, { trustDomain: SHOP.trustDomain, service: 'catalog', ttlMs: DAY, now }), meshCa);
  install(out, 'catalog', await issueLeaf(caPair, { trustDomain: 'other.example', service: 'catalog', ttlMs: DAY, now }), meshCa);
  const report = certStatus({ out, mesh: SHOP });
  assert.deepEqual(summary(report).slice(1, 3), [
    ['cart', 'invalid', ['spiffe-id-mismatch']],
    ['catalog', 'invalid', ['spiffe-id-mismatch']],
  ]);
  assert.equal(
    report.services[0]?.diagnostics[0]?.message,
    `${join(out, 'cart', 'gen-2', 'cert.pem')} carries URI SAN spiffe://shop.example/svc/catalog, expected exactly spiffe://shop.example/svc/cart`,
  );
});

test('garbage in a certificate file is cert-unreadable, not a crash', async (t) => {
  const out = tempDir(t);
  await issuedShop(out);
  install(out, 'cart', { certPem: 'not a certificate\n', keyPem: 'not a key\n' }, 'nor a bundle\n');
  assert.deepEqual(summary(certStatus({ out, mesh: SHOP }))[1], ['cart', 'invalid', ['cert-unreadable']]);
});

test('a CA for another trust domain is ca-trust-domain-mismatch, and issuing under it is refused', async (t) => {
  const out = tempDir(t);
  assert.deepEqual((await initCa({ out, trustDomain: 'other.example' })).diagnostics, []);
  const report = certStatus({ out, mesh: SHOP });
  assert.deepEqual(summary(report)[0], ['_ca', 'invalid', ['ca-trust-domain-mismatch']]);
  const issue = await issueCerts({ out, mesh: SHOP });
  assert.deepEqual(
    issue.diagnostics.map((d) => d.name),
    ['ca-trust-domain-mismatch'],
  );
  assert.deepEqual(issue.issued, []);
});

test("a CA key that is not the CA certificate's is ca-invalid", async (t) => {
  const out = tempDir(t);
  await issuedShop(out);
  const other = await createCa({ trustDomain: SHOP.trustDomain, ttlMs: DAY, now: new Date() });
  writeFileSync(join(out, '_ca', 'ca.key.pem'), other.keyPem);
  const report = certStatus({ out, mesh: SHOP });
  assert.deepEqual(summary(report)[0], ['_ca', 'invalid', ['ca-invalid']]);
  // Leaves are not checked against a CA that cannot be trusted; they stay as they are.
  assert.deepEqual(summary(report)[1], ['cart', 'ok', []]);
});

test('a key file readable by others is a warning that does not fail status', async (t) => {
  const out = tempDir(t);
  await issuedShop(out);
  chmodSync(join(out, 'cart', 'gen-1', 'key.pem'), 0o644);
  chmodSync(join(out, '_ca', 'ca.key.pem'), 0o640);
  const report = certStatus({ out, mesh: SHOP });
  assert.deepEqual(
    statusDiagnostics(report).map((d) => [d.name, d.severity]),
    [
      ['key-file-too-open', 'warning'],
      ['key-file-too-open', 'warning'],
    ],
  );
  assert.ok(statusOk(report));
});

test('the JSON document has a fixed shape, with nulls where a certificate is missing', async (t) => {
  const out = tempDir(t);
  assert.deepEqual((await initCa({ out, trustDomain: SHOP.trustDomain })).diagnostics, []);
  const mesh: MeshIdentity = SHOP;
  await issueCerts({ out, mesh, services: ['cart'] });
  const now = new Date();
  const json = statusToJson(certStatus({ out, mesh, now }));
  const roundTripped = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(roundTripped), ['ok', 'trustDomain', 'out', 'checkedAt', 'thresholdSeconds', 'caThresholdSeconds', 'ca', 'services']);
  assert.equal(json.ok, false);
  assert.equal(json.checkedAt, now.toISOString());
  assert.equal(json.thresholdSeconds, 6 * 3600);
  assert.equal(json.caThresholdSeconds, 30 * 86_400);
  const rowKeys = ['kind', 'name', 'state', 'expectedSpiffeId', 'spiffeIds', 'certPath', 'generation', 'serialNumber', 'notBefore', 'notAfter', 'remainingSeconds', 'diagnostics'];
  for (const row of [json.ca, ...json.services]) assert.deepEqual(Object.keys(row), rowKeys);
  const [cart, catalog] = json.services;
  assert.equal(cart?.state, 'ok');
  assert.deepEqual(cart?.spiffeIds, ['spiffe://shop.example/svc/cart']);
  assert.equal(cart?.generation, 'gen-1');
  assert.match(cart?.serialNumber ?? '', /^[0-9a-f]{30,34}$/);
  assert.ok(Math.abs((cart?.remainingSeconds ?? 0) - 86_400) < 60);
  assert.deepEqual(catalog, {
    kind: 'service',
    name: 'catalog',
    state: 'missing',
    expectedSpiffeId: 'spiffe://shop.example/svc/catalog',
    spiffeIds: null,
    certPath: join(out, 'catalog', 'current', 'cert.pem'),
    generation: null,
    serialNumber: null,
    notBefore: null,
    notAfter: null,
    remainingSeconds: null,
    diagnostics: catalog?.diagnostics,
  });
  assert.deepEqual(
    catalog?.diagnostics.map((d) => [d.code, d.name, d.severity]),
    [['MC5510', 'cert-missing', 'error']],
  );
  assert.deepEqual([json.ca.kind, json.ca.name, json.ca.expectedSpiffeId], ['ca', '_ca', 'spiffe://shop.example']);
});

test('issuing under an expired CA is refused with cert-expired alone', async (t) => {
  const out = tempDir(t);
  const past = new Date(Date.now() - 3 * DAY);
  assert.deepEqual((await initCa({ out, trustDomain: SHOP.trustDomain, ttlMs: DAY, now: past })).diagnostics, []);
  const issue = await issueCerts({ out, mesh: SHOP });
  assert.deepEqual(
    issue.diagnostics.map((d) => d.name),
    ['cert-expired'],
  );
  assert.match(issue.diagnostics[0]?.message ?? '', /^the mesh CA expired (2d|1d 23h) ago, at /);
  assert.deepEqual(issue.issued, []);
});

test('a service named like the CA row is still a service', async (t) => {
  const out = tempDir(t);
  const mesh: MeshIdentity = { trustDomain: SHOP.trustDomain, services: ['ca'] };
  assert.deepEqual((await initCa({ out, trustDomain: mesh.trustDomain })).diagnostics, []);
  await issueCerts({ out, mesh, ttlMs: HOUR });
  const report = certStatus({ out, mesh });
  assert.deepEqual(summary(report), [
    ['_ca', 'ok', []],
    ['ca', 'expiring', ['cert-expiring']],
  ]);
  assert.match(statusDiagnostics(report)[0]?.message ?? '', /^the certificate of ca expires in /);
  assert.equal(readFileSync(join(out, 'ca', 'current', 'cert.pem'), 'utf8').length > 0, true);
});
