/**
 * Each diagnostic's documentation is one Markdown file, docs/diagnostics/<code>-<name>.md, the
 * only place its text is written (`meshc explain` prints it; test/diagnostic-docs.test.ts runs its
 * example). The file is
 *
 *   # <code> <name>
 *
 *   <the summary, as registered>
 *
 *   <the documentation: one or more paragraphs>
 *
 *   ## Example
 *   …
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeEntry } from './codes/entry.js';

/** The package's docs/diagnostics/, beside dist/ (this module is dist/src/diagnostics/docs.js). */
export const DOCS_DIR = fileURLToPath(new URL('../../../docs/diagnostics/', import.meta.url));

export interface DiagnosticDoc {
  readonly file: string;
  /** The title line without `# `. */
  readonly title: string;
  readonly summary: string;
  /** The documentation's paragraphs, each on one line. */
  readonly paragraphs: readonly string[];
  /** The sections after the documentation (`## Example` …) by heading, their text as written. */
  readonly sections: ReadonlyMap<string, string>;
}

export function docFileName(entry: Pick<CodeEntry, 'code' | 'name'>): string {
  return `${entry.code}-${entry.name}.md`;
}

/**
 * Reads a code's documentation. Every registered code has its file (a test keeps it so), so a
 * missing one means an incomplete installation or a meshc bug: an exception, reported as such.
 */
export function readDiagnosticDoc(entry: Pick<CodeEntry, 'code' | 'name'>, dir: string = DOCS_DIR): DiagnosticDoc {
  const file = join(dir, docFileName(entry));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the documentation of ${entry.code} ${entry.name} cannot be read from ${file} (meshc is installed without its docs/ folder?): ${reason}`);
  }
  return parseDiagnosticDoc(file, text);
}

export function parseDiagnosticDoc(file: string, text: string): DiagnosticDoc {
  const [head = '', ...rest] = text.replace(/\r\n/g, '\n').split(/^(?=## )/m);
  const [titleLine = '', ...body] = head.split('\n');
  const paragraphs = body
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => unescapeMarkdown(p.trim().replace(/\s+/g, ' ')))
    .filter((p) => p !== '');
  const sections = new Map<string, string>();
  for (const section of rest) {
    const newline = section.indexOf('\n');
    const heading = (newline < 0 ? section : section.slice(0, newline)).slice(3).trim();
    sections.set(heading, newline < 0 ? '' : section.slice(newline + 1));
  }
  return {
    file,
    title: titleLine.replace(/^# /, '').trim(),
    summary: paragraphs[0] ?? '',
    paragraphs: paragraphs.slice(1),
    sections,
  };
}

/** Markdown's backslash escapes (\<index\> renders as <index>, not as an HTML tag): explain prints the text as rendered. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
