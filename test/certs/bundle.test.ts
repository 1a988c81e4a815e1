/**
 * CA bundles holding the same certificate twice, as `cat ca.pem ca.pem > bundle` makes them.
 *
 * Envoy reads a trust bundle with PEM_X509_INFO_read_bio and adds every certificate to its store,
 * ignoring X509_STORE_add_cert's result, so a duplicate is harmless; but when the PEM text does not
 * parse, the whole bundle is refused ("Failed to load trusted CA certificates from <path>"):
 * envoyproxy/envoy source/common/tls/cert_validator/default_validator.cc (parseCaCertList and
 * initializeSslContexts). OpenSSL's PEM reader, which BoringSSL shares, wants each END line to be
 * followed by a line break, so two blocks glued on one line
 * (`-----END CERTIFICATE----------BEGIN CERTIFICATE-----`) make the file unreadable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pemLayoutProblem } from '../../src/certs/inspect.js';
import { openssl, runCerts, SHOP_MESH, tempDir, type CliRun } from './helpers.js';

const FLAGS = ['--mesh', SHOP_MESH, '--out', 'certs'];

function explain(run: CliRun): string {
  return `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}

function issuedTree(t: { after: (fn: () => void) => void }): string {
  const cwd = tempDir(t);
  for (const command of ['init', 'issue']) {
    const run = runCerts(cwd, [command, ...FLAGS]);
    assert.equal(run.status, 0, explain(run));
  }
  return cwd;
}

/** One certificate block, exactly as it starts and ends, without surrounding line breaks. */
function block(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

test('status accepts a mesh CA file and a service bundle that hold the CA certificate twice', (t) => {
  const cwd = issuedTree(t);
  const caFile = join(cwd, 'certs', '_ca', 'ca.pem');
  const bundle = join(cwd, 'certs', 'cart', 'gen-1', 'ca.pem');
  const ca = block(caFile);
  writeFileSync(caFile, `${ca}\n${ca}\n`);
  writeFileSync(bundle, `${ca}\n${ca}\n`);
  assert.ok(openssl(['verify', '-CAfile', bundle, join(cwd, 'certs', 'cart', 'gen-1', 'cert.pem')]).ok);

  const run = runCerts(cwd, ['status', ...FLAGS]);
  assert.equal(run.status, 0, explain(run));
  assert.match(run.stdout, /^_ca +ok /m);
  assert.match(run.stdout, /^cart +ok /m);
  assert.equal(run.stderr, '');
  // Issuing under a CA file with a duplicate still works.
  const rotated = runCerts(cwd, ['rotate', ...FLAGS, '--service', 'cart']);
  assert.equal(rotated.status, 0, explain(rotated));
});

test('a mesh CA file with two blocks glued on one line is reported on that file, not on the key', (t) => {
  const cwd = issuedTree(t);
  const caFile = join(cwd, 'certs', '_ca', 'ca.pem');
  const ca = block(caFile);
  writeFileSync(caFile, `${ca}${ca}\n`);
  const line = ca.split('\n').length; // the second block begins on the last line of the first
  assert.ok(!openssl(['x509', '-in', caFile, '-noout']).ok, 'openssl should refuse the glued file');

  const run = runCerts(cwd, ['status', ...FLAGS]);
  assert.equal(run.status, 1, explain(run));
  assert.match(run.stdout, /^_ca +invalid /m);
  assert.match(
    run.stderr,
    new RegExp(`^error MC5503 ca-invalid: certs/_ca/ca\\.pem line ${line}: -----BEGIN CERTIFICATE----- does not start a line, so OpenSSL and Envoy cannot read the file$`, 'm'),
  );
  assert.match(run.stderr, new RegExp(`^  hint: put a line break before -----BEGIN CERTIFICATE----- on line ${line} of certs/_ca/ca\\.pem$`, 'm'));
  assert.doesNotMatch(run.stderr, /ca\.key\.pem/);
  // issue and rotate refuse it too, rather than copy it into every service's bundle.
  const rotated = runCerts(cwd, ['rotate', ...FLAGS]);
  assert.equal(rotated.status, 1, explain(rotated));
  assert.match(rotated.stderr, new RegExp(`^error MC5503 ca-invalid: certs/_ca/ca\\.pem line ${line}: `, 'm'));
});

test('a service bundle with two blocks glued on one line is cert-unreadable, naming the bundle', (t) => {
  const cwd = issuedTree(t);
  const bundle = join(cwd, 'certs', 'cart', 'gen-1', 'ca.pem');
  const ca = block(join(cwd, 'certs', '_ca', 'ca.pem'));
  writeFileSync(bundle, `${ca}${ca}\n`);
  const line = ca.split('\n').length;

  const run = runCerts(cwd, ['status', ...FLAGS]);
  assert.equal(run.status, 1, explain(run));
  assert.match(run.stdout, /^cart +invalid /m);
  assert.match(run.stdout, /^catalog +ok /m);
  assert.match(
    run.stderr,
    new RegExp(
      `^error MC5518 cert-unreadable: \\S*certs/cart/gen-1/ca\\.pem line ${line}: -----BEGIN CERTIFICATE----- does not start a line, so OpenSSL and Envoy cannot read the file$`,
      'm',
    ),
  );
  assert.doesNotMatch(run.stderr, /key/);
});

test('meshc ends its PEM files with a line break, so `cat` of two of them is a readable bundle', (t) => {
  const cwd = issuedTree(t);
  const files = [join('_ca', 'ca.pem'), join('_ca', 'ca.key.pem')].concat(['cert.pem', 'key.pem', 'ca.pem'].map((name) => join('cart', 'gen-1', name)));
  for (const file of files) assert.match(readFileSync(join(cwd, 'certs', file), 'utf8'), /-----\n$/, file);
  const caFile = join(cwd, 'certs', '_ca', 'ca.pem');
  writeFileSync(caFile, readFileSync(caFile, 'utf8').repeat(2));
  const run = runCerts(cwd, ['status', ...FLAGS]);
  assert.equal(run.status, 0, explain(run));
});

test('pemLayoutProblem: markers alone on their lines pass, CRLF included; text after a marker does not', () => {
  const body = 'MIIB\n';
  assert.equal(pemLayoutProblem(`-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----`), undefined);
  assert.equal(pemLayoutProblem(`-----BEGIN CERTIFICATE-----\r\n${body}-----END CERTIFICATE-----\r\n`), undefined);
  assert.deepEqual(pemLayoutProblem(`-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE----- trailing\n`), {
    line: 3,
    marker: '-----END CERTIFICATE-----',
    where: 'text-after',
  });
  assert.deepEqual(pemLayoutProblem(`x\n  -----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`), {
    line: 2,
    marker: '-----BEGIN CERTIFICATE-----',
    where: 'not-line-start',
  });
});
