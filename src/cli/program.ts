/**
 * The meshc command line: commander wiring only; every behaviour lives in the library.
 * Exit codes: 0 ok (warnings allowed), 1 errors found, 2 usage error, 70 internal error.
 */
import { Command, CommanderError, type OutputConfiguration } from 'commander';
import { createRequire } from 'node:module';
import { EXIT } from './exit-codes.js';
import { createContext, type CliContext, type CliIo, type TextSink } from './io.js';
import { registerCompile } from './commands/compile.js';
import { registerValidate } from './commands/validate.js';
import { registerSchema } from './commands/schema.js';
import { registerExplain } from './commands/explain.js';
import { registerCerts } from './commands/certs.js';
import { registerGraph } from './commands/graph.js';
import { registerCheckEnvoy } from './commands/check-envoy.js';
import { registerServe } from './commands/serve.js';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** The program of one run; commands write to `cli` and set its exit code. */
export function buildProgram(cli: CliContext): Command {
  // Subcommands copy the output settings and the exit override when they are added, so both
  // are set before any command is registered.
  const program = new Command('meshc')
    .description('Compile a typed service-mesh description into validated Envoy configuration.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(commanderOutput(cli))
    .exitOverride();
  registerCompile(program, cli);
  registerValidate(program, cli);
  registerSchema(program, cli);
  registerExplain(program, cli);
  registerCerts(program, cli);
  registerGraph(program, cli);
  registerCheckEnvoy(program, cli);
  registerServe(program, cli);
  program.addHelpText(
    'after',
    `
Examples:
  $ meshc compile examples/shop --out out/shop
  $ meshc validate mesh/ --format github
  $ meshc explain MC2101
  $ meshc graph examples/shop --format mermaid
  $ meshc check-envoy --strict envoy.yaml
  $ meshc certs init --mesh examples/shop --out certs && meshc certs issue --mesh examples/shop --out certs

Exit codes: 0 ok (warnings allowed), 1 errors found, 2 usage error, 70 internal error.`,
  );
  return program;
}

/**
 * Help, --version and usage errors go to the run's streams. meshc's help has no colours, so none
 * are asked for whatever the environment says (commander would read NO_COLOR / FORCE_COLOR).
 */
function commanderOutput(cli: CliContext): OutputConfiguration {
  return {
    writeOut: (text) => void cli.stdout.write(text),
    writeErr: (text) => void cli.stderr.write(text),
    getOutHelpWidth: () => helpWidth(cli.stdout),
    getErrHelpWidth: () => helpWidth(cli.stderr),
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
}

/** A terminal's width, else commander's default of 80 columns (so piped help is the same everywhere). */
function helpWidth(sink: TextSink): number {
  return (sink.isTTY === true ? sink.columns : undefined) ?? 80;
}

/**
 * Runs `meshc` with `argv` (as process.argv: node, script, arguments…) in this process and
 * resolves to its exit code; nothing is written to the process's streams and process.exitCode
 * is left alone. Paths are relative to process.cwd(), as the compiler reads them.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cli = createContext(io);
  return runProgram(buildProgram(cli), cli, argv);
}

/** Parses and runs `program`; an exception escaping a command is reported as a meshc bug (70). */
export async function runProgram(program: Command, cli: CliContext, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    cli.stderr.write(`meshc: internal error (this is a bug in meshc, please report it):\n${detail}\n`);
    return EXIT.internal;
  }
  return cli.exitCode;
}
