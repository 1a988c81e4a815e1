/** `meshc validate`, `schema` and `explain`: output formats and exit codes (in process, but for one run of the executable). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { meshc, meshcInProcess } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const INVALID = 'test/cli/fixtures/unknown-service';

test('validate reports nothing and exits 0 on a valid mesh', async () => {
  const r = await meshcInProcess(['validate', 'examples/bookinfo']);
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.stdout, '4 services in 1 file: valid\n');
});

test('the executable: validate prints text diagnostics with a code frame and exits 1', () => {
  const r = meshc(['validate', INVALID]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /error MC2101 unknown-service: service "[a-z-]+" is not defined/);
  assert.match(r.stdout, /\n {2}> +\d+ \|/);
  assert.match(r.stdout, /\d+ errors?, \d+ warnings?\n$/);
});

test('--format json prints the diagnostics as a JSON array', async () => {
  const r = await meshcInProcess(['validate', INVALID, '--format', 'json']);
  assert.equal(r.status, 1);
  const diagnostics = JSON.parse(r.stdout) as { code: string; name: string; location: { line: number } }[];
  assert.ok(diagnostics.some((d) => d.code === 'MC2101' && d.name === 'unknown-service' && d.location.line > 0));
  assert.deepEqual(JSON.parse((await meshcInProcess(['validate', 'examples/shop', '--format', 'json'])).stdout), []);
});

test('--format github prints workflow annotations', async () => {
  const r = await meshcInProcess(['validate', INVALID, '--format', 'github']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^::error file=test\/cli\/fixtures\/unknown-service\/mesh.yaml,line=9,col=13,endLine=\d+,endColumn=\d+,title=MC2101 unknown-service::/m);
});

test('schema prints the committed JSON Schema', async () => {
  const r = await meshcInProcess(['schema']);
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout), JSON.parse(readFileSync(repoPath('schema', 'meshc.schema.json'), 'utf8')));
});

/** What `meshc explain` printed when the documentation was still in the registry's TS entries: moving it to docs/diagnostics/ kept it. */
const EXPLAINED: Readonly<Record<string, string>> = {
  MC2103: `MC2103 split-weights (error)

Split weights are negative, have more than two decimals, or do not add up to 100.

A \`split\` divides traffic in percent: the weights are numbers from 0 to 100 with
at most two decimals and add up to exactly 100. Envoy would quietly normalise
any total, which turns a typo into a wrong traffic share.
`,
  MC4110: `MC4110 envoy-invalid-regex (error)

A regular expression in the config that RE2 cannot compile, or whose program is over Envoy's size limit.

Envoy compiles every \`safe_regex\` and RegexMatcher with Google RE2 when it loads
the config. RE2 has no back-references or look-around; see
https://github.com/google/re2/wiki/Syntax. Envoy also refuses a regex whose
compiled program has more than 100 instructions (runtime
\`re2.max_program_size.error_level\`); \`{n}\` repeats its operand n times, so
\`x{100}\` alone is over. The checker counts the program with re2js, a port of RE2
whose count is a lower bound of RE2's: what it calls too large is.

Source: source/common/common/regex.cc
`,
};

for (const [code, expected] of Object.entries(EXPLAINED)) {
  test(`explain ${code} prints its docs/diagnostics file as before, wrapped at 80 columns`, async () => {
    const r = await meshcInProcess(['explain', code]);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, expected);
  });
}

test('explain prints the documentation of a code or name; an unknown one is a usage error', async () => {
  const byCode = await meshcInProcess(['explain', 'MC2103']);
  assert.equal(byCode.status, 0);
  assert.match(byCode.stdout, /^MC2103 split-weights \(error\)\n/);
  assert.equal((await meshcInProcess(['explain', 'split-weights'])).stdout, byCode.stdout);
  const unknown = await meshcInProcess(['explain', 'MC2013']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /did you mean/);
});
