/**
 * Envoy config files as data with positions. YAML is read the way Envoy reads it (yaml-cpp: the
 * YAML 1.1 booleans y/n/yes/no/on/off are booleans); JSON is parsed with JSON.parse, and with
 * the YAML parser (JSON is YAML) only when a position is needed, so that large valid JSON files
 * stay fast.
 */
import { parseAllDocuments, type Document, type ScalarTag, type YAMLError } from 'yaml';
import { collapseRepeats, diagnostic, type Diagnostic, type SourceSpan } from '../diagnostics/diagnostic.js';
import { flowNestingTooDeep, type ParsedDocument } from '../dsl/parse.js';
import { flowNestingPastLimit } from '../dsl/nesting.js';
import { spanAt, spanOfOffsets, withBareCrAsLineFeed, type Path } from '../dsl/positions.js';

/** The YAML 1.1 booleans that yaml-cpp, and so Envoy, reads as booleans besides true/false. */
const YAML_CPP_BOOL: ScalarTag = {
  identify: (value) => typeof value === 'boolean',
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/,
  resolve: (text) => /^(?:y|yes|on)$/i.test(text),
};

// Bounds alias expansion so a hostile file cannot blow up memory ("billion laughs").
const MAX_ALIAS_COUNT = 100;

export interface EnvoyDocument {
  /** 0-based index of the document within its file. */
  readonly index: number;
  readonly data: unknown;
}

export class EnvoySource {
  readonly documents: readonly EnvoyDocument[];
  readonly diagnostics: readonly Diagnostic[];
  private yaml: ParsedDocument[] | undefined;

  readonly text: string;

  constructor(
    readonly name: string,
    given: string,
  ) {
    this.text = withBareCrAsLineFeed(given);
    const text = this.text;
    const json = isJsonName(name) ? parseJson(text) : undefined;
    if (json !== undefined) {
      this.documents = [{ index: 0, data: json.value }];
      this.diagnostics = [];
    } else {
      const parsed = this.parseYaml();
      this.documents = parsed.documents;
      this.diagnostics = parsed.diagnostics;
    }
  }

  /** The span of the value at `path` in document `index`. */
  locate(index: number, path: Path): SourceSpan {
    // The root of a single-document file needs no parse (a large JSON file would take seconds).
    if (path.length === 0 && index === 0 && this.yaml === undefined) return { file: this.name, line: 1, column: 1, endLine: 1, endColumn: 2 };
    this.yaml ??= this.parseYaml().parsed;
    const pd = this.yaml.find((d) => d.index === index);
    if (!pd) return { file: this.name, line: 1, column: 1, endLine: 1, endColumn: 2 };
    return spanAt(pd, path);
  }

  private parseYaml(): { documents: EnvoyDocument[]; diagnostics: Diagnostic[]; parsed: ParsedDocument[] } {
    const tooDeep = flowNestingPastLimit(this.text);
    if (tooDeep !== undefined) return { documents: [], diagnostics: [flowNestingTooDeep(this, tooDeep)], parsed: [] };
    const docs = parseAllDocuments(this.text, {
      prettyErrors: false,
      uniqueKeys: true,
      customTags: (tags) => [YAML_CPP_BOOL, ...tags],
    });
    const source = { name: this.name, text: this.text };
    const diagnostics: Diagnostic[] = [];
    const parsed: ParsedDocument[] = [];
    docs.forEach((doc: Document.Parsed, index: number) => {
      const errors = doc.errors.map((e) => yamlError(e, this));
      diagnostics.push(...errors);
      if (errors.length > 0) return;
      try {
        parsed.push({ source, index, doc, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
      } catch (error) {
        const location = spanOfOffsets(this, doc.range[0], doc.range[0] + 1);
        diagnostics.push(diagnostic('yaml-syntax', { message: (error as Error).message, location }));
      }
    });
    // An empty stream still carries errors for a file that is nothing but broken directives.
    if ('empty' in docs) diagnostics.push(...docs.errors.map((e) => yamlError(e, this)));
    this.yaml = parsed;
    const documents = parsed.filter((d) => d.data !== null && d.data !== undefined).map((d) => ({ index: d.index, data: d.data }));
    return { documents, diagnostics: collapseRepeats(diagnostics), parsed };
  }
}

function isJsonName(name: string): boolean {
  return /\.json$/i.test(name);
}

/** JSON.parse's result, or undefined when the text is not JSON (the YAML parser then reports where). */
function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function yamlError(error: YAMLError, source: { readonly name: string; readonly text: string }): Diagnostic {
  const [start, end] = error.pos;
  const location = spanOfOffsets(source, start, end);
  if (error.code === 'DUPLICATE_KEY') {
    return diagnostic('duplicate-key', { message: 'this key appears twice in the same mapping', location });
  }
  return diagnostic('yaml-syntax', { message: error.message.split('\n')[0] ?? error.message, location });
}
