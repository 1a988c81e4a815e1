/**
 * `meshc compile <mesh> --out <dir>`: one Envoy bootstrap per service, written atomically;
 * `--emit ir` (alone, without --out) prints the resolved mesh instead.
 */
import type { Command } from 'commander';
import { compile, OUTPUT_MODES, type CompileResult, type OutputMode } from '../../compile.js';
import { plural } from '../../diagnostics/render.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../emit/serialize.js';
import { writeOutput } from '../../emit/write.js';
import { irFileName, renderIr } from '../../emit/ir.js';
import type { OutputFile } from '../../emit/layout.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { choice, choiceList, diagnosticsFormat, withDiagnosticsOption, type DiagnosticsFlags } from '../options.js';
import { compileExitCode, printDiagnostics } from '../output.js';
import type { CliContext } from '../io.js';

/** envoy: the sidecars' files; ir: the resolved mesh (src/emit/ir.ts). */
const EMIT_KINDS = ['envoy', 'ir'] as const;
type EmitKind = (typeof EMIT_KINDS)[number];

interface CompileFlags extends DiagnosticsFlags {
  readonly out?: string;
  readonly format: OutputFormat;
  readonly mode: OutputMode;
  readonly emit: readonly EmitKind[];
}

export function registerCompile(program: Command, cli: CliContext): void {
  const command = program
    .command('compile')
    .description('compile a mesh (files or directories) into one Envoy bootstrap per service')
    .argument('<paths...>', 'mesh files or directories (searched for *.yaml, *.yml)')
    .option('-o, --out <dir>', 'output directory, replaced as a whole by what --emit names (without it, --emit ir prints to stdout)')
    .option('-f, --format <format>', `output files: ${OUTPUT_FORMATS.join(' | ')}`, choice(OUTPUT_FORMATS), 'yaml')
    .option(
      '--mode <mode>',
      `${OUTPUT_MODES.join(' | ')}: everything in the bootstrap; listeners, routes, clusters and endpoints in xds/ files Envoy reloads; or all of them from meshc serve (mesh.controlPlane)`,
      choice(OUTPUT_MODES),
      'static',
    )
    .option('--emit <what>', `comma-separated: ${EMIT_KINDS.join(', ')} (the resolved mesh, ${irFileName('yaml')} in --out)`, choiceList(EMIT_KINDS), ['envoy']);
  withDiagnosticsOption(command)
    .addHelpText(
      'after',
      `
Examples:
  $ meshc compile examples/shop --out out/shop
  $ meshc compile mesh/ --out out/ --format json --diagnostics github
  $ meshc compile mesh/ --out out/ --mode xds-files     # then install <service>/xds/ in xdsDir
  $ meshc compile mesh/ --out out/ --mode ads           # with meshc serve mesh/ --listen …
  $ meshc compile mesh/ --emit ir                       # the resolved mesh on stdout, nothing written
  $ meshc compile mesh/ --out out/ --emit envoy,ir      # out/ir.yaml next to the bootstraps`,
    )
    .action((paths: string[], flags: CompileFlags, command: Command) => {
      const out = flags.out;
      const envoy = flags.emit.includes('envoy');
      if (out === undefined && envoy) command.error("error: required option '-o, --out <dir>' not specified (only --emit ir prints to stdout)");
      const result = compile(paths, { format: flags.format, mode: flags.mode, files: envoy });
      const diagnostics = [...result.diagnostics];
      const files = hasErrors(diagnostics) ? [] : emittedFiles(result, flags);
      if (out !== undefined && !hasErrors(diagnostics)) diagnostics.push(...writeOutput(out, files, { inPlace: flags.mode === 'xds-files' }));
      printDiagnostics(diagnostics, diagnosticsFormat(flags), result.sources, cli.stderr);
      cli.exitCode = compileExitCode(diagnostics);
      if (hasErrors(diagnostics)) return;
      if (out === undefined) {
        cli.stdout.write(files.map((f) => f.content).join(''));
        return;
      }
      const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
      const services = result.mesh?.services ?? [];
      const proxyless = services.filter((s) => s.proxy === 'grpc').length;
      const what = plural(services.length - proxyless, 'sidecar') + (proxyless > 0 ? ` and ${plural(proxyless, 'proxyless gRPC service')}` : '');
      cli.stdout.write(`compiled ${what} from ${plural(result.sources.length, 'file')}: ` + `${plural(files.length, 'file')}, ${bytes.toLocaleString('en-US')} bytes in ${out}\n`);
    });
}

/** What --emit asks for: the sidecars' files and/or the resolved mesh at the top of the output. */
function emittedFiles(result: CompileResult, flags: CompileFlags): OutputFile[] {
  const ir = flags.emit.includes('ir') && result.mesh ? [{ path: irFileName(flags.format), content: renderIr(result.mesh, flags.format) }] : [];
  return [...(flags.emit.includes('envoy') ? result.files : []), ...ir];
}
