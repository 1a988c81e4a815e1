/** issue and rotate on disk: generations, the atomic `current` swap, pruning, file modes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initCa, issueCerts, keyMatchesCertificate, rotateCerts, type MeshIdentity } from '../../src/certs/index.js';
import { openssl, SHOP, tempDir } from './helpers.js';
import type { ReaderReport } from './reader-child.js';

async function initShop(out: string, mesh: MeshIdentity = SHOP): Promise<void> {
  const init = await initCa({ out, trustDomain: mesh.trustDomain });
  assert.deepEqual(init.diagnostics, []);
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

/** Every file below `dir`, recursively, not following symlinks. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

test('issue writes gen-1 behind a relative current symlink for every service', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  const result = await issueCerts({ out, mesh: SHOP });
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    result.issued.map((c) => [c.service, c.generation, c.previous]),
    [
      ['cart', 'gen-1', undefined],
      ['catalog', 'gen-1', undefined],
      ['frontend', 'gen-1', undefined],
    ],
  );
  for (const service of SHOP.services) {
    const link = join(out, service, 'current');
    assert.ok(lstatSync(link).isSymbolicLink(), `${link} is a symlink`);
    assert.equal(readlinkSync(link), 'gen-1');
    assert.deepEqual(readdirSync(join(out, service, 'gen-1')).sort(), ['ca.pem', 'cert.pem', 'key.pem']);
    assert.equal(read(join(link, 'ca.pem')), read(join(out, '_ca', 'ca.pem')));
  }
});

test('rotate switches current to a new generation whose certificate differs and verifies', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  await issueCerts({ out, mesh: SHOP });
  const before = read(join(out, 'catalog', 'current', 'cert.pem'));
  const result = await rotateCerts({ out, mesh: SHOP });
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    result.issued.map((c) => [c.service, c.previous, c.generation]),
    [
      ['cart', 'gen-1', 'gen-2'],
      ['catalog', 'gen-1', 'gen-2'],
      ['frontend', 'gen-1', 'gen-2'],
    ],
  );
  const current = join(out, 'catalog', 'current');
  assert.equal(readlinkSync(current), 'gen-2');
  assert.notEqual(read(join(current, 'cert.pem')), before);
  assert.notEqual(read(join(current, 'key.pem')), read(join(out, 'catalog', 'gen-1', 'key.pem')));
  assert.equal(read(join(out, 'catalog', 'gen-1', 'cert.pem')), before, 'the previous generation is kept as it was');
  const verify = openssl(['verify', '-purpose', 'sslserver', '-CAfile', join(out, '_ca', 'ca.pem'), join(current, 'cert.pem')]);
  assert.ok(verify.ok, verify.output);
  assert.ok(keyMatchesCertificate(read(join(current, 'cert.pem')), read(join(current, 'key.pem'))));
});

test('rotate keeps the current and the previous generation and prunes older ones', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  const cart: MeshIdentity = { ...SHOP, services: ['cart'] };
  await issueCerts({ out, mesh: cart });
  const pruned: string[][] = [];
  for (let i = 0; i < 4; i++) pruned.push([...(await rotateCerts({ out, mesh: cart })).issued.flatMap((c) => c.pruned)]);
  assert.deepEqual(pruned, [[], ['gen-1'], ['gen-2'], ['gen-3']]);
  assert.deepEqual(readdirSync(join(out, 'cart')).sort(), ['current', 'gen-4', 'gen-5']);
  assert.equal(readlinkSync(join(out, 'cart', 'current')), 'gen-5');
});

test('pruning never removes the generation current named before, even beside a stray newer one', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  const cart: MeshIdentity = { ...SHOP, services: ['cart'] };
  await issueCerts({ out, mesh: cart });
  // What a run killed while writing leaves: a generation directory current never named.
  mkdirSync(join(out, 'cart', 'gen-5'));
  const result = await rotateCerts({ out, mesh: cart });
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    result.issued.map((c) => [c.generation, c.previous, c.pruned]),
    [['gen-6', 'gen-1', []]],
  );
  assert.deepEqual(readdirSync(join(out, 'cart')).sort(), ['current', 'gen-1', 'gen-5', 'gen-6']);
  // The stray one goes with the next rotation, once it is older than the previous generation.
  const next = await rotateCerts({ out, mesh: cart });
  assert.deepEqual(
    next.issued.map((c) => [c.generation, c.previous, c.pruned]),
    [['gen-7', 'gen-6', ['gen-1', 'gen-5']]],
  );
});

test('rotate --service rotates only the named services', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  await issueCerts({ out, mesh: SHOP });
  const result = await rotateCerts({ out, mesh: SHOP, services: ['catalog'] });
  assert.deepEqual(
    result.issued.map((c) => c.service),
    ['catalog'],
  );
  assert.equal(readlinkSync(join(out, 'catalog', 'current')), 'gen-2');
  assert.equal(readlinkSync(join(out, 'cart', 'current')), 'gen-1');
});

test('issue keeps valid certificates and replaces missing or broken ones', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  await issueCerts({ out, mesh: SHOP, services: ['cart', 'catalog'] });
  rmSync(join(out, 'catalog', 'gen-1', 'key.pem'));
  const result = await issueCerts({ out, mesh: SHOP });
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    result.kept.map((c) => [c.name, c.generation]),
    [['cart', 'gen-1']],
  );
  assert.deepEqual(
    result.issued.map((c) => [c.service, c.generation]),
    [
      ['catalog', 'gen-2'],
      ['frontend', 'gen-1'],
    ],
  );
});

test('key files are created 0600, the CA directory 0700, certificates 0644', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  await issueCerts({ out, mesh: SHOP });
  await rotateCerts({ out, mesh: SHOP });
  assert.equal(mode(join(out, '_ca')), 0o700);
  assert.equal(mode(join(out, '_ca', 'ca.key.pem')), 0o600);
  assert.equal(mode(join(out, '_ca', 'ca.pem')), 0o644);
  for (const service of SHOP.services) {
    for (const gen of ['gen-1', 'gen-2']) {
      assert.equal(mode(join(out, service, gen, 'key.pem')), 0o600, `${service}/${gen}/key.pem`);
      assert.equal(mode(join(out, service, gen, 'cert.pem')), 0o644);
      assert.equal(mode(join(out, service, gen, 'ca.pem')), 0o644);
    }
  }
});

test('the CA key is never written into a service directory', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  await issueCerts({ out, mesh: SHOP });
  await rotateCerts({ out, mesh: SHOP });
  await rotateCerts({ out, mesh: SHOP });
  const caKey = read(join(out, '_ca', 'ca.key.pem')).trim();
  const caKeyBody = caKey.split('\n').slice(1, -1).join('');
  const serviceFiles = SHOP.services.flatMap((service) => filesUnder(join(out, service)));
  assert.equal(serviceFiles.length, SHOP.services.length * 2 * 3);
  for (const file of serviceFiles) {
    const text = read(file);
    assert.ok(!text.replace(/\n/g, '').includes(caKeyBody), `${file} contains the CA key`);
    if (!file.endsWith('/key.pem')) assert.ok(!text.includes('PRIVATE KEY'), `${file} contains a private key`);
  }
});

test('a leftover current.tmp from an interrupted run does not stop rotation', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  const cart: MeshIdentity = { ...SHOP, services: ['cart'] };
  await issueCerts({ out, mesh: cart });
  symlinkSync('gen-9', join(out, 'cart', 'current.tmp'));
  const result = await rotateCerts({ out, mesh: cart });
  assert.deepEqual(result.diagnostics, []);
  assert.equal(readlinkSync(join(out, 'cart', 'current')), 'gen-2');
  assert.deepEqual(readdirSync(join(out, 'cart')).sort(), ['current', 'gen-1', 'gen-2']);
});

test('a current that is not a symlink is a cert-write-failed diagnostic, not a crash', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  mkdirSync(join(out, 'cart', 'current'), { recursive: true });
  writeFileSync(join(out, 'cart', 'current', 'cert.pem'), 'copied by hand');
  const result = await rotateCerts({ out, mesh: { ...SHOP, services: ['cart'] } });
  assert.deepEqual(
    result.diagnostics.map((d) => d.name),
    ['cert-write-failed'],
  );
  assert.match(result.diagnostics[0]?.message ?? '', /the certificates of cart/);
  assert.equal(read(join(out, 'cart', 'current', 'cert.pem')), 'copied by hand');
  // The generation written for the failed switch is removed, not left for pruning to count.
  assert.deepEqual(readdirSync(join(out, 'cart')).sort(), ['current']);
});

// ── A reader racing the writer ──────────────────────────────────────────────────────────────

const READER = join(fileURLToPath(new URL('.', import.meta.url)), 'reader-child.js');
const ROTATIONS = 100;

/** Starts the reader process and resolves once it is reading. */
function startReader(serviceDir: string, stopFile: string): { ready: Promise<void>; report: Promise<ReaderReport> } {
  const child = spawn(process.execPath, [READER, serviceDir, stopFile], {
    env: { ...process.env, MESHC_CERT_READER: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
    if (output.startsWith('ready\n')) signalReady();
  });
  const report = new Promise<ReaderReport>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`reader exited with ${code}`));
      resolve(JSON.parse(output.slice('ready\n'.length)) as ReaderReport);
    });
  });
  return { ready, report };
}

test('a concurrent reader never sees a cert and key that do not match, nor a missing current', async (t) => {
  const out = tempDir(t);
  await initShop(out);
  const cart: MeshIdentity = { ...SHOP, services: ['cart'] };
  await issueCerts({ out, mesh: cart });
  const stopFile = join(out, 'stop');
  const reader = startReader(join(out, 'cart'), stopFile);
  await reader.ready;
  for (let i = 0; i < ROTATIONS; i++) {
    const result = await rotateCerts({ out, mesh: cart });
    assert.deepEqual(result.diagnostics, []);
  }
  writeFileSync(stopFile, '');
  const report = await reader.report;
  t.diagnostic(`reader: ${JSON.stringify({ ...report, generations: report.generations.length })}`);
  assert.equal(report.mismatches, 0, 'mismatched cert/key pairs');
  assert.equal(report.currentMissing, 0, 'instants without a current link');
  assert.ok(report.reads > 100, `only ${report.reads} reads`);
  assert.ok(report.generations.length >= 5, `the reader saw only ${report.generations.join(', ')}: no real race`);
  assert.equal(readlinkSync(join(out, 'cart', 'current')), `gen-${ROTATIONS + 1}`);
});
