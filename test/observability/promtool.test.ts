/**
 * The generated Prometheus configuration, rules and dashboard queries, checked by the real
 * promtool: `check config` (which also reads the rule files and the TLS files Prometheus
 * presents), `check rules`, and every dashboard query parsed as PromQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { compile } from '../../src/compile.js';
import { writeOutput } from '../../src/emit/write.js';
import { issueCerts, initCa, loadMeshIdentity } from '../../src/certs/index.js';
import { compileCase, goldenCases } from '../helpers/golden.js';
import { repoPath } from '../helpers/paths.js';
import { promtool, promtoolMissing } from '../helpers/promtool.js';

const skip = promtoolMissing();

/** examples/shop with its certificates in a temp dir, so Prometheus' TLS files exist. */
async function shopWithCertificates(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-promtool-'));
  const certs = join(dir, 'certs');
  const mesh = readFileSync(repoPath('examples', 'shop', 'mesh.yaml'), 'utf8').replace(/^ {2}mtls: strict.*$/m, `  mtls: strict\n  certificates: { dir: ${certs} }`);
  writeFileSync(join(dir, 'mesh.yaml'), mesh);
  const identity = loadMeshIdentity(join(dir, 'mesh.yaml')).identity;
  assert.ok(identity);
  assert.deepEqual((await initCa({ out: certs, trustDomain: identity.trustDomain })).diagnostics, []);
  assert.deepEqual((await issueCerts({ out: certs, mesh: identity })).diagnostics, []);
  const result = compile(join(dir, 'mesh.yaml'));
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(writeOutput(join(dir, 'out'), result.files), []);
  return join(dir, 'out');
}

test('promtool accepts the Prometheus configuration of examples/shop, with its rules and TLS files', { skip }, async () => {
  const out = await shopWithCertificates();
  const check = promtool(['check', 'config', join(out, '_mesh', 'prometheus.yml')]);
  assert.equal(check.status, 0, check.output);
  assert.match(check.output, /SUCCESS: 1 rule files found/);
  assert.match(check.output, /SUCCESS: \d+ rules found/);
});

test('promtool accepts the rules of every golden case', { skip }, () => {
  // Compiled here: most cases leave their _mesh/ files out of the golden output.
  const dir = mkdtempSync(join(tmpdir(), 'meshc-promtool-rules-'));
  const files = goldenCases().flatMap((name) => {
    const rules = compileCase(name).result.files.find((f) => f.path === '_mesh/rules.yml');
    if (!rules) return [];
    const path = join(dir, `${name}.yml`);
    writeFileSync(path, rules.content);
    return [path];
  });
  assert.ok(files.length >= 20, `only ${files.length} rule files`);
  const check = promtool(['check', 'rules', ...files]);
  assert.equal(check.status, 0, check.output);
});

interface Dashboard {
  readonly panels: readonly { readonly type: string; readonly title: string; readonly targets?: readonly { readonly expr: string }[] }[];
}

test('every dashboard query is PromQL promtool can parse, and each golden signal has a panel', { skip }, () => {
  const file = compileCase('monitoring-scrape-jobs').result.files.find((f) => f.path === '_mesh/grafana-dashboard.json');
  assert.ok(file, 'the case writes a dashboard');
  const dashboard = JSON.parse(file.content) as Dashboard;
  const panels = dashboard.panels.filter((p) => p.type === 'timeseries');
  for (const signal of ['Traffic', 'Errors', 'Latency', 'Saturation']) {
    const found = panels.filter((p) => p.title.startsWith(`${signal}:`));
    assert.equal(found.length, 2, `${signal}: one panel in the overview, one in the service view`);
    for (const p of found) assert.ok((p.targets ?? []).length > 0 && p.targets?.every((t) => t.expr.length > 0));
  }
  // Grafana substitutes $service before querying; any regex stands in for it here.
  const rules = panels.flatMap((p, i) => (p.targets ?? []).map((t, k) => ({ record: `meshc_dashboard_query_${i}_${k}`, expr: t.expr.replaceAll('$service', '.*') })));
  const dir = mkdtempSync(join(tmpdir(), 'meshc-dashboard-'));
  writeFileSync(join(dir, 'queries.yml'), stringify({ groups: [{ name: 'dashboard', rules }] }));
  const check = promtool(['check', 'rules', join(dir, 'queries.yml')]);
  assert.equal(check.status, 0, check.output);
  assert.match(check.output, new RegExp(`SUCCESS: ${rules.length} rules found`));
});
