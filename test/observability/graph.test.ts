/** meshc graph: the picture in the README is the one meshc draws today, and the CLI draws it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compile } from '../../src/compile.js';
import { renderGraph } from '../../src/graph/index.js';
import { meshc } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const shop = compile(repoPath('examples', 'shop')).mesh;

test('the README shows the Mermaid picture of examples/shop as meshc draws it', () => {
  assert.ok(shop);
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const block = /<!-- meshc graph examples\/shop -->\n```mermaid\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README.md has no `<!-- meshc graph examples/shop -->` mermaid block');
  assert.equal(block[1], renderGraph(shop, 'mermaid'), 'update the README with: npx meshc graph examples/shop');
});

test('meshc graph prints Mermaid by default and DOT on request; an invalid mesh draws nothing (exit 1)', () => {
  assert.ok(shop);
  const mermaid = meshc(['graph', 'examples/shop']);
  assert.equal(mermaid.status, 0, mermaid.stderr);
  assert.equal(mermaid.stdout, renderGraph(shop, 'mermaid'));
  const dot = meshc(['graph', 'examples/shop', '--format', 'dot']);
  assert.equal(dot.status, 0);
  assert.match(dot.stdout, /^digraph "shop" \{\n/);
  assert.match(dot.stdout, /"frontend" -> "catalog\|v2" \[label="canary-by-header: x-canary=1 · timeout 1s · retries 3 × 250ms"\];/);
  const broken = meshc(['graph', 'test/cli/fixtures/unknown-service']);
  assert.equal(broken.status, 1);
  assert.equal(broken.stdout, '');
  assert.match(broken.stderr, /error MC2101 unknown-service/);
});

test('a TCP edge carries its split, idle timeout and connection retries, never the HTTP request timeout', () => {
  const { mesh } = compile([
    {
      name: 'mesh.yaml',
      text: [
        'apiVersion: meshc/v1',
        'mesh: { name: m, trustDomain: m.example, mtls: off }',
        'defaults: { timeout: 7s, retries: { attempts: 2, perTryTimeout: 1s } }',
        'services:',
        '  web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, calls: [db] }',
        '  db:',
        '    protocol: tcp',
        '    port: 5432',
        '    idleTimeout: 30m',
        '    versions: { v1: { endpoints: [10.0.0.2] }, v2: { endpoints: [10.0.0.3] } }',
        '    routes: [{ split: { v1: 90, v2: 10 } }]',
      ].join('\n'),
    },
  ]);
  assert.ok(mesh);
  const dot = renderGraph(mesh, 'dot');
  assert.match(dot, /"web" -> "db\|v1" \[label="90% · idle 1800s · connect retries 2"\];/);
  assert.match(dot, /"web" -> "db\|v2" \[label="10% · idle 1800s · connect retries 2"\];/);
  assert.doesNotMatch(dot, /timeout 7s|1s/);
});
