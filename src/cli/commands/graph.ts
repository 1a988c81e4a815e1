/** `meshc graph <mesh>`: who calls whom, with splits, timeouts, retries and authz. */
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../../graph/index.js';
import { choice, diagnosticsFormat, withDiagnosticsOption, type DiagnosticsFlags } from '../options.js';
import { exitCodeFor, printDiagnostics } from '../output.js';
import type { CliContext } from '../io.js';

export function registerGraph(program: Command, cli: CliContext): void {
  const command = program
    .command('graph')
    .description('draw the mesh: services, versions, calls with splits, timeouts, retries and authz')
    .argument('<paths...>', 'mesh files or directories')
    .option('-f, --format <format>', `${GRAPH_FORMATS.join(' | ')}`, choice(GRAPH_FORMATS), 'mermaid');
  withDiagnosticsOption(command)
    .addHelpText(
      'after',
      `
Examples:
  $ meshc graph examples/shop                      # Mermaid, e.g. for a README
  $ meshc graph examples/shop --format dot | dot -Tsvg > shop.svg`,
    )
    .action((paths: string[], flags: DiagnosticsFlags & { readonly format: GraphFormat }) => {
      const result = compile(paths);
      printDiagnostics(result.diagnostics, diagnosticsFormat(flags), result.sources, cli.stderr);
      cli.exitCode = exitCodeFor(result.diagnostics);
      if (result.mesh) cli.stdout.write(renderGraph(result.mesh, flags.format));
    });
}
