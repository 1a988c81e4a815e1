/**
 * Every diagnostic's documentation is docs/diagnostics/<code>-<name>.md (src/diagnostics/docs.ts),
 * and its example is run here, in process, to show it still produces that code:
 *
 *   - files: fenced blocks whose info string is a language and a file name (```yaml mesh.yaml);
 *   - a marker `# ← <name>` at the end of a line says the diagnostic is reported on that line;
 *   - MC1xxx/MC2xxx examples are compiled (compile()), MC4xxx ones checked as
 *     `meshc check-envoy --strict` checks them (checkEnvoyFiles), each reporting no other error;
 *   - an example with a ```console block runs its `$ …` lines instead, in a temporary
 *     directory holding its files: `meshc …` in process, and the few file commands of
 *     FILE_COMMANDS; the last meshc run's output must report the code (at the marked line,
 *     when there is a marker);
 *   - `No example: <reason>.` instead, for the few codes in NO_EXAMPLE.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CODES, type CodeEntry } from '../src/diagnostics/codes.js';
import { DOCS_DIR, docFileName, readDiagnosticDoc, type DiagnosticDoc } from '../src/diagnostics/docs.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { compile } from '../src/compile.js';
import { checkEnvoyFiles } from '../src/check/index.js';
import { meshcInProcess } from './helpers/cli.js';

/** Codes no file or command line in a test can produce; each doc says why. */
const NO_EXAMPLE: readonly string[] = [
  'envoy-invalid-field-mask',
  'pgv-any',
  'pgv-timestamp',
  'message-too-large',
  'message-large',
  'read-failed',
  'binary-input',
  'serve-listen-failed',
  'invalid-endpoint-file',
  'unknown-endpoint-target',
  'cert-write-failed',
  'cert-expired',
  'cert-not-yet-valid',
  'cert-path-foreign-owner',
];

/** Codes whose example is still to be written (none should be left here). */
const EXAMPLE_TO_WRITE: readonly string[] = [];

interface ExampleFile {
  readonly name: string;
  readonly text: string;
}

interface Example {
  readonly files: readonly ExampleFile[];
  /** The words of the `$ …` lines: meshc, or one of the file commands of FILE_COMMANDS. */
  readonly commands: readonly (readonly string[])[];
  readonly noExample?: string;
}

interface Mark {
  readonly file: string;
  readonly line: number;
}

const FENCE = /^```(\S+)(?: +(\S+))?\n([\s\S]*?)^```$/gm;
const MARKER = /#\s*← ([a-z0-9-]+)\s*$/;

function exampleOf(doc: DiagnosticDoc): Example | undefined {
  const section = doc.sections.get('Example');
  if (section === undefined) return undefined;
  const none = /^No example: (.+)$/m.exec(section);
  const files: ExampleFile[] = [];
  const commands: string[][] = [];
  for (const [, lang, name, body = ''] of section.matchAll(FENCE)) {
    if (lang === 'console') {
      for (const line of body.split('\n')) if (line.startsWith('$ ')) commands.push(words(line.slice(2)));
    } else if (name) {
      files.push({ name, text: body });
    }
  }
  return { files, commands, ...(none ? { noExample: none[1] } : {}) };
}

/** A command line's words: split at spaces, a "quoted word" may hold some. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function marksOf(files: readonly ExampleFile[], name: string): Mark[] {
  const marks: Mark[] = [];
  for (const file of files) {
    file.text.split('\n').forEach((line, index) => {
      const marker = MARKER.exec(line);
      if (!marker) return;
      assert.equal(marker[1], name, `${file.name}:${index + 1} marks ${marker[1]}, not ${name}`);
      marks.push({ file: file.name, line: index + 1 });
    });
  }
  return marks;
}

/** What the example's input reports, in process. */
function reported(entry: CodeEntry, files: readonly ExampleFile[]): readonly Diagnostic[] {
  if (entry.code.startsWith('MC4')) return checkEnvoyFiles(files, { strict: true }).diagnostics;
  return compile(files.map((f) => ({ name: f.name, text: f.text }))).diagnostics;
}

function assertReported(entry: CodeEntry, diagnostics: readonly Diagnostic[], marks: readonly Mark[]): void {
  const at = (d: Diagnostic) => `${d.name}@${d.location ? `${d.location.file}:${d.location.line}` : '-'}`;
  const found = diagnostics.map(at);
  const ofCode = diagnostics.filter((d) => d.code === entry.code);
  assert.ok(ofCode.length > 0, `${entry.code} ${entry.name} is not reported; reported: ${JSON.stringify(found)}`);
  for (const mark of marks) {
    assert.ok(
      ofCode.some((d) => d.location?.file === mark.file && d.location.line === mark.line),
      `${entry.name} is not reported at the marked ${mark.file}:${mark.line}; reported: ${JSON.stringify(found)}`,
    );
  }
  const others = diagnostics.filter((d) => d.severity === 'error' && d.code !== entry.code);
  assert.deepEqual(others.map(at), [], 'the example has one defect');
}

async function assertCommandsReport(entry: CodeEntry, example: Example, marks: readonly Mark[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `meshc-doc-${entry.code}-`));
  try {
    for (const file of example.files) {
      mkdirSync(dirname(join(dir, file.name)), { recursive: true });
      writeFileSync(join(dir, file.name), file.text);
    }
    let output = '';
    for (const [index, [command = '', ...args]] of example.commands.entries()) {
      if (command === 'meshc') {
        const run = await meshcInProcess(args, dir);
        output = run.stdout + run.stderr;
        // The lines before the last prepare what it fails on: they succeed.
        if (index < example.commands.length - 1) assert.equal(run.status, 0, `meshc ${args.join(' ')} fails:\n${output}`);
        continue;
      }
      const run = FILE_COMMANDS[command];
      assert.ok(run, `${entry.name}: "${command}" is not meshc nor one of ${Object.keys(FILE_COMMANDS).join(', ')}`);
      run(args, (path) => join(dir, required(path)));
    }
    assert.match(output, new RegExp(`\\b${entry.code} ${entry.name}\\b`), `the last command does not report ${entry.code} ${entry.name}:\n${output}`);
    for (const mark of marks) {
      assert.ok(output.includes(`${mark.file}:${mark.line}:`), `${entry.name} is not reported at the marked ${mark.file}:${mark.line}:\n${output}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The few shell commands an example may use to damage what meshc wrote, as the shell runs them
 * (in the example's directory), done here in process.
 */
const FILE_COMMANDS: Readonly<Record<string, (args: readonly string[], at: (path: string | undefined) => string) => void>> = {
  cp: ([from, to], at) => copyFileSync(at(from), at(to)),
  mv: ([from, to], at) => renameSync(at(from), at(to)),
  chmod: ([mode, path], at) => chmodSync(at(path), Number.parseInt(required(mode), 8)),
  // The target as written: relative to the link's directory.
  ln: ([flag, target, link], at) => {
    assert.equal(flag, '-s', 'ln only as ln -s <target> <link>');
    symlinkSync(required(target), at(link));
  },
};

function required(arg: string | undefined): string {
  assert.ok(arg !== undefined, 'a file command is missing an argument');
  return arg;
}

test('every registered code has exactly one doc file and every doc file is a registered code', () => {
  const files = readdirSync(DOCS_DIR).sort();
  assert.deepEqual(files, CODES.map(docFileName).sort());
});

test('each doc has its title, its registered summary, a paragraph of documentation and an example', () => {
  for (const entry of CODES) {
    const doc = readDiagnosticDoc(entry);
    assert.equal(doc.title, `${entry.code} ${entry.name}`, doc.file);
    assert.equal(doc.summary, entry.summary, `${doc.file}: the summary is the registered one`);
    assert.ok(doc.paragraphs.join(' ').length >= 80, `${doc.file} needs a paragraph of documentation`);
    const prose = readFileSync(doc.file, 'utf8').split(/^## /m)[0] ?? '';
    assert.doesNotMatch(prose.replace(/`[^`]*`/g, ''), /(?<!\\)<[a-z]/i, `${doc.file}: write \\<…\\> outside code, or Markdown takes it for an HTML tag`);
    if (!EXAMPLE_TO_WRITE.includes(entry.name)) assert.deepEqual([...doc.sections.keys()], ['Example'], `${doc.file}: one section, ## Example`);
  }
});

test('the docs of a code that is not installed are an internal error naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-no-docs-'));
  try {
    assert.throws(
      () => readDiagnosticDoc({ code: 'MC2103', name: 'split-weights' }, dir),
      (error: unknown) =>
        error instanceof Error && error.message.startsWith(`the documentation of MC2103 split-weights cannot be read from ${join(dir, 'MC2103-split-weights.md')}`),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the codes without an example are listed, and each says why', () => {
  for (const entry of CODES) {
    const example = exampleOf(readDiagnosticDoc(entry));
    if (EXAMPLE_TO_WRITE.includes(entry.name)) continue;
    assert.ok(example, `${entry.code} ${entry.name} has no ## Example`);
    assert.equal(example.noExample !== undefined, NO_EXAMPLE.includes(entry.name), `${entry.name}: "No example: <reason>" only for the names in NO_EXAMPLE`);
    if (example.noExample === undefined) assert.ok(example.files.length + example.commands.length > 0, `${entry.name}: an example needs files or a command`);
  }
});

for (const entry of CODES) {
  if (NO_EXAMPLE.includes(entry.name) || EXAMPLE_TO_WRITE.includes(entry.name)) continue;
  test(`the example of ${entry.code} ${entry.name} reports it`, async () => {
    const example = exampleOf(readDiagnosticDoc(entry));
    assert.ok(example, `${docFileName(entry)} has no ## Example`);
    const marks = marksOf(example.files, entry.name);
    if (example.commands.length > 0) await assertCommandsReport(entry, example, marks);
    else assertReported(entry, reported(entry, example.files), marks);
  });
}
