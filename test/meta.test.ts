/**
 * The conventions that keep meshc navigable, enforced: every rule and policy file is registered
 * under its file name, every diagnostic is documented and used, every policy has golden cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODES } from '../src/diagnostics/codes.js';
import { RULES } from '../src/validate/rules/index.js';
import { POLICIES } from '../src/policies/index.js';
import { FEATURES } from '../src/features/index.js';
import type { Feature } from '../src/features/feature.js';
import { goldenCases } from './helpers/golden.js';
import { repoPath } from './helpers/paths.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The modules of a registry folder: its files, and sub-folders with an index.js (a module grown into a folder). */
function moduleFiles(dir: string, exclude: readonly string[]): string[] {
  return readdirSync(repoPath('dist', dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? [`${e.name}/index.js`] : e.name.endsWith('.js') && !exclude.includes(e.name) ? [e.name] : []))
    .sort();
}

function moduleId(file: string): string {
  return basename(file.endsWith('/index.js') ? file.slice(0, -'/index.js'.length) : file, '.js');
}

async function exportsWithId(dir: string, file: string): Promise<{ id: string }[]> {
  const module = (await import(pathToFileURL(repoPath('dist', dir, file)).href)) as Record<string, unknown>;
  return Object.values(module).filter((v): v is { id: string } => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string');
}

/** Folders whose files are rules: the core rules, and each feature unit's rules/. */
function ruleFolders(): string[] {
  return ['src/validate/rules', ...featureFolders().map((f) => `src/features/${f}/rules`)].filter((dir) => existsSync(repoPath('dist', dir)));
}

function featureFolders(): string[] {
  return readdirSync(repoPath('dist', 'src/features'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

test('every rule file exports one rule named after the file, and the registry lists them all once', async () => {
  const ids: string[] = [];
  for (const dir of ruleFolders()) {
    for (const file of moduleFiles(dir, ['index.js'])) {
      const rules = await exportsWithId(dir, file);
      assert.equal(rules.length, 1, `${dir}/${file} should export exactly one rule`);
      assert.equal(rules[0]?.id, basename(file, '.js'), `${dir}/${file}: rule id must equal the file name`);
      ids.push(basename(file, '.js'));
    }
  }
  assert.deepEqual([...RULES.map((r) => r.id)].sort(), ids.sort());
  assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length, 'a rule is registered twice');
});

test('every feature folder is registered once under its name, with exactly its own rules and codes', async () => {
  assert.deepEqual(FEATURES.map((f) => f.id).sort(), featureFolders());
  for (const feature of FEATURES as readonly Feature[]) {
    const dir = `src/features/${feature.id}/rules`;
    const files = existsSync(repoPath('dist', dir)) ? moduleFiles(dir, []).map((f) => basename(f, '.js')) : [];
    assert.deepEqual(feature.rules.map((r) => r.id).sort(), files, `${feature.id}: its rules are the files of ${dir}`);
    assert.deepEqual(feature.codes.map((c) => c.name).sort(), files, `${feature.id}: its codes are its rules'`);
    if (feature.lower) assert.equal(feature.lower.id, feature.id, `${feature.id}: its lowering has its id`);
  }
});

test('every MC2xxx diagnostic has its rule and every rule its MC2xxx diagnostic', () => {
  const ruleCodes = CODES.filter((c) => c.code.startsWith('MC2'))
    .map((c) => c.name)
    .sort();
  assert.deepEqual([...RULES.map((r) => r.id)].sort(), ruleCodes);
});

test('diagnostic codes are unique and well formed (their documentation: test/diagnostic-docs.test.ts)', () => {
  assert.equal(new Set(CODES.map((c) => c.code)).size, CODES.length, 'duplicate code');
  assert.equal(new Set(CODES.map((c) => c.name)).size, CODES.length, 'duplicate name');
  for (const c of CODES) {
    assert.match(c.code, /^MC[1-5]\d{3}$/, c.code);
    assert.match(c.name, KEBAB, c.name);
    assert.ok(c.summary.length >= 15 && c.summary.endsWith('.'), `${c.code} needs a one-sentence summary`);
  }
});

test('every diagnostic is reported somewhere in the source', () => {
  const source = allSourceText(repoPath('src'));
  for (const c of CODES) {
    assert.ok(source.includes(`'${c.name}'`) || source.includes(`"${c.name}"`), `${c.code} ${c.name} is registered but never reported`);
  }
});

test('every policy file is registered in order with a unique id, and has golden cases', async () => {
  const files = moduleFiles('src/policies', ['index.js', 'policy.js', 'own-cluster.js', 'path-pattern.js']);
  const ids: string[] = (FEATURES as readonly Feature[]).flatMap((f) => (f.lower ? [f.id] : []));
  for (const file of files) {
    const policies = (await exportsWithId('src/policies', file)).filter((p) => 'order' in p);
    assert.equal(policies.length, 1, `${file} should export exactly one policy`);
    assert.equal(policies[0]?.id, moduleId(file), `${file}: policy id must equal the file name`);
    ids.push(moduleId(file));
  }
  assert.deepEqual([...POLICIES.map((p) => p.id)].sort(), ids.sort());
  const orders = POLICIES.map((p) => p.order);
  assert.deepEqual(
    orders,
    [...orders].sort((a, b) => a - b),
    'POLICIES must be listed in application order',
  );
  assert.equal(new Set(orders).size, orders.length, 'two policies share an order');
  const cases = goldenCases();
  for (const p of POLICIES) {
    assert.ok(
      cases.some((c) => c.startsWith(`${p.id}-`) || c === p.id),
      `policy ${p.id} has no golden/${p.id}-* case`,
    );
  }
});

function allSourceText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => {
      const full = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'codes' ? '' : allSourceText(full);
      // A code's own registration does not count as reporting it.
      return e.name.endsWith('.ts') && e.name !== 'codes.ts' ? readFileSync(full, 'utf8') : '';
    })
    .join('\n');
}

test('generated names are spelled only in src/envoy/names.ts', () => {
  // The shapes of the names that module gives: a default route or rule name, an Envoy resource
  // name with its `|` separator, a fixed meshc cluster or secret name.
  const shapes = [/`route-\$\{/, /`rule-\$\{/, /`(inbound|outbound|jwks|jwt_payload)\|/, /'meshc-(identity|trust-bundle|sds|ratelimit|xds|admin|tracing)'/];
  const offenders: string[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.name.endsWith('.ts') && full !== repoPath('src', 'envoy', 'names.ts')) {
        // Comments may quote a name; only code spells one.
        const text = readFileSync(full, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '');
        for (const shape of shapes) if (shape.test(text)) offenders.push(`${full.slice(repoPath('').length)} ${shape}`);
      }
    }
  };
  visit(repoPath('src'));
  assert.deepEqual(offenders, []);
});
