/**
 * Real-world Envoy configs (test/check/corpus/, vendored from /work/shared/corpus with their
 * provenance in envoy-real/MANIFEST.md) checked in the default, Envoy-faithful mode.
 *
 * MANIFEST.md gives each envoy-real file's expected verdict. Files marked `ok` must be accepted
 * and real invalidities rejected. Failures MANIFEST.md attributes to the API version vendored
 * with meshc (newer API fields and types, contrib extensions, another API revision) are about
 * that version, not bugs: the checker rejects them too, for the reason named below, and the
 * extension types among them pass with --allow-unknown-types. One file deviates from
 * MANIFEST.md on purpose (DEVIATIONS).
 *
 * Every envoy-negative file must be rejected with the code at the path listed in NEGATIVE, and
 * its message must contain EXPECTED.tsv's phrase, except where PHRASING says why not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEnvoyFiles, type FilesCheckResult } from '../../src/check/index.js';
import { checkTestPath } from './helpers.js';

const REAL = checkTestPath('corpus', 'envoy-real');
const NEGATIVE_DIR = checkTestPath('corpus', 'envoy-negative');

interface ManifestRow {
  readonly file: string;
  readonly result: 'ok' | 'FAIL';
  readonly category: string;
}

function readManifest(): ManifestRow[] {
  const rows: ManifestRow[] = [];
  for (const line of readFileSync(join(REAL, 'MANIFEST.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | file | repository path | commit | license | message type | result | category | notes | features |
    const [, file, , , , , result, category] = cells;
    if (file && (result === 'ok' || result === 'FAIL')) rows.push({ file, result, category: category ?? '' });
  }
  return rows;
}

function readTypes(): Map<string, string> {
  const lines = readFileSync(join(REAL, 'types.tsv'), 'utf8').split('\n');
  return new Map(lines.filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t') as [string, string]));
}

const MANIFEST = readManifest();
const TYPES = readTypes();

function checkReal(file: string, allowUnknownTypes = false): FilesCheckResult {
  const text = readFileSync(join(REAL, file), 'utf8');
  const type = TYPES.get(file);
  return checkEnvoyFiles([{ name: file, text }], { ...(type ? { type } : {}), allowUnknownTypes });
}

function errorNames(result: FilesCheckResult): Set<string> {
  return new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.name));
}

/** Files where the checker's verdict differs from MANIFEST.md, and why the checker is right. */
const INLINE_KEY_WHY =
  "Envoy loads a private key written into the config, but the checker refuses key material inline (inline-private-key): meshc never writes one, and the key would be in every copy of the file. MANIFEST.md's checker did not look.";
const TLS_KEY = (listener: number) =>
  `static_resources.listeners[${listener}].filter_chains[0].transport_socket.typed_config.common_tls_context.tls_certificates[0].private_key.inline_string`;
const inlineKey = (...listeners: number[]) => ({ code: 'inline-private-key', paths: listeners.map(TLS_KEY), why: INLINE_KEY_WHY });

const DEVIATIONS: Readonly<Record<string, { readonly code: string; readonly paths: readonly string[]; readonly why: string }>> = {
  'envoyproxy-examples/brotli/envoy.yaml': inlineKey(0, 1),
  'envoyproxy-examples/front-proxy/envoy.yaml': inlineKey(1),
  'envoyproxy-examples/single-page-app/envoy.yml': inlineKey(1),
  'envoyproxy-examples/tls/envoy-https-http.yaml': inlineKey(0),
  'envoyproxy-examples/tls/envoy-https-https.yaml': inlineKey(0),
  'envoyproxy-examples/websocket/envoy-wss.yaml': inlineKey(0),
  'envoyproxy-examples/zstd/envoy.yaml': inlineKey(0, 1),
  'envoyproxy-gateway/internal/xds/translator/testdata/out/xds-ir/jwt-multi-route-multi-provider.listeners.yaml': {
    code: 'inline-private-key',
    paths: ['[0].defaultFilterChain.filters[0].typedConfig.httpFilters[0].typedConfig.providers.example2_9fb53f4aa4426db0.local_jwks.inline_string'],
    why: 'an inline JWKS holds a symmetric key ("kty": "oct", "k"): whoever reads the config can sign tokens the filter accepts (inline-private-key)',
  },
  'envoyproxy-gateway/internal/xds/translator/testdata/out/xds-ir/cors.routes.yaml': {
    code: 'envoy-invalid-regex',
    paths: ['[0].virtualHosts[0].routes[0].typedPerFilterConfig["envoy.filters.http.cors"].allowOriginStringMatch[0].safeRegex.regex'],
    why: 'safe_regex "*.example.com" does not compile in RE2 (nothing to repeat); Envoy compiles CORS origin matchers when it loads the route table and refuses it. MANIFEST.md\'s checker did not compile regexes.',
  },
};

/** The error each version-related failure category shows; contrib and newer types pass when unknown types are allowed. */
const CATEGORY: Readonly<Record<string, { readonly code: string; readonly passesWithUnknownTypes: boolean }>> = {
  'newer API field': { code: 'envoy-unknown-field', passesWithUnknownTypes: false },
  'newer API type': { code: 'envoy-unknown-type', passesWithUnknownTypes: true },
  'proto missing from image (contrib)': { code: 'envoy-unknown-type', passesWithUnknownTypes: true },
  'other API revision': { code: 'envoy-wrong-type', passesWithUnknownTypes: false },
  'real invalidity (old API)': { code: 'envoy-unknown-type', passesWithUnknownTypes: true },
  'real invalidity': { code: 'envoy-unknown-type', passesWithUnknownTypes: false },
  'real invalidity (PGV)': { code: 'pgv-string-length', passesWithUnknownTypes: false },
};

// load-balancer.clusters.yaml also uses fields newer than the image in a type that is known.
const STILL_FAILS_WITH_UNKNOWN_TYPES = new Set(['envoyproxy-gateway/internal/xds/translator/testdata/out/xds-ir/load-balancer.clusters.yaml']);

test('MANIFEST.md lists every file of types.tsv, 118 ok and 20 FAIL', () => {
  assert.equal(MANIFEST.length, TYPES.size);
  assert.equal(MANIFEST.filter((r) => r.result === 'ok').length, 118);
  assert.equal(MANIFEST.filter((r) => r.result === 'FAIL').length, 20);
});

for (const row of MANIFEST) {
  test(`envoy-real ${row.file} (${row.result}${row.category ? `: ${row.category}` : ''})`, () => {
    const result = checkReal(row.file);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const deviation = DEVIATIONS[row.file];
    if (deviation) {
      assert.deepEqual(
        result.problems.filter((p) => p.severity === 'error').map((p) => `${p.name}@${p.path}`),
        deviation.paths.map((path) => `${deviation.code}@${path}`),
        deviation.why,
      );
      return;
    }
    if (row.result === 'ok') {
      assert.deepEqual(
        errors.map((d) => d.message),
        [],
      );
      return;
    }
    const category = CATEGORY[row.category];
    assert.ok(category, `unknown failure category "${row.category}"`);
    assert.ok(errors.length > 0, 'rejected');
    assert.ok(errorNames(result).has(category.code), `${category.code} among ${[...errorNames(result)].join(', ')}`);
    const lenient = checkReal(row.file, true);
    const passes = lenient.diagnostics.every((d) => d.severity !== 'error');
    assert.equal(passes, category.passesWithUnknownTypes && !STILL_FAILS_WITH_UNKNOWN_TYPES.has(row.file), 'with --allow-unknown-types');
  });
}

test('corpus totals: 109 accepted, 29 rejected (MANIFEST.md: 118 and 20, see DEVIATIONS)', () => {
  const rejected = MANIFEST.filter((r) => checkReal(r.file).diagnostics.some((d) => d.severity === 'error'));
  assert.equal(MANIFEST.length - rejected.length, 109);
  assert.equal(rejected.length, 29);
});

interface NegativeCase {
  readonly file: string;
  readonly type: string;
  readonly phrase: string;
}

function readNegatives(): NegativeCase[] {
  const lines = readFileSync(join(NEGATIVE_DIR, 'EXPECTED.tsv'), 'utf8').split('\n');
  return lines
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [file, type, phrase] = l.split('\t') as [string, string, string];
      return { file, type, phrase };
    });
}

/** Where each envoy-negative defect must be reported. */
const NEGATIVE: Readonly<Record<string, string>> = {
  'unknown-field.yaml': 'envoy-unknown-field@static_resources.clusters[0].conect_timeout',
  'wrong-type.yaml': 'envoy-wrong-type@static_resources.listeners[0].address.socket_address.port_value',
  'bad-enum.yaml': 'envoy-invalid-enum@static_resources.clusters[0].lb_policy',
  'bad-duration.yaml': 'envoy-invalid-duration@static_resources.clusters[0].connect_timeout',
  'unknown-any-type.yaml': 'envoy-unknown-type@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.@type',
  'missing-required-oneof.yaml': 'pgv-required@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0]',
  'conflicting-oneof.yaml': 'envoy-oneof-conflict@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[1].match.path',
  'missing-port.yaml': 'pgv-required@static_resources.listeners[0].address.socket_address',
  'pgv-empty-stat-prefix.yaml': 'pgv-string-length@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.stat_prefix',
  'pgv-port-out-of-range.yaml': 'pgv-number@static_resources.listeners[0].address.socket_address.port_value',
  'disallowed-deprecated-field.yaml': 'envoy-disallowed-deprecated@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.tracing.provider.typed_config.library',
  'typed-struct-unknown-field.yaml':
    'envoy-unknown-field@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.value.suppress_envoy_header',
  'json-duration-as-number.json': 'envoy-invalid-duration@static_resources.clusters[0].connect_timeout',
  'listener-bool-for-string.yaml': 'envoy-wrong-type@[0].defaultFilterChain.filters[0].typedConfig.statPrefix',
};

/** EXPECTED.tsv phrases written for another checker's wording, and what this test asserts instead. */
const PHRASING: Readonly<Record<string, string>> = {
  'disallowed-deprecated-field.yaml': 'EXPECTED.tsv wants "[deprecated]", a tag of another tool\'s output; the code envoy-disallowed-deprecated at the field\'s path says the same',
};

for (const c of readNegatives()) {
  test(`envoy-negative ${c.file}`, () => {
    const text = readFileSync(join(NEGATIVE_DIR, c.file), 'utf8');
    const result = checkEnvoyFiles([{ name: c.file, text }], c.type === 'auto' ? {} : { type: c.type });
    const errors = result.problems.filter((p) => p.severity === 'error');
    assert.ok(errors.length > 0, 'rejected');
    const expected = NEGATIVE[c.file];
    assert.ok(expected, `no expected place for ${c.file}`);
    const hit = errors.find((p) => `${p.name}@${p.path}` === expected);
    assert.ok(hit, `expected ${expected}, got ${errors.map((p) => `${p.name}@${p.path}`).join(', ')}`);
    if (PHRASING[c.file]) return;
    const diagnostic = result.diagnostics.find((d) => d.name === hit.name && d.message.startsWith(`${hit.path}:`));
    assert.ok(diagnostic?.message.includes(c.phrase), `"${diagnostic?.message}" should contain "${c.phrase}"`);
  });
}
