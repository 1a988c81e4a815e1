import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSpan, parseCertDuration } from '../../src/certs/duration.js';
import { spiffeId, trustDomainId } from '../../src/ir/identity.js';
import { generationNumber, generationName } from '../../src/certs/layout.js';

test('spiffeId formats spiffe://<trustDomain>/svc/<service>', () => {
  assert.equal(spiffeId('shop.example', 'catalog'), 'spiffe://shop.example/svc/catalog');
  assert.equal(trustDomainId('shop.example'), 'spiffe://shop.example');
});

test('certificate durations accept s, m, h, d and combinations', () => {
  assert.equal(parseCertDuration('90s'), 90_000);
  assert.equal(parseCertDuration('30m'), 1_800_000);
  assert.equal(parseCertDuration('24h'), 86_400_000);
  assert.equal(parseCertDuration('7d'), 7 * 86_400_000);
  assert.equal(parseCertDuration('1d12h'), 36 * 3_600_000);
  assert.equal(parseCertDuration('3650d'), 3650 * 86_400_000);
});

test('certificate durations refuse zero, units they do not know and junk', () => {
  for (const bad of ['', '0h', '24', 'h', '1y', '1.5h', '-1h', '24 h', '1h junk']) {
    assert.equal(parseCertDuration(bad), undefined, bad);
  }
});

test('spans print their two largest units', () => {
  assert.equal(formatSpan(23 * 3_600_000 + 59 * 60_000 + 30_000), '23h 59m');
  assert.equal(formatSpan(90_000), '1m 30s');
  assert.equal(formatSpan(3650 * 86_400_000), '3650d');
  assert.equal(formatSpan(86_400_000 + 30 * 60_000), '1d');
  assert.equal(formatSpan(6 * 3_600_000), '6h');
  assert.equal(formatSpan(-(2 * 3_600_000 + 5 * 60_000)), '-2h 5m');
  assert.equal(formatSpan(0), '0s');
});

test('generation directories are gen-<n> and nothing else', () => {
  assert.equal(generationName(3), 'gen-3');
  assert.equal(generationNumber('gen-12'), 12);
  for (const other of ['gen-0', 'gen-01', 'gen-', 'gen-1a', 'current', 'gen-1.tmp']) {
    assert.equal(generationNumber(other), undefined, other);
  }
});
