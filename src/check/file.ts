/**
 * Checking config files (as texts: no disk access here): each YAML document, or each element
 * of a top-level list, is one resource; problems become diagnostics at file:line:col with the
 * JSON path in front of the message.
 */
import { diagnostic, sortDiagnostics, type Diagnostic, type RelatedInformation } from '../diagnostics/diagnostic.js';
import { envoySchema } from './api/load.js';
import { checkResources, type CheckOptions } from './check.js';
import { formatPath, type CheckProblem, type Segment } from './problems.js';
import { EnvoySource, type EnvoyDocument } from './source.js';
import { guessMessageName, resolveMessageName } from './types.js';

export interface FileCheckOptions extends CheckOptions {
  /** Message name or alias for every document (`cluster`, `envoy.config.cluster.v3.Cluster`); guessed when absent. */
  readonly type?: string;
  /** Check all files as one Envoy's configuration (cross-file references and duplicates). */
  readonly together?: boolean;
}

export interface FileInput {
  readonly name: string;
  readonly text: string;
}

export interface FileVerdict {
  readonly name: string;
  readonly resources: number;
  readonly errors: number;
  readonly warnings: number;
}

/** A problem placed in its file: the path runs from the document's root (list index included). */
export interface FileProblem extends CheckProblem {
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly document: number;
}

export interface FilesCheckResult {
  /** Everything found, parse errors included, as diagnostics at file:line:col, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The checker's problems with their JSON paths, for tools that map them further. */
  readonly problems: readonly FileProblem[];
  readonly files: readonly FileVerdict[];
}

/** One file; diagnostics sorted by position. */
export function checkEnvoyFile(name: string, text: string, options: FileCheckOptions = {}): Diagnostic[] {
  return [...checkEnvoyFiles([{ name, text }], options).diagnostics];
}

/** Several files, each on its own unless `together`. Throws for a `type` the API does not have. */
export function checkEnvoyFiles(files: readonly FileInput[], options: FileCheckOptions = {}): FilesCheckResult {
  const typeName = options.type === undefined ? undefined : resolveMessageName(options.type);
  if (typeName !== undefined && !envoySchema().message(typeName)) throw new Error(`unknown message type ${options.type}`);
  const sources = files.map((f) => new EnvoySource(f.name, f.text));
  const diagnostics: Diagnostic[] = sources.flatMap((s) => s.diagnostics);
  const placed: FileProblem[] = [];
  const resourceCounts = new Map<string, number>();
  for (const group of options.together ? [sources] : sources.map((s) => [s])) {
    const entries = group.flatMap((source) => source.documents.flatMap((doc) => entriesOf(source, doc, typeName, diagnostics)));
    for (const e of entries) resourceCounts.set(e.source.name, (resourceCounts.get(e.source.name) ?? 0) + 1);
    for (const problem of checkResources(entries, options)) {
      const entry = entries[problem.resource] as Entry;
      const segments = fullSegments(entry, problem.segments);
      placed.push({ ...problem, path: formatPath(segments), segments, file: entry.source.name, document: entry.document });
      diagnostics.push(toDiagnostic(problem, entries));
    }
  }
  const sorted = sortDiagnostics(diagnostics);
  const count = (name: string, severity: string): number => sorted.filter((d) => d.location?.file === name && d.severity === severity).length;
  return {
    diagnostics: sorted,
    problems: placed,
    files: files.map((f) => ({
      name: f.name,
      resources: resourceCounts.get(f.name) ?? 0,
      errors: count(f.name, 'error'),
      warnings: count(f.name, 'warning'),
    })),
  };
}

interface Entry {
  readonly source: EnvoySource;
  readonly document: number;
  /** Index in a top-level list, when the document is one. */
  readonly element?: number;
  readonly typeName: string;
  readonly value: unknown;
}

function entriesOf(source: EnvoySource, doc: EnvoyDocument, typeName: string | undefined, diagnostics: Diagnostic[]): Entry[] {
  if (!Array.isArray(doc.data)) {
    return [{ source, document: doc.index, typeName: typeName ?? guessMessageName(doc.data), value: doc.data }];
  }
  if (typeName === undefined) {
    diagnostics.push(
      diagnostic('envoy-wrong-type', {
        message: 'the document is a list: give the type of its elements with --type (e.g. --type listener)',
        location: source.locate(doc.index, []),
      }),
    );
    return [];
  }
  return doc.data.map((value, element) => ({ source, document: doc.index, element, typeName, value }));
}

function toDiagnostic(problem: CheckProblem, entries: readonly Entry[]): Diagnostic {
  const place = placeIn(entries, problem.resource, problem.segments);
  const related: RelatedInformation[] = [];
  if (problem.related) {
    const other = placeIn(entries, problem.related.resource, problem.related.segments);
    if (other) related.push({ message: `${other.path}: ${problem.related.message}`, location: other.location });
  }
  return diagnostic(problem.name, {
    message: `${place?.path ?? problem.path}: ${problem.message}`,
    location: place?.location,
    related,
  });
}

function placeIn(entries: readonly Entry[], resource: number, segments: readonly Segment[]) {
  const entry = entries[resource];
  if (!entry) return undefined;
  const full = fullSegments(entry, segments);
  return { path: formatPath(full) || '(document root)', location: entry.source.locate(entry.document, full) };
}

function fullSegments(entry: Entry, segments: readonly Segment[]): Segment[] {
  return entry.element === undefined ? [...segments] : [entry.element, ...segments];
}
