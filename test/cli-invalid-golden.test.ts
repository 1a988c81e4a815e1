/**
 * The CLI on every invalid golden case: `meshc validate golden/<case>/input` exits 1 and prints
 * first the diagnostic the case's diagnostics.txt lists first, at the same place, with the path
 * as given on the command line. Run in process (a process per case made this the slowest test);
 * test/cli/validate.test.ts runs the built executable on an invalid mesh.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR, goldenCases } from './helpers/golden.js';
import { meshcInProcess } from './helpers/cli.js';

const HEADER = /^(\S+:\d+:\d+: (?:error|warning) MC\d{4}) /;

interface Invalid {
  readonly name: string;
  /** `input/<file>:<line>:<col>: error <CODE>` of the first diagnostic. */
  readonly first: string;
}

function invalidCases(): Invalid[] {
  return goldenCases()
    .filter((name) => name.startsWith('error-'))
    .flatMap((name) => {
      const text = readFileSync(join(GOLDEN_DIR, name, 'diagnostics.txt'), 'utf8');
      const headers = text.split('\n').flatMap((line) => HEADER.exec(line)?.[1] ?? []);
      const first = headers[0];
      return first !== undefined && headers.some((h) => / error MC/.test(h)) ? [{ name, first }] : [];
    });
}

const cases = invalidCases();

test('there are invalid golden cases to run', () => {
  assert.ok(cases.length >= 30, `found only ${cases.length} golden/error-* cases with errors`);
});

describe('meshc validate on invalid golden cases', () => {
  for (const { name, first } of cases) {
    test(name, async () => {
      const { status, stdout, stderr } = await meshcInProcess(['validate', `golden/${name}/input`]);
      assert.equal(stderr, '');
      assert.equal(status, 1, stdout);
      const firstLine = stdout.split('\n')[0] ?? '';
      const expected = `golden/${name}/${first}`;
      assert.ok(firstLine.startsWith(`${expected} `), `expected a line starting with\n  ${expected}\ngot\n  ${firstLine}`);
    });
  }
});
