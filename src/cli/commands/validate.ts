/** `meshc validate <mesh>`: every check compile runs, nothing written. */
import { Command } from 'commander';
import { compile } from '../../compile.js';
import { DIAGNOSTIC_FORMATS, plural, type DiagnosticFormat } from '../../diagnostics/render.js';
import { choice } from '../options.js';
import { compileExitCode, printDiagnostics } from '../output.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a mesh without writing anything')
    .argument('<paths...>', 'mesh files or directories')
    .option('-f, --format <format>', `diagnostics: ${DIAGNOSTIC_FORMATS.join(' | ')}`, choice(DIAGNOSTIC_FORMATS), 'text')
    .addHelpText(
      'after',
      `
Examples:
  $ meshc validate examples/shop
  $ meshc validate mesh/ --format github    # annotations on a pull request`,
    )
    .action((paths: string[], flags: { format: DiagnosticFormat }) => {
      const result = compile(paths);
      printDiagnostics(result.diagnostics, flags.format, result.sources, process.stdout);
      process.exitCode = compileExitCode(result.diagnostics);
      if (flags.format === 'text' && process.exitCode === 0) {
        process.stdout.write(
          `${plural(result.mesh?.services.length ?? 0, 'service')} in ${plural(result.sources.length, 'file')}: valid\n`,
        );
      }
    });
}
