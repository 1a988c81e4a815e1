/** `meshc graph <mesh>`: who calls whom, with splits, timeouts, retries and authz. */
import { Command } from 'commander';
import { compile } from '../../compile.js';
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat } from '../../diagnostics/render.js';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../../graph/index.js';
import { choice } from '../options.js';
import { exitCodeFor, printDiagnostics } from '../output.js';

export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description('draw the mesh: services, versions, calls with splits, timeouts, retries and authz')
    .argument('<paths...>', 'mesh files or directories')
    .option('-f, --format <format>', `${GRAPH_FORMATS.join(' | ')}`, choice(GRAPH_FORMATS), 'mermaid')
    .option('--diagnostics <format>', `diagnostics: ${DIAGNOSTIC_FORMATS.join(' | ')}`, choice(DIAGNOSTIC_FORMATS), 'text')
    .addHelpText(
      'after',
      `
Examples:
  $ meshc graph examples/shop                      # Mermaid, e.g. for a README
  $ meshc graph examples/shop --format dot | dot -Tsvg > shop.svg`,
    )
    .action((paths: string[], flags: { format: GraphFormat; diagnostics: DiagnosticFormat }) => {
      const result = compile(paths);
      printDiagnostics(result.diagnostics, flags.diagnostics, result.sources, process.stderr);
      process.exitCode = exitCodeFor(result.diagnostics);
      if (result.mesh) process.stdout.write(renderGraph(result.mesh, flags.format));
    });
}
