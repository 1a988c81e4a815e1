/** Printing diagnostics and choosing exit codes; what is printed goes to the run's streams (io.ts). */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostics, summarizeDiagnostics, type DiagnosticFormat } from '../diagnostics/render.js';
import type { Source } from '../dsl/source.js';
import { EXIT } from './exit-codes.js';
import type { TextSink } from './io.js';

export function printDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, sources: readonly Source[], stream: TextSink): void {
  const texts = new Map(sources.map((s) => [s.name, s.text]));
  if (format === 'json') {
    stream.write(renderDiagnostics(diagnostics, 'json', texts));
    return;
  }
  if (diagnostics.length === 0) return;
  stream.write(renderDiagnostics(diagnostics, format, texts));
  if (format === 'text') stream.write(`${summarizeDiagnostics(diagnostics)}\n`);
}

export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  return hasErrors(diagnostics) ? EXIT.errors : EXIT.ok;
}

/**
 * For compile and validate: output the Envoy checker refused (MC4xxx) is meshc's bug, not the
 * user's mistake, and exits like any other internal error.
 */
export function compileExitCode(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('MC4'))) return EXIT.internal;
  return exitCodeFor(diagnostics);
}
