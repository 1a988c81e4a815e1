/**
 * The one place that knows about YAML positions: turns a path into the document
 * (`['services', 'catalog', 'routes', 0, 'to']`) into a file:line:col span.
 */
import { isAlias, isCollection, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { SourceSpan } from '../diagnostics/diagnostic.js';
import type { ParsedDocument } from './parse.js';

export type Path = readonly (string | number)[];

/** Points at a node: the value at `path`, or (`'key'`) the key that introduces it. */
export type Target = 'value' | 'key';

/**
 * YAML 1.2 (§5.4) counts a bare CR as a line break but the parser does not; turning each bare CR
 * into LF keeps every offset and makes lines and columns match what an editor shows, whether the
 * text came from a file or from a library caller.
 */
export function withBareCrAsLineFeed(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** A named text: a mesh file, an Envoy file. */
export interface Text {
  readonly name: string;
  readonly text: string;
}

// Line starts are counted from the text, not taken from the parser's LineCounter: the lexer does
// not record the line breaks inside a token it gives up on, which shifted every later position.
const LINE_STARTS = new WeakMap<Text, readonly number[]>();

function lineStarts(source: Text): readonly number[] {
  let starts = LINE_STARTS.get(source);
  if (starts === undefined) {
    const found = [0];
    for (let i = source.text.indexOf('\n'); i !== -1; i = source.text.indexOf('\n', i + 1)) found.push(i + 1);
    starts = found;
    LINE_STARTS.set(source, starts);
  }
  return starts;
}

/** 1-based line and column of an offset (columns in UTF-16 units, as the parser counts them). */
function linePosition(source: Text, offset: number): { readonly line: number; readonly col: number } {
  const starts = lineStarts(source);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, col: offset - (starts[low] as number) + 1 };
}

/**
 * The span of the text between two offsets, at least one character long unless it starts at a
 * line break or the end of the file, and never past the end (a value missing at the last line
 * of a file without a final newline is reported where it is missing).
 */
export function spanOfOffsets(source: Text, start: number, end: number): SourceSpan {
  const length = source.text.length;
  const from = Math.min(Math.max(start, 0), length);
  const atBreak = from === length || source.text[from] === '\n' || source.text[from] === '\r';
  const to = Math.min(Math.max(end, atBreak ? from : from + 1), length);
  const a = linePosition(source, from);
  const b = linePosition(source, to);
  return { file: source.name, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/**
 * The span of the node at `path`. A path that leaves the document stops at the deepest node
 * found. A collection reached through a key is reported at its key, which reads better than
 * pointing at the first line of a block.
 */
export function spanAt(pd: ParsedDocument, path: Path, target: Target = 'value'): SourceSpan {
  let node: unknown = pd.doc.contents;
  let keyNode: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    const last = i === path.length - 1;
    // A value reached through an alias is reported at the alias: that is where this part of
    // the mesh says it, whereas the anchored text belongs to another part.
    if (isAlias(node)) break;
    if (isMap(node)) {
      const pair = pairIndex(node).get(String(segment));
      if (!pair) break;
      keyNode = isScalar(pair.key) ? pair.key : undefined;
      if (last && target === 'key' && keyNode) return spanOfNode(pd, keyNode);
      if (pair.value === null || pair.value === undefined) {
        node = keyNode;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      keyNode = undefined;
      node = item;
    } else {
      break;
    }
  }
  if (isCollection(node) && keyNode) return spanOfNode(pd, keyNode);
  if (isNodeWithRange(node)) return spanOfNode(pd, node);
  return spanOfOffsets(pd.source, pd.doc.range[0], pd.doc.range[0] + 1);
}

type MapNode = YAMLMap<unknown, unknown>;
type PairNode = MapNode['items'][number];

// Keyed access to the pairs of each mapping, built on first use: a mesh with thousands of
// services would otherwise make every lookup a scan of the services map.
const PAIR_INDEX = new WeakMap<MapNode, Map<string, PairNode>>();

function pairIndex(map: MapNode): Map<string, PairNode> {
  let index = PAIR_INDEX.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && !index.has(key)) index.set(key, pair);
    }
    PAIR_INDEX.set(map, index);
  }
  return index;
}

function isNodeWithRange(node: unknown): node is Node & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as Node).range);
}

function spanOfNode(pd: ParsedDocument, node: Node): SourceSpan {
  const range = node.range ?? [0, 1, 1];
  const start = range[0];
  let end = range[1];
  // A block collection's value range runs to its last line; underline its first line only.
  if (isCollection(node)) end = firstLineEnd(pd.source.text, start);
  return spanOfOffsets(pd.source, start, end);
}

/** Where the line holding `start` ends, before its CR LF or LF. */
function firstLineEnd(text: string, start: number): number {
  const newline = text.slice(start).search(/\r?\n/);
  return newline === -1 ? text.length : start + newline;
}

/** `services.catalog.routes[0].to`, or "the document" for the root. */
export function describePath(path: Path): string {
  if (path.length === 0) return 'the document';
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out;
}
