/**
 * Removing a cluster in place, make before break. Envoy applies each xDS file the moment it is
 * moved into its watched directory (source/extensions/config_subscription/filesystem/
 * filesystem_subscription_impl.cc: refresh() on every move, then onConfigUpdate with the whole
 * file), and CDS is state of the world: a cluster missing from the file is removed
 * (source/common/upstream/cds_api_impl.cc, onConfigUpdate: clusters_to_remove). A route naming a
 * cluster Envoy does not have is answered locally, 503 with flag NC (source/common/router/
 * router.cc: NoClusterFound). So at every rename, each cluster a route names must be in cds.yaml.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { writeOutput } from '../../src/emit/write.js';
import { serialize } from '../../src/emit/serialize.js';
import { xdsVersion } from '../../src/xds/files.js';

const MESH = (versions: string, split: string) => `
apiVersion: meshc/v1
mesh: { name: store, trustDomain: store.example }
services:
  web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.20.0.1] } }, calls: [catalog] }
  catalog:
    protocol: http
    port: 9090
    versions: { ${versions} }
    routes: [{ split: ${split} }]
`;
const WITH_V2 = MESH('v1: { endpoints: [10.20.1.1] }, v2: { endpoints: [10.20.2.1] }', '{ v1: 90, v2: 10 }');
const WITHOUT_V2 = MESH('v1: { endpoints: [10.20.1.1] }', '{ v1: 100 }');
const V2 = 'outbound|catalog|v2';

interface Response {
  version_info: string;
  resources: { name: string }[];
}
interface Replace {
  path: string;
  content: string;
}

/** `out` written in place from `text`; each rename recorded, and `check` run right after it. */
function update(out: string, text: string, check: (soFar: readonly Replace[]) => void = () => {}): Replace[] {
  const result = compile([{ name: 'mesh.yaml', text }], { mode: 'xds-files' });
  assert.deepEqual(result.diagnostics, []);
  const replaced: Replace[] = [];
  let failure: unknown;
  const onReplace = (path: string, content: string) => {
    replaced.push({ path, content });
    try {
      check(replaced);
    } catch (error) {
      failure ??= error; // thrown here, writeOutput would turn it into a diagnostic
    }
  };
  const diagnostics = writeOutput(out, result.files, { inPlace: true, onReplace });
  if (failure !== undefined) throw failure;
  assert.deepEqual(diagnostics, []);
  return replaced;
}

const readResponse = (path: string): Response => parse(readFileSync(path, 'utf8')) as Response;
const names = (r: Response): string[] => r.resources.map((c) => c.name);

/** Clusters named by the route tables and listeners of one sidecar, as they are on disk now. */
function namedClusters(xdsDir: string): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      if (key === 'cluster' && typeof v === 'string') found.add(v);
      if (key === 'weighted_clusters') for (const c of (v as { clusters: { name: string }[] }).clusters) found.add(c.name);
      walk(v);
    }
  };
  const rds = join(xdsDir, 'rds');
  for (const f of readdirSync(rds).filter((n) => n.endsWith('.yaml'))) walk(parse(readFileSync(join(rds, f), 'utf8')));
  walk(parse(readFileSync(join(xdsDir, 'lds.yaml'), 'utf8')));
  return found;
}

function everyNamedClusterExists(out: string): void {
  for (const service of ['web', 'catalog']) {
    const xdsDir = join(out, service, 'xds');
    const clusters = new Set(names(readResponse(join(xdsDir, 'cds.yaml'))));
    const missing = [...namedClusters(xdsDir)].filter((c) => !clusters.has(c));
    assert.deepEqual(missing, [], `${service}: routes name clusters cds.yaml lacks`);
  }
}

const freshOut = () => join(mkdtempSync(join(tmpdir(), 'meshc-xds-removal-')), 'out');

test('dropping v2 from a split: at every rename each cluster a route names is in cds.yaml; the final cds.yaml has no v2', () => {
  const out = freshOut();
  update(out, WITH_V2);
  assert.ok(namedClusters(join(out, 'web', 'xds')).has(V2), 'the split names v2 to begin with');
  const replaced = update(out, WITHOUT_V2, () => everyNamedClusterExists(out));
  assert.deepEqual(
    replaced.map((r) => r.path).filter((p) => p.startsWith('web/xds/')),
    ['web/xds/cds.yaml', 'web/xds/rds/outbound.catalog.yaml', 'web/xds/cds.yaml'],
    'interim clusters, the route table, then the final clusters',
  );
  assert.ok(!names(readResponse(join(out, 'web', 'xds', 'cds.yaml'))).includes(V2));
  assert.ok(!existsSync(join(out, 'web', 'xds', 'eds', 'outbound.catalog.v2.yaml')), 'the removed EDS file goes, last');
});

test('the interim cds.yaml holds the new clusters plus the dropped one, with its own content-hash version', () => {
  const out = freshOut();
  update(out, WITH_V2);
  const cds = join(out, 'web', 'xds', 'cds.yaml');
  const old = readResponse(cds);
  let edsAtFinal: boolean | undefined;
  const replaced = update(out, WITHOUT_V2, (soFar) => {
    const cdsWrites = soFar.filter((r) => r.path === 'web/xds/cds.yaml').length;
    if (cdsWrites === 2) edsAtFinal ??= existsSync(join(out, 'web', 'xds', 'eds', 'outbound.catalog.v2.yaml'));
  });
  const [interimText, finalText] = replaced.filter((r) => r.path === 'web/xds/cds.yaml').map((r) => r.content);
  assert.ok(interimText !== undefined && finalText !== undefined);
  const interim = parse(interimText) as Response;
  const final = parse(finalText) as Response;
  assert.deepEqual(names(interim), [...names(final), V2]);
  assert.equal(interim.version_info, xdsVersion(interim.resources));
  assert.notEqual(interim.version_info, old.version_info);
  assert.notEqual(interim.version_info, final.version_info);
  assert.equal(interimText, serialize(interim, 'yaml'), 'written as meshc writes a .yaml file');
  assert.equal(edsAtFinal, true, 'v2 keeps its endpoints until the final cds.yaml is in');
});

test('adding a cluster writes cds.yaml once, before the route table that names it', () => {
  const out = freshOut();
  update(out, WITHOUT_V2);
  const replaced = update(out, WITH_V2, () => everyNamedClusterExists(out));
  assert.deepEqual(
    replaced.map((r) => r.path).filter((p) => p.startsWith('web/xds/')),
    ['web/xds/cds.yaml', 'web/xds/eds/outbound.catalog.v2.yaml', 'web/xds/rds/outbound.catalog.yaml'],
  );
});

test('an old cds.yaml that is not a readable DiscoveryResponse is replaced once, without an interim file', () => {
  for (const corrupt of ['resources: [ {{ not yaml', 'version_info: x\ntype_url: y\nresources: 3\n', '[1, 2]\n', '']) {
    const out = freshOut();
    update(out, WITH_V2);
    writeFileSync(join(out, 'web', 'xds', 'cds.yaml'), corrupt);
    const replaced = update(out, WITHOUT_V2);
    assert.deepEqual(replaced.filter((r) => r.path === 'web/xds/cds.yaml').length, 1, JSON.stringify(corrupt));
    assert.ok(!names(readResponse(join(out, 'web', 'xds', 'cds.yaml'))).includes(V2));
  }
});

test('an old cds file in JSON is read too: dropping v2 still goes through an interim file', () => {
  const out = freshOut();
  update(out, WITH_V2);
  const cds = join(out, 'web', 'xds', 'cds.yaml');
  writeFileSync(cds, JSON.stringify(readResponse(cds)));
  const replaced = update(out, WITHOUT_V2, () => everyNamedClusterExists(out));
  const interim = replaced.find((r) => r.path === 'web/xds/cds.yaml');
  assert.ok(interim !== undefined);
  assert.ok(names(parse(interim.content) as Response).includes(V2));
});
