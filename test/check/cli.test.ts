/** `meshc check-envoy` end to end: exit codes, formats, --type, --strict, --together. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOOTSTRAP_YAML, CLI, checkTestPath, dedent, URL } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'meshc-check-envoy-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check-envoy', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const valid = file('envoy.yaml', dedent(BOOTSTRAP_YAML));
const invalid = file('broken.yaml', dedent(BOOTSTRAP_YAML).replace('connect_timeout: 1s', 'connect_timeout: 250ms'));
const warningOnly = file('warn.yaml', dedent(BOOTSTRAP_YAML).replace('connect_timeout: 1s', 'connect_timeout: 1s\n    max_requests_per_connection: 10'));

test('valid and warning-only files exit 0', () => {
  const r = run(valid, warningOnly);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /warning MC4014 envoy-deprecated/);
  assert.match(r.stdout, /2 files \(2 resources\): 2 valid, 0 invalid/);
});

test('errors exit 1 and are reported at file:line:col with the JSON path', () => {
  const r = run(invalid);
  assert.equal(r.code, 1);
  const line =
    dedent(BOOTSTRAP_YAML)
      .split('\n')
      .findIndex((l) => l.includes('connect_timeout')) + 1;
  assert.match(r.stdout, new RegExp(`broken\\.yaml:${line}:22: error MC4005 envoy-invalid-duration: static_resources\\.clusters\\[0\\]\\.connect_timeout: `));
  assert.match(r.stdout, /> \d+ \|     connect_timeout: 250ms\n\s+\| {22}\^{5}\n/, 'code frame under "250ms"');
});

test('--format json and --format github', () => {
  const json = run('--format', 'json', invalid);
  assert.equal(json.code, 1);
  const diagnostics = JSON.parse(json.stdout) as { code: string; location: { line: number } }[];
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['MC4005'],
  );
  const github = run('--format', 'github', invalid);
  assert.match(github.stdout, /^::error file=.*broken\.yaml,line=\d+,col=22,.*title=MC4005 envoy-invalid-duration::/m);
});

test('--type takes aliases and full names; a list is checked element by element', () => {
  const clusters = file(
    'clusters.yaml',
    dedent(`
      - name: a
        connect_timeout: 1s
      - name: b
        connect_timeout: 5
    `),
  );
  for (const type of ['cluster', 'envoy.config.cluster.v3.Cluster']) {
    const r = run('--type', type, clusters);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /clusters\.yaml:4:20: error MC4005 envoy-invalid-duration: \[1\]\.connect_timeout/);
  }
  const corpus = checkTestPath('corpus', 'envoy-real', 'envoyproxy-gateway', 'internal', 'xds', 'translator', 'testdata', 'out', 'xds-ir', 'http-route-mirror.routes.yaml');
  assert.equal(run('--type', 'route', corpus).code, 0);
});

test('usage errors exit 2: an unknown --type, an unknown format', () => {
  const r = run('--type', 'clustr', valid);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no message clustr in the Envoy API/);
  assert.equal(run('--format', 'xml', valid).code, 2);
});

test('a missing file is an error', () => {
  const r = run(join(dir, 'nope.yaml'));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /MC5001 input-not-found/);
});

test('--strict demands canonical proto3 JSON', () => {
  const lenient = file('lenient.yaml', dedent(BOOTSTRAP_YAML).replace('type: STATIC', 'type: static'));
  assert.equal(run(lenient).code, 0);
  const r = run('--strict', lenient);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /MC4013 envoy-non-canonical: static_resources\.clusters\[0\]\.type: enum names are written exactly: "STATIC"/);
});

test('--together relates a bootstrap and its xDS files; JSON and multi-document YAML are read', () => {
  const bootstrap = file(
    'bootstrap.json',
    JSON.stringify({
      dynamic_resources: {
        lds_config: { path_config_source: { path: '/etc/envoy/lds.yaml' } },
        cds_config: { path_config_source: { path: '/etc/envoy/cds.yaml' } },
      },
    }),
  );
  // An inline route table: Envoy validates its clusters at load (a tcp_proxy's would only be a warning).
  const listeners = file(
    'lds.yaml',
    dedent(`
      resources:
      - "@type": ${URL.listener}
        name: ingress
        address: {socket_address: {address: 0.0.0.0, port_value: 8080}}
        filter_chains:
        - filters:
          - name: hcm
            typed_config:
              "@type": ${URL.hcm}
              stat_prefix: ingress
              route_config: {virtual_hosts: [{name: all, domains: ["*"], routes: [{match: {prefix: /}, route: {cluster: db}}]}]}
              http_filters: [{name: router, typed_config: {"@type": ${URL.router}}}]
      ---
      resources: []
    `),
  );
  const clusters = file('cds.yaml', `resources:\n- {"@type": ${URL.cluster}, name: web, connect_timeout: 1s}\n`);
  assert.equal(run(bootstrap, listeners, clusters).code, 0, 'each on its own: the cluster may come from elsewhere');
  const r = run('--together', bootstrap, listeners, clusters);
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /lds\.yaml:11:115: error MC4107 unknown-cluster: resources\[0\]\.filter_chains\[0\]\.filters\[0\]\.typed_config\.route_config\.virtual_hosts\[0\]\.routes\[0\]\.route\.cluster: cluster "db" does not exist/,
  );
});

test('--help shows examples', () => {
  const r = spawnSync(process.execPath, [CLI, 'check-envoy', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Examples:\n\s+\$ meshc check-envoy envoy\.yaml/);
});

test('meshc explain knows the checker codes', () => {
  const r = spawnSync(process.execPath, [CLI, 'explain', 'MC4110'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^MC4110 envoy-invalid-regex \(error\)/);
});

test('a directory of meshc output checks clean: Prometheus, Grafana and ratelimit files are skipped and named, not read as bootstraps', () => {
  const out = mkdtempSync(join(tmpdir(), 'meshc-check-out-'));
  const compiled = spawnSync(process.execPath, [CLI, 'compile', join(checkTestPath('..', '..'), 'golden', 'rate-limit-global', 'input'), '--out', out], { encoding: 'utf8' });
  assert.equal(compiled.status, 0, compiled.stderr);
  const r = run('--strict', out);
  assert.equal(r.code, 0, r.stdout);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], '6 files (6 resources): 6 valid, 0 invalid');
  assert.equal(
    lines[1],
    `skipped, not Envoy configuration: ${['grafana-dashboard.json (Grafana dashboard)', 'prometheus.yml (Prometheus configuration)', 'ratelimit/config.yaml (envoyproxy/ratelimit configuration)', 'rules.yml (Prometheus rules)'].map((f) => join(out, '_mesh', f)).join(', ')}`,
  );
});

test('a file named on the command line is always checked, whatever it looks like', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-check-named-'));
  const rules = join(dir, 'rules.yml');
  writeFileSync(rules, 'groups: []\n');
  const r = run(rules);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /unknown field "groups"/);
});
