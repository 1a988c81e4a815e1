/**
 * YAML parsing with positions. Each source may hold several documents (`---`); each keeps its
 * yaml Document, so that any later stage can point back at a line and column (src/dsl/positions.ts).
 */
import { isScalar, parseAllDocuments, visit, type Document, type Scalar, type YAMLError } from 'yaml';
import { collapseRepeats, diagnostic, type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';
import type { Source } from './source.js';
import { flowNestingPastLimit, MAX_FLOW_NESTING } from './nesting.js';
import { spanOfOffsets, withBareCrAsLineFeed } from './positions.js';

export interface ParsedDocument {
  readonly source: Source;
  /** 0-based index of the document within its file. */
  readonly index: number;
  readonly doc: Document.Parsed;
  /** The document as plain data (what the schema sees). */
  readonly data: unknown;
}

// Bounds alias expansion so a hostile file cannot blow up memory ("billion laughs").
const MAX_ALIAS_COUNT = 100;

export function parseSource(given: Source): StageResult<ParsedDocument[]> {
  const source = withLineFeeds(given);
  const tooDeep = flowNestingPastLimit(source.text);
  if (tooDeep !== undefined) return { value: [], diagnostics: [flowNestingTooDeep(source, tooDeep)] };
  const docs = parseAllDocuments(source.text, {
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  const diagnostics: Diagnostic[] = [];
  const parsed: ParsedDocument[] = [];
  docs.forEach((doc, index) => {
    // Duplicate keys are reported from the document itself, which knows both occurrences.
    const errors = [
      ...doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => yamlErrorToDiagnostic(e, source)),
      ...(doc.errors.some((e) => e.code === 'DUPLICATE_KEY') ? duplicateKeys(doc, source) : []),
      ...unresolvedAliases(doc, source),
    ];
    diagnostics.push(...errors);
    // An empty document (a trailing `---`, a file of comments) holds nothing to check.
    if (errors.length > 0 || isEmptyDocument(doc)) return;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      diagnostics.push(
        diagnostic('yaml-syntax', {
          message: (error as Error).message,
          location: spanOfOffsets(source, doc.range[0], doc.range[0] + 1),
        }),
      );
      return;
    }
    parsed.push({ source, index, doc, data });
  });
  if ('empty' in docs) {
    // An empty stream still carries errors for a file that is nothing but broken directives.
    for (const e of docs.errors) diagnostics.push(yamlErrorToDiagnostic(e, source));
  }
  return { value: parsed, diagnostics: collapseRepeats(diagnostics) };
}

/** Shared with check-envoy, which puts the same guard in front of the same parser. */
export function flowNestingTooDeep(source: Source, offset: number): Diagnostic {
  return diagnostic('yaml-syntax', {
    message: `flow collections nested more than ${MAX_FLOW_NESTING} levels deep`,
    location: spanOfOffsets(source, offset, offset + 1),
    hint: 'no mesh or Envoy configuration nests this deep; this is not a file to parse',
  });
}

function withLineFeeds(source: Source): Source {
  const text = withBareCrAsLineFeed(source.text);
  return text === source.text ? source : { ...source, text };
}

/** A document with no content at all (not even `~` or `null`). */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  return contents === null || (isScalar(contents) && contents.value === null && contents.source === '');
}

function unresolvedAliases(doc: Document.Parsed, source: Source): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return;
      const [start, end] = alias.range ?? [0, 1];
      found.push(
        diagnostic('yaml-syntax', {
          message: `alias *${alias.source} refers to no anchor &${alias.source} defined before it`,
          location: spanOfOffsets(source, start, end),
        }),
      );
    },
  });
  return found;
}

function duplicateKeys(doc: Document.Parsed, source: Source): Diagnostic[] {
  const found: Diagnostic[] = [];
  const spanOf = (node: { range?: [number, number, number] | null | undefined }) => {
    const [start, end] = node.range ?? [0, 1];
    return spanOfOffsets(source, start, end);
  };
  visit(doc, {
    Map(_, map) {
      const first = new Map<string, Scalar>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, pair.key);
          continue;
        }
        found.push(
          diagnostic('duplicate-key', {
            message: `key "${key}" appears twice in the same mapping`,
            location: spanOf(pair.key),
            hint: 'merge the two entries; YAML would keep only one of them',
            related: [{ message: `"${key}" is first written here`, location: spanOf(earlier) }],
          }),
        );
      }
    },
  });
  return found;
}

function yamlErrorToDiagnostic(error: YAMLError, source: Source): Diagnostic {
  const [start, end] = error.pos;
  const location = spanOfOffsets(source, start, end);
  return diagnostic('yaml-syntax', { message: firstLine(error.message), location });
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
