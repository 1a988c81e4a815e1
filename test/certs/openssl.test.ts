/** OpenSSL, not our own parser, is the judge of what we issue. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, issueLeaf, spiffeId, type PemPair } from '../../src/certs/index.js';
import { openssl, opensslPublicKey, tempDir } from './helpers.js';

const TRUST_DOMAIN = 'shop.example';
const DAY = 86_400_000;

interface Written {
  readonly cert: string;
  readonly key: string;
}

function write(dir: string, name: string, pair: PemPair): Written {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key.pem`);
  writeFileSync(cert, pair.certPem);
  writeFileSync(key, pair.keyPem, { mode: 0o600 });
  return { cert, key };
}

async function issueSet(dir: string): Promise<{ ca: Written; cart: Written; catalog: Written }> {
  const now = new Date();
  const caPair = await createCa({ trustDomain: TRUST_DOMAIN, ttlMs: 3650 * DAY, now });
  const leaf = (service: string): Promise<PemPair> => issueLeaf(caPair, { trustDomain: TRUST_DOMAIN, service, ttlMs: DAY, now });
  return { ca: write(dir, 'ca', caPair), cart: write(dir, 'cart', await leaf('cart')), catalog: write(dir, 'catalog', await leaf('catalog')) };
}

test('openssl verifies every leaf against the CA, for TLS servers and clients', async (t) => {
  const set = await issueSet(tempDir(t));
  for (const leaf of [set.cart, set.catalog]) {
    for (const purpose of [[], ['-purpose', 'sslserver'], ['-purpose', 'sslclient']]) {
      const run = openssl(['verify', ...purpose, '-CAfile', set.ca.cert, leaf.cert]);
      assert.ok(run.ok, `${purpose.join(' ')}: ${run.output}`);
      assert.match(run.output, /: OK\n/);
    }
  }
});

test('openssl rejects a leaf against a CA that did not issue it', async (t) => {
  const dir = tempDir(t);
  const ours = await issueSet(dir);
  const other = write(dir, 'other-ca', await createCa({ trustDomain: TRUST_DOMAIN, ttlMs: DAY, now: new Date() }));
  const run = openssl(['verify', '-CAfile', other.cert, ours.cart.cert]);
  assert.equal(run.ok, false, run.output);
});

test('a leaf carries its SPIFFE ID as the only URI SAN and the workload profile', async (t) => {
  const set = await issueSet(tempDir(t));
  const text = openssl(['x509', '-in', set.cart.cert, '-noout', '-text']).output;
  const san = /X509v3 Subject Alternative Name: *\n\s*(.*)\n/.exec(text)?.[1];
  // The SPIFFE ID is the only URI SAN; the DNS name is what Prometheus verifies when it scrapes.
  assert.equal(san, `URI:${spiffeId(TRUST_DOMAIN, 'cart')}, DNS:cart.${TRUST_DOMAIN}`);
  assert.match(text, /X509v3 Basic Constraints: critical\n\s*CA:FALSE\n/);
  assert.match(text, /X509v3 Key Usage: critical\n\s*Digital Signature\n/);
  assert.match(text, /X509v3 Extended Key Usage: *\n\s*TLS Web Server Authentication, TLS Web Client Authentication\n/);
  assert.match(text, /X509v3 Subject Key Identifier:/);
  assert.match(text, /Public Key Algorithm: id-ecPublicKey[\s\S]*NIST CURVE: P-256/);
  assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
  // The leaf's AKI is the CA's SKI, so chain builders can match them.
  const caText = openssl(['x509', '-in', set.ca.cert, '-noout', '-text']).output;
  const caSki = /X509v3 Subject Key Identifier: *\n\s*(.*)\n/.exec(caText)?.[1];
  const leafAki = /X509v3 Authority Key Identifier: *\n\s*(?:keyid:)?(.*)\n/.exec(text)?.[1];
  assert.ok(caSki);
  assert.equal(leafAki, caSki);
});

test('a leaf is valid from 5 minutes ago for exactly its TTL from now, with a 128-bit serial', async (t) => {
  const set = await issueSet(tempDir(t));
  const dates = openssl(['x509', '-in', set.cart.cert, '-noout', '-startdate', '-enddate', '-serial']).output;
  const notBefore = Date.parse(/notBefore=(.*)/.exec(dates)?.[1] ?? '');
  const notAfter = Date.parse(/notAfter=(.*)/.exec(dates)?.[1] ?? '');
  assert.equal(notAfter - notBefore, DAY + 5 * 60_000);
  assert.ok(Math.abs(notBefore - (Date.now() - 5 * 60_000)) < 60_000, `notBefore ${new Date(notBefore).toISOString()}`);
  const serial = /serial=([0-9A-F]+)/.exec(dates)?.[1] ?? '';
  assert.ok(serial.length >= 26 && serial.length <= 34, `serial ${serial}`);
});

test('each key matches its certificate, and not the other one', async (t) => {
  const set = await issueSet(tempDir(t));
  assert.equal(opensslPublicKey(set.cart.key, 'key'), opensslPublicKey(set.cart.cert, 'cert'));
  assert.equal(opensslPublicKey(set.ca.key, 'key'), opensslPublicKey(set.ca.cert, 'cert'));
  assert.notEqual(opensslPublicKey(set.catalog.key, 'key'), opensslPublicKey(set.cart.cert, 'cert'));
  const pkey = openssl(['pkey', '-in', set.cart.key, '-noout']);
  assert.ok(pkey.ok, pkey.output);
  assert.match(openssl(['asn1parse', '-in', set.cart.key]).output, /prime256v1/);
});

test('the CA is a self-signed P-256 root for the trust domain that signs leaves only', async (t) => {
  const set = await issueSet(tempDir(t));
  const text = openssl(['x509', '-in', set.ca.cert, '-noout', '-text']).output;
  assert.match(text, /X509v3 Basic Constraints: critical\n\s*CA:TRUE, pathlen:0\n/);
  assert.match(text, /X509v3 Key Usage: critical\n\s*Certificate Sign, CRL Sign\n/);
  assert.match(text, /X509v3 Subject Alternative Name: *\n\s*URI:spiffe:\/\/shop\.example\n/);
  assert.match(text, /NIST CURVE: P-256/);
  const self = openssl(['verify', '-CAfile', set.ca.cert, set.ca.cert]);
  assert.ok(self.ok, self.output);
  const dates = openssl(['x509', '-in', set.ca.cert, '-noout', '-startdate', '-enddate']).output;
  const notAfter = Date.parse(/notAfter=(.*)/.exec(dates)?.[1] ?? '');
  assert.ok(Math.abs(notAfter - (Date.now() + 3650 * DAY)) < 60_000);
});
