/**
 * Our own negative cases: test/check/negative/*.yaml, one defect each. Each file's header says
 * what the checker must report:
 *
 *   # expect: <code> <name> at <JSON path from the document root> (nothing for the root)
 *   # type: <--type>            (optional; otherwise guessed as the CLI does)
 *   # mode: strict              (optional)
 *   # defect: <what is wrong>
 *
 * The test asserts that code at that path (with a source position), that no other error is
 * reported (the defect does not cascade), and that every MC4xxx code is covered here or, for
 * the few no Envoy field can trigger in a small file, by the unit tests named below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEnvoyFiles } from '../../src/check/index.js';
import { CHECK_CODES } from '../../src/diagnostics/codes/check.js';
import { checkTestPath } from './helpers.js';

interface Case {
  readonly file: string;
  readonly code: string;
  readonly name: string;
  readonly path: string;
  readonly type?: string;
  readonly strict: boolean;
  readonly text: string;
}

const DIR = checkTestPath('negative');

function readCase(file: string): Case {
  const text = readFileSync(join(DIR, file), 'utf8');
  const header = new Map([...text.matchAll(/^# (\w+): (.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
  const expect = /^(MC4\d{3}) ([a-z0-9-]+) at ?(.*)$/.exec(header.get('expect') ?? '');
  if (!expect) throw new Error(`${file}: no "# expect: <code> <name> at <path>" header`);
  const type = header.get('type');
  return {
    file,
    code: expect[1] as string,
    name: expect[2] as string,
    path: expect[3] as string,
    ...(type ? { type } : {}),
    strict: header.get('mode') === 'strict',
    text,
  };
}

const CASES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map(readCase);

/** Codes no small Envoy config can trigger, and the unit tests that cover them instead. */
const COVERED_ELSEWHERE: Readonly<Record<string, string>> = {
  'envoy-invalid-field-mask': 'no Envoy config field is a FieldMask: test/check/well-known.test.ts',
  'envoy-unchecked-type': 'a warning, not a defect: test/check/structure.test.ts (TypedStruct of a foreign type, --allow-unknown-types)',
  'pgv-any': 'no Envoy field has any.in/not_in: test/check/pgv/any.test.ts',
  'pgv-timestamp': 'no Envoy config field has timestamp rules: test/check/pgv/timestamp.test.ts',
  'message-too-large': 'needs a 4 MiB file: test/check/invariants/message-size.test.ts',
  'message-large': 'needs a 1 MiB file: test/check/invariants/message-size.test.ts',
};

test('there are at least 60 cases', () => {
  assert.ok(CASES.length >= 60, `${CASES.length} cases`);
});

for (const c of CASES) {
  test(c.file, () => {
    const result = checkEnvoyFiles([{ name: c.file, text: c.text }], { ...(c.type ? { type: c.type } : {}), strict: c.strict });
    const found = result.problems.map((p) => `${p.code} ${p.name} at ${p.path}`);
    assert.ok(found.includes(`${c.code} ${c.name} at ${c.path}`), `expected ${c.code} ${c.name} at ${c.path}, got ${JSON.stringify(found)}`);
    const others = result.diagnostics.filter((d) => d.severity === 'error' && d.code !== c.code);
    assert.deepEqual(
      others.map((d) => d.message),
      [],
      'one defect, one kind of error',
    );
    const diagnostic = result.diagnostics.find((d) => d.code === c.code);
    const headerLines = c.text.split('\n').findIndex((line) => !line.startsWith('#'));
    assert.ok(diagnostic?.location && diagnostic.location.line > headerLines, 'reported at a line of the document, below the header');
  });
}

test('every MC4xxx code has a case here or a unit test named in COVERED_ELSEWHERE', () => {
  const covered = new Set(CASES.map((c) => c.name));
  const missing = CHECK_CODES.map((c) => c.name).filter((n) => !covered.has(n) && !(n in COVERED_ELSEWHERE));
  assert.deepEqual(missing, []);
});
