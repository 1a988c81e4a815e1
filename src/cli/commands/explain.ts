/** `meshc explain <code>`: what a diagnostic means and how to fix it. */
import type { Command } from 'commander';
import { CODES, findCode } from '../../diagnostics/codes.js';
import type { CodeEntry } from '../../diagnostics/codes/entry.js';
import { readDiagnosticDoc } from '../../diagnostics/docs.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { EXIT } from '../exit-codes.js';
import type { CliContext } from '../io.js';

export function registerExplain(program: Command, cli: CliContext): void {
  program
    .command('explain')
    .description('explain a diagnostic code (MC2101) or name (unknown-service)')
    .argument('<code>', 'diagnostic code or name')
    .addHelpText(
      'after',
      `
Examples:
  $ meshc explain MC2101
  $ meshc explain split-weights`,
    )
    .action((code: string) => {
      const entry: CodeEntry | undefined = findCode(code);
      if (!entry) {
        const hint = didYouMean(
          code,
          CODES.flatMap((c) => [c.code, c.name]),
        );
        cli.stderr.write(`meshc: unknown diagnostic "${code}"${hint ? `; ${hint}` : ''}\n`);
        cli.exitCode = EXIT.usage;
        return;
      }
      const doc = readDiagnosticDoc(entry);
      const text = doc.paragraphs.map((p) => wrap(p, 80)).join('\n\n');
      cli.stdout.write(`${entry.code} ${entry.name} (${entry.severity})\n\n${entry.summary}\n\n${text}\n`);
      if (entry.source) cli.stdout.write(`\n${wrap(`Source: ${entry.source}`, 80)}\n`);
    });
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
