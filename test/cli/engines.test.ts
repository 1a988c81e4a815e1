/**
 * Every installed package admits the oldest Node that package.json's `engines` promises, so
 * `npm install` on it prints no EBADENGINE warning (commander 15 wanted Node >= 22.12 while
 * meshc says >= 20). The ranges in the lock file are simple comparator sets joined by `||`
 * (`>=X.Y.Z`, `^X.Y.Z`, `X.*`, `X.x`, `*`); anything else fails the test so it is looked at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../helpers/paths.js';

type Version = readonly [number, number, number];

function parseVersion(text: string): Version {
  const [a = 0, b = 0, c = 0] = text.split('.').map((p) => (p === '*' || p === 'x' ? 0 : Number(p)));
  return [a, b, c];
}

const compare = (x: Version, y: Version): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/** Does `range` admit `version`? */
export function admits(range: string, version: Version): boolean {
  return range.split('||').some((alternative) => {
    const set = alternative.trim().replace(/(>=|<=|>|<)\s+/g, '$1');
    return set.split(/\s+/).every((comparator) => {
      if (comparator === '*' || comparator === '') return true;
      const m = /^(>=|<=|>|<|\^)?v?([0-9]+(?:\.[0-9x*]+){0,2}|[0-9]+\.[x*])$/.exec(comparator);
      assert.ok(m, `range "${range}" is not understood by this test`);
      const [op, bound] = [m[1], parseVersion(m[2] ?? '')];
      const c = compare(version, bound);
      if (op === '>=') return c >= 0;
      if (op === '>') return c > 0;
      if (op === '<=') return c <= 0;
      if (op === '<') return c < 0;
      // ^X.Y.Z (X > 0): at least X.Y.Z, below the next major.
      if (op === '^') return c >= 0 && version[0] === bound[0];
      // A bare X or X.* / X.x: that major (and minor, if given).
      const parts = (m[2] ?? '').split('.');
      return parts.every((p, i) => p === '*' || p === 'x' || Number(p) === version[i]);
    });
  });
}

test('the range reader itself', () => {
  assert.equal(admits('>=22.12.0', [20, 0, 0]), false);
  assert.equal(admits('>= 14.6', [20, 0, 0]), true);
  assert.equal(admits('6.* || 8.* || >= 10.*', [20, 0, 0]), true);
  assert.equal(admits('4.x || >=6.0.0', [5, 1, 0]), false);
  assert.equal(admits('^16 || ^18 || >=20', [20, 0, 0]), true);
  assert.equal(admits('^18.2 || ^22', [20, 0, 0]), false);
  assert.equal(admits('^18.2', [18, 1, 0]), false);
});

test('every dependency admits the oldest Node meshc supports', () => {
  const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { engines: { node: string } };
  const floor = /^>=\s*([0-9.]+)$/.exec(pkg.engines.node)?.[1];
  assert.ok(floor, `engines.node "${pkg.engines.node}" should be a >= range`);
  const lock = JSON.parse(readFileSync(repoPath('package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[] }>;
  };
  const refusing = Object.entries(lock.packages)
    .filter(([name, p]) => name !== '' && !Array.isArray(p.engines) && p.engines?.node !== undefined)
    .filter(([, p]) => !admits((p.engines as { node: string }).node, parseVersion(floor)))
    .map(([name, p]) => `${name} (${(p.engines as { node: string }).node})`);
  assert.deepEqual(refusing, []);
});
