/** The built CLI, spawned as a user would run it: exit codes, output and files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCerts, SHOP_MESH, shopMeshWithMtls, tempDir, type CliRun } from './helpers.js';

function ok(run: CliRun): CliRun {
  assert.equal(run.status, 0, `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return run;
}

function fails(run: CliRun, code: number, ...patterns: RegExp[]): CliRun {
  assert.equal(run.status, code, `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  for (const pattern of patterns) assert.match(run.stderr, pattern);
  return run;
}

const SERVICES = ['cart', 'catalog', 'frontend'];

test('init, issue, rotate and status from the command line', (t) => {
  const cwd = tempDir(t);
  const flags = ['--mesh', SHOP_MESH, '--out', 'certs'];
  assert.match(ok(runCerts(cwd, ['init', ...flags])).stdout, /^created the mesh CA for spiffe:\/\/shop\.example in certs\/_ca, valid until \d{4}-/);
  assert.equal(statSync(join(cwd, 'certs', '_ca', 'ca.key.pem')).mode & 0o777, 0o600);

  const issued = ok(runCerts(cwd, ['issue', ...flags])).stdout;
  for (const service of SERVICES) {
    assert.match(issued, new RegExp(`^issued  ${service}: spiffe://shop\\.example/svc/${service}, gen-1, valid until `, 'm'));
    const current = join(cwd, 'certs', service, 'current');
    assert.ok(lstatSync(current).isSymbolicLink());
    for (const file of ['cert.pem', 'key.pem', 'ca.pem']) assert.ok(existsSync(join(current, file)), `${service}/${file}`);
    assert.equal(statSync(join(current, 'key.pem')).mode & 0o777, 0o600);
  }
  assert.match(ok(runCerts(cwd, ['status', ...flags])).stdout, /^5 ok \(checked /m);

  const before = readFileSync(join(cwd, 'certs', 'cart', 'current', 'cert.pem'), 'utf8');
  assert.match(ok(runCerts(cwd, ['rotate', ...flags])).stdout, /^rotated cart: spiffe:\/\/shop\.example\/svc\/cart, gen-1 -> gen-2, /m);
  assert.equal(readlinkSync(join(cwd, 'certs', 'cart', 'current')), 'gen-2');
  assert.notEqual(readFileSync(join(cwd, 'certs', 'cart', 'current', 'cert.pem'), 'utf8'), before);
  const status = ok(runCerts(cwd, ['status', ...flags]));
  assert.match(status.stdout, /^cart +ok +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +23h 5\dm +gen-2 +spiffe:\/\/shop\.example\/svc\/cart$/m);
  assert.equal(status.stderr, '');
});

test('init refuses to replace a CA unless --force', (t) => {
  const cwd = tempDir(t);
  const flags = ['--mesh', SHOP_MESH, '--out', 'certs'];
  ok(runCerts(cwd, ['init', ...flags]));
  const first = readFileSync(join(cwd, 'certs', '_ca', 'ca.pem'), 'utf8');
  fails(runCerts(cwd, ['init', ...flags]), 1, /error MC5501 ca-exists: a mesh CA already exists in certs\/_ca/, /hint: .*--force/);
  assert.equal(readFileSync(join(cwd, 'certs', '_ca', 'ca.pem'), 'utf8'), first);
  assert.match(ok(runCerts(cwd, ['init', ...flags, '--force'])).stdout, /^replaced the mesh CA/);
  assert.notEqual(readFileSync(join(cwd, 'certs', '_ca', 'ca.pem'), 'utf8'), first);
  assert.equal(statSync(join(cwd, 'certs', '_ca', 'ca.key.pem')).mode & 0o777, 0o600);
});

test('status exits 1 when a certificate expires within the threshold, 0 with a smaller one', (t) => {
  const cwd = tempDir(t);
  const flags = ['--mesh', SHOP_MESH, '--out', 'certs'];
  ok(runCerts(cwd, ['init', ...flags]));
  ok(runCerts(cwd, ['issue', ...flags, '--ttl', '1h']));
  const expiring = fails(runCerts(cwd, ['status', ...flags]), 1, /error MC5511 cert-expiring: the certificate of cart expires in 5\dm/);
  assert.match(expiring.stdout, /^cart +expiring /m);
  ok(runCerts(cwd, ['status', ...flags, '--threshold', '30m']));
  // After a rotation with the default TTL the default threshold passes again.
  ok(runCerts(cwd, ['rotate', ...flags]));
  ok(runCerts(cwd, ['status', ...flags]));
});

test('status exits 1 when certificates are missing', (t) => {
  const cwd = tempDir(t);
  const flags = ['--mesh', SHOP_MESH, '--out', 'certs'];
  ok(runCerts(cwd, ['init', ...flags]));
  ok(runCerts(cwd, ['issue', ...flags, '--service', 'cart', 'frontend']));
  const run = fails(runCerts(cwd, ['status', ...flags]), 1, /error MC5510 cert-missing: catalog has no certificate/);
  assert.match(run.stdout, /^catalog +missing +- +- +- +spiffe:\/\/shop\.example\/svc\/catalog$/m);
  assert.doesNotMatch(run.stderr, /cart|frontend/);
});

test('status --format json prints one document and the same exit code', (t) => {
  const cwd = tempDir(t);
  const flags = ['--mesh', SHOP_MESH, '--out', 'certs'];
  ok(runCerts(cwd, ['init', ...flags]));
  ok(runCerts(cwd, ['issue', ...flags, '--service', 'cart']));
  const run = runCerts(cwd, ['status', ...flags, '--format', 'json']);
  assert.equal(run.status, 1);
  assert.equal(run.stderr, '');
  const doc = JSON.parse(run.stdout) as { ok: boolean; services: { name: string; state: string; diagnostics: { code: string }[] }[] };
  assert.equal(doc.ok, false);
  assert.deepEqual(
    doc.services.map((s) => [s.name, s.state, s.diagnostics.map((d) => d.code)]),
    [
      ['cart', 'ok', []],
      ['catalog', 'missing', ['MC5510']],
      ['frontend', 'missing', ['MC5510']],
      ['_prometheus', 'missing', ['MC5510']],
    ],
  );
  ok(runCerts(cwd, ['issue', ...flags]));
  const fine = ok(runCerts(cwd, ['status', ...flags, '--format', 'json']));
  assert.equal((JSON.parse(fine.stdout) as { ok: boolean }).ok, true);
});

test('user mistakes are diagnostics with exit 1; bad flag values are usage errors (exit 2)', (t) => {
  const cwd = tempDir(t);
  const flags = ['--mesh', SHOP_MESH, '--out', 'certs'];
  fails(runCerts(cwd, ['issue', ...flags]), 1, /error MC5502 ca-not-found: no mesh CA: certs\/_ca\/ca\.pem does not exist/, /hint: create it with `meshc certs init/);
  ok(runCerts(cwd, ['init', ...flags, '--ttl', '2d']));
  fails(runCerts(cwd, ['issue', ...flags, '--service', 'catalgo']), 1, /error MC5505 unknown-cert-service: service "catalgo" is not in the mesh/, /hint: did you mean "catalog"\?/);
  fails(runCerts(cwd, ['issue', ...flags, '--ttl', '7d']), 1, /error MC5506 leaf-outlives-ca: --ttl 7d would outlive the mesh CA/);
  assert.equal(existsSync(join(cwd, 'certs', 'cart')), false, 'nothing was issued');
  fails(runCerts(cwd, ['issue', ...flags, '--ttl', 'soon']), 2, /expected a duration such as 1h, 24h, 7d or 1d12h/);
  fails(runCerts(cwd, ['status', ...flags, '--format', 'yaml']), 2);
  fails(runCerts(cwd, ['issue', '--out', 'certs']), 2, /required option '--mesh <paths...>'/);
});

test('a mesh with mtls: strict gets certificates; a broken mesh is reported with its source', (t) => {
  const cwd = tempDir(t);
  const strict = shopMeshWithMtls(cwd, 'strict');
  ok(runCerts(cwd, ['init', '--mesh', strict, '--out', 'certs']));
  ok(runCerts(cwd, ['issue', '--mesh', strict, '--out', 'certs']));
  ok(runCerts(cwd, ['status', '--mesh', strict, '--out', 'certs']));
  fails(runCerts(cwd, ['status', '--mesh', 'missing.yaml', '--out', 'certs']), 1, /error MC5001 input-not-found/);
  writeFileSync(join(cwd, 'bad.yaml'), 'apiVersion: meshc/v1\nmesh:\n  name: x\n  trustDomain: Not_A_Domain\n');
  fails(runCerts(cwd, ['init', '--mesh', 'bad.yaml', '--out', 'certs2']), 1, /^bad\.yaml:4:16: error MC\d+ /m, /> 4 \|   trustDomain: Not_A_Domain/);
  assert.equal(existsSync(join(cwd, 'certs2')), false);
});

test('meshc certs --help lists the subcommands and the layout', (t) => {
  const run = ok(runCerts(tempDir(t), ['--help']));
  for (const word of ['init', 'issue', 'rotate', 'status', 'current -> gen-<n>']) assert.ok(run.stdout.includes(word), word);
});

test('an output path that is a file is a diagnostic, not a crash', (t) => {
  const cwd = tempDir(t);
  writeFileSync(join(cwd, 'certs'), 'not a directory');
  const flags = ['--mesh', SHOP_MESH, '--out', 'certs'];
  fails(runCerts(cwd, ['init', ...flags]), 1, /error MC5507 cert-write-failed: cannot write the mesh CA in certs\/_ca: /);
  fails(runCerts(cwd, ['status', ...flags]), 1, /error MC5502 ca-not-found/, /error MC5510 cert-missing: cart has no certificate/);
  fails(runCerts(cwd, ['rotate', ...flags]), 1, /error MC5502 ca-not-found/);
});
