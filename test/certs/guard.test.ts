/**
 * Every `meshc certs` command refuses a certificate tree another user could have rearranged
 * (src/certs/guard.ts): symbolic links where meshc expects its own directories and files, a
 * `current` pointing outside its service directory, group- or other-writable entries, entries
 * owned by another uid. Refused means exit 1 with the code and the path, and nothing touched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { certStatus, initCa, issueCerts, rotateCerts, type MeshIdentity } from '../../src/certs/index.js';
import { runCerts, SHOP, SHOP_MESH, tempDir, type CliRun } from './helpers.js';

const FLAGS = ['--mesh', SHOP_MESH, '--out', 'certs'];

function ok(run: CliRun): CliRun {
  assert.equal(run.status, 0, `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return run;
}

/** Exit 1 and exactly `line` (code, name and message, which names the path) on stderr. */
function refused(run: CliRun, line: string, hint?: string): CliRun {
  assert.equal(run.status, 1, `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  const lines = run.stderr.split('\n');
  assert.ok(lines.includes(line), `expected the line\n${line}\nin stderr:\n${run.stderr}`);
  if (hint !== undefined) assert.ok(lines.includes(`  hint: ${hint}`), `expected hint ${hint} in:\n${run.stderr}`);
  return run;
}

/** Path → file text or link target of everything below `dir`, links not followed. */
function snapshot(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = join(rel, name);
      const stats = lstatSync(join(dir, path));
      if (stats.isSymbolicLink()) found[path] = `-> ${readlinkSync(join(dir, path))}`;
      else if (stats.isDirectory()) walk(path);
      else found[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return found;
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

/** Runs `fn` with the process umask (inherited by the spawned CLI) set to `mask`. */
function withUmask<T>(mask: number, fn: () => T): T {
  const previous = process.umask(mask);
  try {
    return fn();
  } finally {
    process.umask(previous);
  }
}

test('a symlinked _ca is refused by init, init --force, issue, rotate and status; its target is untouched', (t) => {
  const cwd = tempDir(t);
  ok(runCerts(cwd, ['init', '--mesh', SHOP_MESH, '--out', 'planted']));
  const planted = join(cwd, 'planted');
  mkdirSync(join(cwd, 'certs'));
  symlinkSync(join(planted, '_ca'), join(cwd, 'certs', '_ca'));
  const before = snapshot(planted);
  const line = `error MC5530 cert-path-symlink: certs/_ca is a symbolic link to ${planted}/_ca; meshc does not follow links in the certificate tree`;
  const hint = 'remove the link (rm certs/_ca) and put the real directory or file there, or let meshc create it';
  for (const command of [['init'], ['init', '--force'], ['issue'], ['rotate'], ['status']]) {
    refused(runCerts(cwd, [...command, ...FLAGS]), line, hint);
  }
  assert.deepEqual(snapshot(planted), before);
  assert.deepEqual(readdirSync(join(cwd, 'certs')), ['_ca'], 'no service was issued');
});

test('a symlinked service directory is refused by issue, rotate and status; its target is untouched', (t) => {
  const cwd = tempDir(t);
  ok(runCerts(cwd, ['init', ...FLAGS]));
  ok(runCerts(cwd, ['issue', ...FLAGS]));
  const elsewhere = join(cwd, 'elsewhere');
  mkdirSync(elsewhere);
  renameSync(join(cwd, 'certs', 'cart'), join(elsewhere, 'cart'));
  symlinkSync(join(elsewhere, 'cart'), join(cwd, 'certs', 'cart'));
  const before = snapshot(elsewhere);
  const line = `error MC5530 cert-path-symlink: certs/cart is a symbolic link to ${elsewhere}/cart; meshc does not follow links in the certificate tree`;
  refused(runCerts(cwd, ['issue', ...FLAGS]), line);
  refused(runCerts(cwd, ['rotate', ...FLAGS]), line);
  const status = refused(runCerts(cwd, ['status', ...FLAGS]), line);
  assert.match(status.stdout, /^cart +invalid +- +- +- +spiffe:\/\/shop\.example\/svc\/cart$/m);
  assert.match(status.stdout, /^catalog +ok /m, 'the other services are still checked');
  assert.deepEqual(snapshot(elsewhere), before);
  assert.equal(readlinkSync(join(cwd, 'certs', 'catalog', 'current')), 'gen-1', 'rotate issued nothing');
});

test('a current link to an absolute path or through .. is refused by issue, rotate and status', (t) => {
  const cwd = tempDir(t);
  ok(runCerts(cwd, ['init', ...FLAGS]));
  ok(runCerts(cwd, ['issue', ...FLAGS]));
  const planted = join(cwd, 'planted', 'gen-1');
  cpSync(join(cwd, 'certs', 'cart', 'gen-1'), planted, { recursive: true });
  const current = join(cwd, 'certs', 'cart', 'current');
  rmSync(current);
  symlinkSync(planted, current);
  const before = snapshot(join(cwd, 'planted'));
  const line = `error MC5530 cert-path-symlink: certs/cart/current points at ${planted}, not at a generation (gen-<n>) in certs/cart`;
  const hint = 'remove it (rm certs/cart/current) and run `meshc certs rotate --service cart` to point it at a new generation';
  for (const command of ['issue', 'rotate', 'status']) refused(runCerts(cwd, [command, ...FLAGS]), line, hint);
  assert.equal(readlinkSync(current), planted, 'rotate did not switch it');
  assert.deepEqual(readdirSync(join(cwd, 'certs', 'cart')).sort(), ['current', 'gen-1']);
  assert.deepEqual(snapshot(join(cwd, 'planted')), before);
  // A relative target is no better when it leaves the directory.
  for (const target of ['../catalog/gen-1', 'gen-1/../../catalog/gen-1', './gen-1']) {
    rmSync(current);
    symlinkSync(target, current);
    refused(runCerts(cwd, ['status', ...FLAGS]), `error MC5530 cert-path-symlink: certs/cart/current points at ${target}, not at a generation (gen-<n>) in certs/cart`);
  }
});

test('a group-writable _ca is refused by init --force, issue, rotate and status; the CA stays', (t) => {
  const cwd = tempDir(t);
  ok(runCerts(cwd, ['init', ...FLAGS]));
  const ca = join(cwd, 'certs', '_ca');
  chmodSync(ca, 0o770);
  const before = snapshot(ca);
  const line = 'error MC5531 cert-path-writable: certs/_ca is writable by its group or others (mode 0770)';
  const hint = 'chmod go-w certs/_ca, then check that nothing in it was replaced';
  for (const command of [['init', '--force'], ['issue'], ['rotate'], ['status']]) {
    refused(runCerts(cwd, [...command, ...FLAGS]), line, hint);
  }
  assert.deepEqual(snapshot(ca), before);
  assert.deepEqual(readdirSync(join(cwd, 'certs')), ['_ca'], 'no service was issued');
  chmodSync(ca, 0o750);
  ok(runCerts(cwd, ['issue', ...FLAGS]));
});

test('a service directory owned by another uid is refused by issue, rotate and status', { skip: process.getuid?.() !== 0 && 'chown needs root' }, (t) => {
  const cwd = tempDir(t);
  ok(runCerts(cwd, ['init', ...FLAGS]));
  ok(runCerts(cwd, ['issue', ...FLAGS]));
  const cart = join(cwd, 'certs', 'cart');
  chownSync(cart, 65534, 65534);
  const before = snapshot(cart);
  const uid = process.getuid?.() ?? 0;
  const line = `error MC5532 cert-path-foreign-owner: certs/cart is owned by uid 65534, not by uid ${uid} that runs meshc`;
  const hint = `run meshc as uid 65534, or check its contents and take it over with chown -R ${uid} certs/cart`;
  for (const command of ['issue', 'rotate', 'status']) refused(runCerts(cwd, [command, ...FLAGS]), line, hint);
  assert.deepEqual(snapshot(cart), before);
  assert.equal(readlinkSync(join(cwd, 'certs', 'frontend', 'current')), 'gen-1', 'rotate issued nothing');
});

test('init, issue, rotate and status pass, and directories get their modes whatever the umask', (t) => {
  const cwd = tempDir(t);
  const certs = join(cwd, 'certs');
  // 077 would make every directory 0700 and 002 group-writable if meshc left the mode to mkdir.
  withUmask(0o077, () => {
    ok(runCerts(cwd, ['init', ...FLAGS]));
    ok(runCerts(cwd, ['issue', ...FLAGS]));
    ok(runCerts(cwd, ['rotate', ...FLAGS]));
    ok(runCerts(cwd, ['status', ...FLAGS]));
  });
  withUmask(0o002, () => {
    ok(runCerts(cwd, ['rotate', ...FLAGS]));
    ok(runCerts(cwd, ['status', ...FLAGS]));
  });
  assert.equal(mode(certs), 0o755);
  assert.equal(mode(join(certs, '_ca')), 0o700);
  assert.equal(mode(join(certs, '_ca', 'ca.key.pem')), 0o600);
  for (const service of ['cart', 'catalog', 'frontend', '_prometheus']) {
    assert.equal(mode(join(certs, service)), 0o755, service);
    assert.deepEqual(readdirSync(join(certs, service)).sort(), ['current', 'gen-2', 'gen-3'], service);
    for (const gen of ['gen-2', 'gen-3']) {
      assert.equal(mode(join(certs, service, gen)), 0o755, `${service}/${gen}`);
      assert.equal(mode(join(certs, service, gen, 'key.pem')), 0o600, `${service}/${gen}/key.pem`);
      assert.equal(mode(join(certs, service, gen, 'cert.pem')), 0o644, `${service}/${gen}/cert.pem`);
    }
  }
});

test('links to files and generations are refused as well (library)', async (t) => {
  const out = tempDir(t);
  const elsewhere = tempDir(t);
  const cart: MeshIdentity = { ...SHOP, services: ['cart'] };
  assert.deepEqual((await initCa({ out, trustDomain: SHOP.trustDomain })).diagnostics, []);
  assert.deepEqual((await issueCerts({ out, mesh: cart })).diagnostics, []);

  // The CA key: init --force must not write through it.
  const key = join(out, '_ca', 'ca.key.pem');
  renameSync(key, join(elsewhere, 'ca.key.pem'));
  symlinkSync(join(elsewhere, 'ca.key.pem'), key);
  const init = await initCa({ out, trustDomain: SHOP.trustDomain, force: true });
  assert.deepEqual(
    init.diagnostics.map((d) => [d.code, d.message]),
    [['MC5530', `${key} is a symbolic link to ${elsewhere}/ca.key.pem; meshc does not follow links in the certificate tree`]],
  );
  assert.ok(lstatSync(key).isSymbolicLink());
  rmSync(key);
  renameSync(join(elsewhere, 'ca.key.pem'), key);

  // A generation directory that is a link, even one current does not name: rotate would prune into it.
  symlinkSync(elsewhere, join(out, 'cart', 'gen-7'));
  const rotate = await rotateCerts({ out, mesh: cart });
  assert.deepEqual(
    rotate.diagnostics.map((d) => [d.code, d.message]),
    [['MC5530', `${join(out, 'cart', 'gen-7')} is a symbolic link to ${elsewhere}; meshc does not follow links in the certificate tree`]],
  );
  assert.deepEqual(rotate.issued, []);
  rmSync(join(out, 'cart', 'gen-7'));

  // A file of the current generation, and a writable generation directory.
  const leafKey = join(out, 'cart', 'gen-1', 'key.pem');
  renameSync(leafKey, join(elsewhere, 'key.pem'));
  symlinkSync(join(elsewhere, 'key.pem'), leafKey);
  chmodSync(join(out, 'cart', 'gen-1'), 0o757);
  const report = certStatus({ out, mesh: cart });
  assert.deepEqual(report.ca.diagnostics, []);
  assert.equal(report.services[0]?.state, 'invalid');
  assert.deepEqual(
    report.services[0]?.diagnostics.map((d) => [d.code, d.message]),
    [['MC5531', `${join(out, 'cart', 'gen-1')} is writable by its group or others (mode 0757)`]],
  );
  chmodSync(join(out, 'cart', 'gen-1'), 0o755);
  assert.deepEqual(
    certStatus({ out, mesh: cart }).services[0]?.diagnostics.map((d) => [d.code, d.message]),
    [['MC5530', `${leafKey} is a symbolic link to ${elsewhere}/key.pem; meshc does not follow links in the certificate tree`]],
  );
});
