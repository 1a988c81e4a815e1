/**
 * compile --mode xds-files: the bootstrap keeps what cannot change live, and listeners, route
 * tables, clusters and endpoints come from DiscoveryResponse files Envoy reloads when they are
 * moved into place (PathConfigSource, envoy/config/core/v3/config_source.proto). A change
 * rewrites only the files it changes, because each file's version is a hash of its resources.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compile, type CompileResult } from '../../src/compile.js';
import { canonicalJson } from '../../src/xds/files.js';
import { updateRank } from '../../src/emit/write.js';
import { checkEnvoyFiles } from '../../src/check/index.js';
import { meshc } from '../helpers/cli.js';
import { exampleDirs } from '../helpers/corpus.js';
import { GOLDEN_DIR, goldenCases, readCaseSources } from '../helpers/golden.js';

const MESH = (split: string, v2: string, sidecar = '') => `
apiVersion: meshc/v1
mesh: { name: store, trustDomain: store.example${sidecar} }
services:
  web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.20.0.1] } }, calls: [catalog] }
  catalog:
    protocol: http
    port: 9090
    versions: { v1: { endpoints: [10.20.1.1] }, v2: { endpoints: [${v2}] } }
    routes: [{ split: ${split} }]
`;

function xds(text: string): CompileResult {
  const result = compile([{ name: 'mesh.yaml', text }], { mode: 'xds-files' });
  assert.deepEqual(result.diagnostics, []);
  return result;
}

const contents = (r: CompileResult): Map<string, string> => new Map(r.files.map((f) => [f.path, f.content]));

function changed(a: CompileResult, b: CompileResult): string[] {
  const before = contents(a);
  const after = contents(b);
  return [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
}

test('every example compiles in xds-files mode, and each sidecar\u2019s files check clean together as Envoy would load them', () => {
  for (const dir of exampleDirs()) {
    const result = compile([dir], { mode: 'xds-files' });
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === 'error'),
      [],
      dir,
    );
    const services = new Set(result.files.map((f) => f.path.split('/')[0]).filter((s) => s !== '_mesh'));
    for (const service of services) {
      const files = result.files.filter((f) => f.path.startsWith(`${service}/`)).map((f) => ({ name: f.path, text: f.content }));
      assert.deepEqual(checkEnvoyFiles(files, { together: true, strict: true }).diagnostics, [], `${dir} ${service}`);
    }
  }
});

test('the bootstrap holds no listener and no cluster; LDS and CDS are read from xdsDir', () => {
  const result = xds(MESH('{ v1: 90, v2: 10 }', '10.20.2.1', ', sidecar: { xdsDir: /srv/envoy/xds }'));
  type Source = { path_config_source: { path: string; watched_directory: { path: string } } };
  const bootstrap = parse(contents(result).get('web/bootstrap.yaml') ?? '') as {
    static_resources: unknown;
    dynamic_resources: { lds_config: Source; cds_config: Source };
  };
  assert.deepEqual(bootstrap.static_resources, { clusters: [], listeners: [] });
  assert.deepEqual(bootstrap.dynamic_resources.lds_config.path_config_source, { path: '/srv/envoy/xds/lds.yaml', watched_directory: { path: '/srv/envoy/xds' } });
  assert.equal(bootstrap.dynamic_resources.cds_config.path_config_source.path, '/srv/envoy/xds/cds.yaml');
});

test('each file is a DiscoveryResponse whose version is the hash of its resources; an RDS file holds exactly the table it is named for', () => {
  for (const file of xds(MESH('{ v1: 90, v2: 10 }', '10.20.2.1')).files.filter((f) => f.path.includes('/xds/'))) {
    const response = parse(file.content) as { version_info: string; type_url: string; resources: { '@type': string; name?: string }[] };
    const hash = createHash('sha256').update(canonicalJson(response.resources)).digest('hex').slice(0, 16);
    assert.equal(response.version_info, hash, file.path);
    assert.ok(
      response.resources.every((r) => r['@type'] === response.type_url),
      file.path,
    );
    // source/common/rds/rds_route_config_subscription.cc: one RouteConfiguration, named as route_config_name.
    if (file.path.includes('/rds/')) assert.equal(response.resources.length, 1, file.path);
  }
});

test('a new endpoint rewrites only the EDS file of its version; a new split only the callers\u2019 RDS file', () => {
  const base = xds(MESH('{ v1: 90, v2: 10 }', '10.20.2.1'));
  // Prometheus scrapes every workload, so its file lists the new one too.
  assert.deepEqual(changed(base, xds(MESH('{ v1: 90, v2: 10 }', '10.20.2.1, 10.20.2.2'))), ['_mesh/prometheus.yml', 'web/xds/eds/outbound.catalog.v2.yaml']);
  assert.deepEqual(changed(base, xds(MESH('{ v1: 50, v2: 50 }', '10.20.2.1'))), ['web/xds/rds/outbound.catalog.yaml']);
  assert.deepEqual(changed(base, xds(MESH('{ v1: 90, v2: 10 }', '10.20.2.1'))), [], 'the same mesh, the same bytes');
});

test('meshc compile --mode xds-files writes the files; an unknown mode is a usage error', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'meshc-xds-')), 'out');
  const r = meshc(['compile', 'examples/canary', '--out', out, '--mode', 'xds-files']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(out, 'checkout', 'xds', 'lds.yaml')));
  const bad = meshc(['compile', 'examples/canary', '--out', out, '--mode', 'live']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /expected one of static, xds-files/);
});

test('every golden case that compiles also compiles as xds files, checked clean (SPIRE, JWT, rate limits, tracing, TCP, …)', () => {
  let compiled = 0;
  for (const name of goldenCases()) {
    const sources = readCaseSources(join(GOLDEN_DIR, name));
    if (compile(sources).files.length === 0) continue;
    const result = compile(sources, { mode: 'xds-files' });
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
      [],
      name,
    );
    compiled++;
  }
  assert.ok(compiled > 50, `${compiled} golden cases`);
});

describe('compile --mode xds-files updates its output file by file, as Envoy watches it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-xds-inplace-'));
  const mesh = join(dir, 'mesh.yaml');
  const out = join(dir, 'out');
  const eds = join(out, 'web', 'xds', 'eds', 'outbound.catalog.v2.yaml');
  const lds = join(out, 'web', 'xds', 'lds.yaml');
  const run = (text: string) => {
    writeFileSync(mesh, text);
    const r = meshc(['compile', mesh, '--out', out, '--mode', 'xds-files']);
    assert.equal(r.status, 0, r.stderr);
  };

  test('an unchanged file keeps its inode and mtime; a changed one is replaced by a rename (a new inode); stale files go', () => {
    run(MESH('{ v1: 90, v2: 10 }', '10.20.2.1'));
    const before = { lds: statSync(lds), eds: statSync(eds), dir: statSync(join(out, 'web', 'xds')) };
    run(MESH('{ v1: 90, v2: 10 }', '10.20.2.1, 10.20.2.2'));
    assert.equal(statSync(lds).ino, before.lds.ino);
    assert.equal(statSync(lds).mtimeMs, before.lds.mtimeMs);
    assert.notEqual(statSync(eds).ino, before.eds.ino, 'renamed into place: Envoy reloads on a move');
    assert.match(readFileSync(eds, 'utf8'), /10\.20\.2\.2/);
    assert.equal(statSync(join(out, 'web', 'xds')).ino, before.dir.ino, 'the watched directory itself stays');
    assert.deepEqual(
      readdirSync(join(out, 'web', 'xds', 'eds')).filter((f) => f.includes('meshc-tmp')),
      [],
    );
    // catalog no longer calls anything new, but a removed version's EDS file disappears.
    run(MESH('{ v1: 100 }', '10.20.2.1').replace(', v2: { endpoints: [10.20.2.1] }', ''));
    assert.ok(!existsSync(eds));
  });

  test('files are written clusters first, then endpoints, route tables, listeners (make before break)', () => {
    const paths = ['web/bootstrap.yaml', 'web/xds/lds.yaml', 'web/xds/rds/a.yaml', 'web/xds/eds/a.yaml', 'web/xds/cds.yaml', 'web/sds/identity.yaml'];
    assert.deepEqual(
      [...paths].sort((a, b) => updateRank(a) - updateRank(b)),
      ['web/sds/identity.yaml', 'web/xds/cds.yaml', 'web/xds/eds/a.yaml', 'web/xds/rds/a.yaml', 'web/xds/lds.yaml', 'web/bootstrap.yaml'],
    );
  });

  test('xdsDir may name the service: {service} becomes each sidecar\u2019s own directory', () => {
    const r = xds(MESH('{ v1: 90, v2: 10 }', '10.20.2.1', ', sidecar: { xdsDir: "/var/lib/meshc/out/{service}/xds" }'));
    assert.match(contents(r).get('web/bootstrap.yaml') ?? '', /path: \/var\/lib\/meshc\/out\/web\/xds\/lds\.yaml/);
    assert.match(contents(r).get('catalog/bootstrap.yaml') ?? '', /path: \/var\/lib\/meshc\/out\/catalog\/xds\/lds\.yaml/);
  });
});
