/** `meshc compile <mesh> --out <dir>`: one Envoy bootstrap per service, written atomically. */
import { Command } from 'commander';
import { compile, OUTPUT_MODES, type OutputMode } from '../../compile.js';
import { plural } from '../../diagnostics/render.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../emit/serialize.js';
import { writeOutput } from '../../emit/write.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { choice, diagnosticsFormat, withDiagnosticsOption, type DiagnosticsFlags } from '../options.js';
import { compileExitCode, printDiagnostics } from '../output.js';
import type { CliContext } from '../io.js';

interface CompileFlags extends DiagnosticsFlags {
  readonly out: string;
  readonly format: OutputFormat;
  readonly mode: OutputMode;
}

export function registerCompile(program: Command, cli: CliContext): void {
  const command = program
    .command('compile')
    .description('compile a mesh (files or directories) into one Envoy bootstrap per service')
    .argument('<paths...>', 'mesh files or directories (searched for *.yaml, *.yml)')
    .requiredOption('-o, --out <dir>', 'output directory, replaced as a whole')
    .option('-f, --format <format>', `output files: ${OUTPUT_FORMATS.join(' | ')}`, choice(OUTPUT_FORMATS), 'yaml')
    .option(
      '--mode <mode>',
      `${OUTPUT_MODES.join(' | ')}: everything in the bootstrap; listeners, routes, clusters and endpoints in xds/ files Envoy reloads; or all of them from meshc serve (mesh.controlPlane)`,
      choice(OUTPUT_MODES),
      'static',
    );
  withDiagnosticsOption(command)
    .addHelpText(
      'after',
      `
Examples:
  $ meshc compile examples/shop --out out/shop
  $ meshc compile mesh/ --out out/ --format json --diagnostics github
  $ meshc compile mesh/ --out out/ --mode xds-files     # then install <service>/xds/ in xdsDir
  $ meshc compile mesh/ --out out/ --mode ads           # with meshc serve mesh/ --listen …`,
    )
    .action((paths: string[], flags: CompileFlags) => {
      const result = compile(paths, { format: flags.format, mode: flags.mode });
      const diagnostics = [...result.diagnostics];
      if (!hasErrors(diagnostics)) diagnostics.push(...writeOutput(flags.out, result.files, { inPlace: flags.mode === 'xds-files' }));
      printDiagnostics(diagnostics, diagnosticsFormat(flags), result.sources, cli.stderr);
      cli.exitCode = compileExitCode(diagnostics);
      if (hasErrors(diagnostics)) return;
      const bytes = result.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
      const services = result.mesh?.services ?? [];
      const proxyless = services.filter((s) => s.proxy === 'grpc').length;
      const what = plural(services.length - proxyless, 'sidecar') + (proxyless > 0 ? ` and ${plural(proxyless, 'proxyless gRPC service')}` : '');
      cli.stdout.write(
        `compiled ${what} from ${plural(result.sources.length, 'file')}: ` +
          `${plural(result.files.length, 'file')}, ${bytes.toLocaleString('en-US')} bytes in ${flags.out}\n`,
      );
    });
}
