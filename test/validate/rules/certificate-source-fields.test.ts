import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, diagnose } from '../../helpers/diagnose.js';

/** A mesh whose `certificates` block (line 5) has `fields` one per line from line 6, at column 5. */
const certificates = (...fields: string[]) => `
  apiVersion: meshc/v1
  mesh:
    name: bank
    trustDomain: bank.example
    certificates:
${fields.map((f) => `      ${f}`).join('\n')}
  services:
    web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }
`;

/** `certificate-source-fields` at line `n`, column 5 (a key of the block). */
const at = (line: number) => `certificate-source-fields@mesh.yaml:${line}:5`;

test('each source with its own fields is fine', () => {
  const valid: readonly string[][] = [
    ['dir: /var/lib/meshc/certs', 'sdsDir: /etc/envoy/sds'],
    ['source: files', 'dir: /var/lib/meshc/certs'],
    ['source: spire'],
    ['source: spire', 'socket: /run/spire/agent.sock', 'identitySecret: svid', 'trustBundleSecret: bundle'],
    ['source: sds', 'socket: /run/sds.sock'],
    ['source: sds', 'address: 127.0.0.1:8234', 'identitySecret: svid', 'trustBundleSecret: bundle'],
    ['source: sds', 'address: localhost:8234'],
  ];
  for (const fields of valid) assert.deepEqual(diagnose(certificates(...fields)), [], fields.join(', '));
});

test('an empty block is fine', () => {
  assert.deepEqual(diagnose(certificates('{}').replace('certificates:\n      {}', 'certificates: {}')), []);
});

test('a field of another source is reported at its key, with the fields the source takes as hint', () => {
  assert.deepEqual(diagnose(certificates('socket: /run/spire/agent.sock')), [at(6)], 'files is the default source');
  assert.match(compileText(certificates('socket: /run/x.sock')).diagnostics[0]?.hint ?? '', /dir, sdsDir/);
  assert.deepEqual(diagnose(certificates('source: files', 'identitySecret: svid', 'address: 10.0.0.9:8234')), [at(7), at(8)]);
  assert.deepEqual(diagnose(certificates('source: spire', 'dir: /certs', 'sdsDir: /sds', 'address: 10.0.0.9:8234')), [at(7), at(8), at(9)]);
  assert.match(compileText(certificates('source: spire', 'dir: /certs')).diagnostics[0]?.hint ?? '', /socket, identitySecret, trustBundleSecret/);
});

test('an sds source needs a socket or an address: without either it is reported at `source`', () => {
  assert.deepEqual(diagnose(certificates('source: sds')), [at(6)]);
  assert.deepEqual(diagnose(certificates('source: sds', 'identitySecret: svid')), [at(6)]);
  assert.match(compileText(certificates('source: sds')).diagnostics[0]?.message ?? '', /socket or an address/);
});

test('an sds source with both is reported at `address`', () => {
  assert.deepEqual(diagnose(certificates('source: sds', 'socket: /run/sds.sock', 'address: 10.0.0.9:8234')), [at(8)]);
  assert.deepEqual(diagnose(certificates('address: 10.0.0.9:8234', 'socket: /run/sds.sock', 'source: sds')), [at(6)]);
});

test('a field of another source and a missing server are both reported', () => {
  assert.deepEqual(diagnose(certificates('source: sds', 'dir: /certs')), [at(6), at(7)]);
});

test('SDS over TCP beyond loopback is refused at its value: workload private keys would travel in clear', () => {
  assert.deepEqual(diagnose(certificates('source: sds', 'address: sds.bank.internal:8234')), ['certificate-source-fields@mesh.yaml:7:14']);
  assert.deepEqual(diagnose(certificates('source: sds', 'address: 10.0.0.9:8234')), ['certificate-source-fields@mesh.yaml:7:14']);
});

test('a port outside 1-65535 is refused, not silently replaced by the SPIRE socket', () => {
  assert.deepEqual(diagnose(certificates('source: sds', 'address: 127.0.0.1:0')), ['invalid-address@mesh.yaml:7:14']);
});
