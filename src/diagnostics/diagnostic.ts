/**
 * The Diagnostic type every stage reports with. User errors are data, never exceptions:
 * a stage returns `{ value, diagnostics }` and the pipeline decides whether to go on.
 */
import { codeByName, type DiagnosticCode, type DiagnosticName, type Severity } from './codes.js';

/** A range in one source file; lines and columns are 1-based, `end*` exclusive of the last char + 1. */
export interface SourceSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface RelatedInformation {
  readonly message: string;
  readonly location: SourceSpan;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly name: DiagnosticName;
  readonly severity: Severity;
  readonly message: string;
  readonly location?: SourceSpan;
  readonly hint?: string;
  readonly related?: readonly RelatedInformation[];
}

export interface DiagnosticInit {
  readonly message: string;
  readonly location?: SourceSpan | undefined;
  readonly hint?: string | undefined;
  readonly related?: readonly RelatedInformation[] | undefined;
}

/** Builds a diagnostic from its registered name; code and severity come from the registry. */
export function diagnostic(name: DiagnosticName, init: DiagnosticInit): Diagnostic {
  const entry = codeByName(name);
  return {
    code: entry.code,
    name,
    severity: entry.severity,
    message: init.message,
    ...(init.location ? { location: init.location } : {}),
    ...(init.hint ? { hint: init.hint } : {}),
    ...(init.related && init.related.length > 0 ? { related: init.related } : {}),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A stage's result: its value (absent when the stage could not produce one) and what it found. */
export interface StageResult<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** Stable order for reporting: by file, then position, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? '';
  const fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location?.line ?? 0;
  const lb = b.location?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.location?.column ?? 0;
  const cb = b.location?.column ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** How many diagnostics with one code and message a file shows before the rest are counted. */
export const MAX_REPEATS = 3;

/**
 * Keeps the first MAX_REPEATS diagnostics of each code and message, in order; the last one kept
 * says how many more there are. A parser that reports a tab on every line of a file (or the
 * same cascade fifty times) otherwise buries the one line that needs reading.
 */
export function collapseRepeats(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(`${d.code} ${d.message}`, (counts.get(`${d.code} ${d.message}`) ?? 0) + 1);
  const seen = new Map<string, number>();
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.code} ${d.message}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const total = counts.get(key) ?? nth;
    if (nth < MAX_REPEATS || (nth === MAX_REPEATS && total === MAX_REPEATS)) kept.push(d);
    else if (nth === MAX_REPEATS) kept.push({ ...d, message: `${d.message} (and ${total - MAX_REPEATS} more like this in the file)` });
  }
  return kept;
}
