/**
 * CA keys as other tools write them. `openssl ecparam -genkey` writes SEC1
 * (`-----BEGIN EC PRIVATE KEY-----`), not the PKCS#8 meshc writes; such a CA must issue as well
 * as one meshc made. A key meshc cannot sign with (another curve) is refused as ca-invalid, never
 * an internal error (exit 70).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openssl, runCerts, SHOP_MESH, tempDir, type CliRun } from './helpers.js';

const FLAGS = ['--mesh', SHOP_MESH, '--out', 'certs'];

function explain(run: CliRun): string {
  return `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}

function mustOpenssl(args: readonly string[]): void {
  const run = openssl(args);
  assert.ok(run.ok, `openssl ${args.join(' ')}\n${run.output}`);
}

/** A CA made with openssl alone, its key in SEC1 form, in place of the one `init` wrote. */
function opensslCa(cwd: string, curve: string): { key: string; cert: string } {
  const key = join(cwd, 'certs', '_ca', 'ca.key.pem');
  const cert = join(cwd, 'certs', '_ca', 'ca.pem');
  mustOpenssl(['ecparam', '-genkey', '-noout', '-name', curve, '-out', key]);
  chmodSync(key, 0o600);
  mustOpenssl([
    'req',
    '-new',
    '-x509',
    '-key',
    key,
    '-out',
    cert,
    '-days',
    '365',
    '-subj',
    '/O=shop.example/CN=openssl CA',
    '-addext',
    'basicConstraints=critical,CA:true,pathlen:0',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-addext',
    'subjectAltName=URI:spiffe://shop.example',
  ]);
  return { key, cert };
}

test('a CA key in SEC1 form (openssl ecparam -genkey) issues leaves that verify against the CA', (t) => {
  const cwd = tempDir(t);
  assert.equal(runCerts(cwd, ['init', ...FLAGS]).status, 0);
  const ca = opensslCa(cwd, 'prime256v1');
  assert.match(readFileSync(ca.key, 'utf8'), /^-----BEGIN EC PRIVATE KEY-----\n/);

  const issued = runCerts(cwd, ['issue', ...FLAGS, '--service', 'cart']);
  assert.equal(issued.status, 0, explain(issued));
  assert.match(issued.stdout, /^issued  cart: spiffe:\/\/shop\.example\/svc\/cart, gen-1, /m);
  const leaf = join(cwd, 'certs', 'cart', 'current', 'cert.pem');
  const verify = openssl(['verify', '-purpose', 'sslserver', '-CAfile', ca.cert, leaf]);
  assert.ok(verify.ok, verify.output);
  assert.match(verify.output, /: OK$/m);
  // The key is used as found: meshc does not rewrite the user's CA key.
  assert.match(readFileSync(ca.key, 'utf8'), /^-----BEGIN EC PRIVATE KEY-----\n/);

  const rotated = runCerts(cwd, ['rotate', ...FLAGS, '--service', 'cart']);
  assert.equal(rotated.status, 0, explain(rotated));
  const status = runCerts(cwd, ['status', ...FLAGS]);
  assert.match(status.stdout, /^cart +ok +/m, explain(status));
});

test('a CA key on a curve meshc does not sign with is ca-invalid (exit 1), not an internal error', (t) => {
  const cwd = tempDir(t);
  assert.equal(runCerts(cwd, ['init', ...FLAGS]).status, 0);
  opensslCa(cwd, 'secp384r1');
  for (const command of ['issue', 'rotate']) {
    const run = runCerts(cwd, [command, ...FLAGS]);
    assert.equal(run.status, 1, explain(run));
    assert.match(run.stderr, /^error MC5503 ca-invalid: certs\/_ca\/ca\.key\.pem holds a key of type EC secp384r1; meshc signs with ECDSA P-256 \(prime256v1\) only$/m);
    assert.match(run.stderr, /^  hint: /m);
    assert.doesNotMatch(run.stderr, /internal error/);
  }
  const status = runCerts(cwd, ['status', ...FLAGS]);
  assert.equal(status.status, 1, explain(status));
  assert.match(status.stdout, /^_ca +invalid /m);
  assert.match(status.stderr, /error MC5503 ca-invalid: certs\/_ca\/ca\.key\.pem holds a key of type EC secp384r1;/);
});
