/**
 * Renders diagnostics for people (text with code frames), pipelines (JSON) and
 * GitHub pull-request annotations (workflow commands).
 */
import type { Diagnostic, SourceSpan } from './diagnostic.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github'];

/** File name → file text, used to print code frames. */
export type SourceTexts = ReadonlyMap<string, string>;

export function renderDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, sources: SourceTexts = new Map()): string {
  switch (format) {
    case 'json':
      return JSON.stringify(diagnostics, null, 2) + '\n';
    case 'github':
      return diagnostics.map(renderGithub).join('');
    case 'text':
      return diagnostics.map((d) => renderText(d, sources)).join('');
  }
}

export function formatSpan(span: SourceSpan): string {
  return `${span.file}:${span.line}:${span.column}`;
}

function renderText(d: Diagnostic, sources: SourceTexts): string {
  const where = d.location ? `${formatSpan(d.location)}: ` : '';
  const lines = [`${where}${d.severity} ${d.code} ${d.name}: ${d.message}`];
  if (d.location) lines.push(...codeFrame(d.location, sources.get(d.location.file)));
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  for (const r of d.related ?? []) {
    lines.push(`  note: ${formatSpan(r.location)}: ${r.message}`);
    lines.push(...codeFrame(r.location, sources.get(r.location.file)));
  }
  return lines.join('\n') + '\n';
}

const FRAME_CONTEXT_LINES = 1;

/** A few source lines around the span, the span's first line underlined with carets. */
export function codeFrame(span: SourceSpan, text: string | undefined): string[] {
  if (text === undefined) return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const first = Math.max(1, span.line - FRAME_CONTEXT_LINES);
  const last = Math.min(lines.length, span.line + FRAME_CONTEXT_LINES);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === span.line ? '>' : ' ';
    out.push(`  ${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`.trimEnd());
    if (n === span.line) {
      const lineText = lines[n - 1] ?? '';
      const endColumn = span.endLine === span.line ? span.endColumn : lineText.length + 1;
      const caretCount = Math.max(1, endColumn - span.column);
      out.push(`    ${' '.repeat(width)} | ${' '.repeat(span.column - 1)}${'^'.repeat(caretCount)}`);
    }
  }
  return out;
}

function renderGithub(d: Diagnostic): string {
  const command = d.severity === 'error' ? 'error' : 'warning';
  const props: string[] = [];
  if (d.location) {
    const l = d.location;
    props.push(`file=${escapeProperty(l.file)}`, `line=${l.line}`, `col=${l.column}`);
    props.push(`endLine=${l.endLine}`, `endColumn=${l.endColumn}`);
  }
  props.push(`title=${escapeProperty(`${d.code} ${d.name}`)}`);
  const message = d.hint ? `${d.message} (hint: ${d.hint})` : d.message;
  return `::${command} ${props.join(',')}::${escapeData(message)}\n`;
}

// Escaping rules of GitHub workflow commands.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
