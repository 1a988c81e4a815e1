/**
 * YAML parsing with positions. Each source may hold several documents (`---`); each keeps its
 * yaml Document and LineCounter so that any later stage can point back at a line and column.
 */
import { LineCounter, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import { diagnostic, type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';
import type { Source } from './source.js';
import { spanOfOffsets } from './positions.js';

export interface ParsedDocument {
  readonly source: Source;
  /** 0-based index of the document within its file. */
  readonly index: number;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The document as plain data (what the schema sees). */
  readonly data: unknown;
}

// Bounds alias expansion so a hostile file cannot blow up memory ("billion laughs").
const MAX_ALIAS_COUNT = 100;

export function parseSource(source: Source): StageResult<ParsedDocument[]> {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source.text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  const diagnostics: Diagnostic[] = [];
  const parsed: ParsedDocument[] = [];
  docs.forEach((doc, index) => {
    const errors = doc.errors.map((e) => yamlErrorToDiagnostic(e, source, lineCounter));
    diagnostics.push(...errors);
    if (errors.length > 0) return;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      diagnostics.push(
        diagnostic('yaml-syntax', {
          message: (error as Error).message,
          location: spanOfOffsets(source.name, lineCounter, doc.range[0], doc.range[0] + 1),
        }),
      );
      return;
    }
    parsed.push({ source, index, doc, lineCounter, data });
  });
  if ('empty' in docs) {
    // An empty stream still carries errors for a file that is nothing but broken directives.
    for (const e of docs.errors) diagnostics.push(yamlErrorToDiagnostic(e, source, lineCounter));
  }
  return { value: parsed, diagnostics };
}

function yamlErrorToDiagnostic(error: YAMLError, source: Source, lineCounter: LineCounter): Diagnostic {
  const [start, end] = error.pos;
  const location = spanOfOffsets(source.name, lineCounter, start, Math.max(end, start + 1));
  if (error.code === 'DUPLICATE_KEY') {
    return diagnostic('duplicate-key', {
      message: 'this key appears twice in the same mapping',
      location,
      hint: 'merge the two entries; YAML keeps only one of them',
    });
  }
  return diagnostic('yaml-syntax', { message: firstLine(error.message), location });
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
