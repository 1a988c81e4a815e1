/** The README runs `npx meshc …` in a fresh clone: the package's bin must be built as an executable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO_ROOT, repoPath } from '../helpers/paths.js';

test('npx meshc runs the built bin in the repository', () => {
  const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string };
  const r = spawnSync('npx', ['--no-install', 'meshc', '--version'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), pkg.version);
});
