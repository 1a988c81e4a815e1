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
