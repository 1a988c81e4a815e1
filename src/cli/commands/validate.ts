/** `meshc validate <mesh>`: every check compile runs, nothing written. */
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { plural } from '../../diagnostics/render.js';
import { formerDiagnosticsFormat, withDiagnosticsOption, type FormerlyFormatFlags } from '../options.js';
import { compileExitCode, printDiagnostics } from '../output.js';
import type { CliContext } from '../io.js';

export function registerValidate(program: Command, cli: CliContext): void {
  withDiagnosticsOption(program.command('validate').description('check a mesh without writing anything').argument('<paths...>', 'mesh files or directories'), true)
    .addHelpText(
      'after',
      `
Examples:
  $ meshc validate examples/shop
  $ meshc validate mesh/ --diagnostics github    # annotations on a pull request`,
    )
    .action((paths: string[], flags: FormerlyFormatFlags) => {
      const result = compile(paths);
      const format = formerDiagnosticsFormat(flags);
      printDiagnostics(result.diagnostics, format, result.sources, cli.stdout);
      cli.exitCode = compileExitCode(result.diagnostics);
      if (format === 'text' && cli.exitCode === 0) {
        cli.stdout.write(`${plural(result.mesh?.services.length ?? 0, 'service')} in ${plural(result.sources.length, 'file')}: valid\n`);
      }
    });
}
