/**
 * Structure-aware mutations for the fuzzers: a document is parsed, one to three edits are made
 * to its tree (replace a value, delete, duplicate, graft a subtree from elsewhere, rename a key,
 * wrap, nest deeply, repeat), and the result is printed back as YAML, sometimes with a textual
 * edit on top (line endings, truncation). Every edit is chosen by fast-check, so a failing case
 * shrinks and replays from its seed.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

/** Runs per fuzzer; raise it for a longer local session (MESHC_FUZZ_RUNS=20000 npm test). */
export const FUZZ_RUNS = Number(process.env['MESHC_FUZZ_RUNS'] ?? 250);
/** Fixed so CI is reproducible; fast-check prints the seed and path of a failing case. */
export const FUZZ_SEED = Number(process.env['MESHC_FUZZ_SEED'] ?? 20261203);

/** Tokens written into the YAML text as they are, for what JSON values cannot express. */
const RAW_TOKENS = ['1e400', '-1e400', '.inf', '.nan', '99999999999999999999', '0x7fffffff', '0o17', '1_000', '~', '!!binary aGk=', '4294967296', '-0'];

/** Values that sit on the edges the language and Envoy care about. */
const EDGE_VALUES: readonly Json[] = [
  0,
  -1,
  1,
  0.5,
  1e-9,
  65535,
  65536,
  2 ** 31,
  2 ** 32,
  2 ** 53 + 2,
  -(2 ** 63),
  1e300,
  '',
  ' ',
  '0s',
  '0ms',
  '0.0001ms',
  '1ns',
  '-1s',
  '1.5h',
  '99999999999999h',
  '315576000001s',
  '1e3s',
  '10',
  'x'.repeat(1100),
  '\u0000',
  '\t',
  'a\rb',
  'é',
  '*',
  '/',
  '/x/*',
  '/x;y',
  '/api*',
  '^(a+)+$',
  '(',
  '[',
  '10.0.0.1',
  '10.0.0.1:0',
  '127.0.0.1:9901',
  '[::1]:0',
  'host:0',
  'unix:///tmp/x.sock',
  'http://x',
  'https://x/.well-known/jwks.json',
  'authorization',
  ':authority',
  'x_under',
  'spiffe://x/ns/y',
  'meshc/v1',
  'strict',
  'permissive',
  'off',
  null,
  true,
  false,
  [],
  {},
  [''],
  { '': '' },
];

/** A path to a value in the tree, from the root. */
type Path = readonly (string | number)[];

/** Every path, breadth first; not below depth 40, so a deeply nested graft stays cheap to edit. */
function paths(root: Json): Path[] {
  const out: Path[] = [];
  const queue: { node: Json; path: Path }[] = [{ node: root, path: [] }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { node, path } = next;
    if (node === null || typeof node !== 'object' || path.length >= 40) continue;
    const children: [string | number, Json][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, value] of children) {
      out.push([...path, key]);
      queue.push({ node: value, path: [...path, key] });
    }
  }
  return out;
}

function parentOf(root: Json, path: Path): Container | undefined {
  let node: Json = root;
  for (const step of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[step] ?? null;
  }
  return node !== null && typeof node === 'object' ? node : undefined;
}

function getAt(root: Json, path: Path): Json {
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  return parent === undefined || last === undefined ? null : ((parent as Record<string | number, Json>)[last] ?? null);
}

function setAt(root: Json, path: Path, value: Json): void {
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (parent !== undefined && last !== undefined) (parent as Record<string | number, Json>)[last] = value;
}

function deleteAt(root: Json, path: Path): void {
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (parent === undefined || last === undefined) return;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[String(last)];
}

function nested(depth: number, leaf: Json, asList: boolean): Json {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = asList ? [node] : { a: node };
  return node;
}

/** One edit, applied to a copy of the tree; `pick` indexes are taken modulo what exists. */
type Edit =
  | { readonly op: 'replace'; readonly at: number; readonly value: Json }
  | { readonly op: 'raw'; readonly at: number; readonly token: number }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly suffix: string }
  | { readonly op: 'graft'; readonly at: number; readonly from: number }
  | { readonly op: 'rename'; readonly at: number; readonly cut: number }
  | { readonly op: 'wrap'; readonly at: number; readonly asList: boolean }
  | { readonly op: 'nest'; readonly at: number; readonly depth: number; readonly asList: boolean }
  | { readonly op: 'repeat'; readonly at: number; readonly times: number };

const position = fc.nat();
const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      at: position,
      value: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...EDGE_VALUES) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('raw' as const), at: position, token: fc.nat(RAW_TOKENS.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: position, suffix: fc.constantFrom('2', '-copy', '_x', 'B') }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('graft' as const), at: position, from: position }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), at: position, cut: fc.nat(8) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), at: position, asList: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), at: position, depth: fc.constantFrom(8, 64, 3000), asList: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: position, times: fc.constantFrom(2, 21, 300) }) },
);

function applyEdit(root: Json, e: Edit, raws: string[]): void {
  const all = paths(root);
  const path = all[e.at % Math.max(all.length, 1)];
  if (path === undefined) return;
  switch (e.op) {
    case 'replace':
      return setAt(root, path, structuredClone(e.value));
    case 'raw': {
      const marker = `__fuzz_raw_${raws.length}__`;
      raws.push(RAW_TOKENS[e.token] ?? '~');
      return setAt(root, path, marker);
    }
    case 'delete':
      return deleteAt(root, path);
    case 'duplicate': {
      const parent = parentOf(root, path);
      const last = path[path.length - 1];
      const value = structuredClone(getAt(root, path));
      if (Array.isArray(parent)) parent.splice(Number(last), 0, value);
      else if (parent) parent[`${String(last)}${e.suffix}`] = value;
      return;
    }
    case 'graft': {
      const from = all[e.from % all.length];
      if (from !== undefined) setAt(root, path, structuredClone(getAt(root, from)));
      return;
    }
    case 'rename': {
      const parent = parentOf(root, path);
      const last = path[path.length - 1];
      if (parent === undefined || Array.isArray(parent) || typeof last !== 'string') return;
      const renamed = e.cut % 2 === 0 ? last.slice(0, -1) : last.toUpperCase();
      const value = parent[last] ?? null;
      delete parent[last];
      parent[renamed] = value;
      return;
    }
    case 'wrap': {
      const value = getAt(root, path);
      return setAt(root, path, e.asList ? [value] : { value });
    }
    case 'nest':
      return setAt(root, path, nested(e.depth, getAt(root, path), e.asList));
    case 'repeat': {
      const value = getAt(root, path);
      if (Array.isArray(value) && value.length > 0)
        setAt(
          root,
          path,
          Array.from({ length: e.times }, (_, i) => structuredClone(value[i % value.length] ?? null)),
        );
      else if (value !== null && typeof value === 'object')
        setAt(root, path, { ...value, ...Object.fromEntries(Array.from({ length: e.times }, (_, i) => [`k${i}`, structuredClone(value)])) });
      return;
    }
  }
}

/** Edits on the printed text, for what the tree cannot hold. */
type TextEdit = { readonly op: 'none' } | { readonly op: 'crlf' | 'cr' | 'tabs' } | { readonly op: 'truncate' | 'dupline'; readonly at: number };

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ op: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('crlf' as const, 'cr' as const, 'tabs' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('truncate' as const, 'dupline' as const), at: fc.nat() }) },
);

function applyTextEdit(text: string, e: TextEdit): string {
  switch (e.op) {
    case 'none':
      return text;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'cr':
      return text.replace(/\n/g, '\r');
    case 'tabs':
      return text.replace(/^( {2})/gm, '\t');
    case 'truncate':
      return text.slice(0, e.at % (text.length + 1));
    case 'dupline': {
      const lines = text.split('\n');
      const i = e.at % lines.length;
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
  }
}

/** Block YAML, or JSON (which is YAML too) for trees deeper than the printer's recursion allows. */
function printYaml(root: Json): string {
  try {
    return stringify(root, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch (error) {
    if (error instanceof RangeError) return `${JSON.stringify(root)}\n`;
    throw error;
  }
}

/** A mutated copy of one of `documents` (parsed YAML or JSON values), printed as YAML. */
export function mutatedText(documents: readonly unknown[]): fc.Arbitrary<{ readonly index: number; readonly text: string }> {
  return fc.record({ index: fc.nat(documents.length - 1), edits: fc.array(edit, { minLength: 1, maxLength: 3 }), text: textEdit }).map(({ index, edits, text }) => {
    const root = structuredClone(documents[index]) as Json;
    const raws: string[] = [];
    // One deep nest at most, and last: cloning or printing a deeper value would overflow the
    // stack of the fuzzer itself.
    const nest = edits.find((x) => x.op === 'nest');
    for (const e of [...edits.filter((x) => x.op !== 'nest'), ...(nest ? [nest] : [])]) applyEdit(root, e, raws);
    let printed = printYaml(root);
    raws.forEach((token, i) => {
      printed = printed.replace(new RegExp(`"?__fuzz_raw_${i}__"?`), token);
    });
    return { index, text: applyTextEdit(printed, text) };
  });
}

/** Problems with a diagnostic's span: it must lie inside the file it names. */
export function spanProblems(location: { line: number; column: number; endLine: number; endColumn: number } | undefined, text: string): string[] {
  if (location === undefined) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const width = (line: number): number => (lines[line - 1] ?? '').length + 1;
  const problems: string[] = [];
  if (location.line < 1 || location.line > lines.length) problems.push(`line ${location.line} outside 1..${lines.length}`);
  if (location.endLine < location.line || location.endLine > lines.length) problems.push(`endLine ${location.endLine} outside ${location.line}..${lines.length}`);
  if (location.column < 1 || location.column > width(location.line)) problems.push(`column ${location.column} outside 1..${width(location.line)}`);
  if (location.endColumn < 1 || location.endColumn > width(location.endLine)) problems.push(`endColumn ${location.endColumn} outside 1..${width(location.endLine)}`);
  return problems;
}
