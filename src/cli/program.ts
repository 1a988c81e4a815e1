/**
 * The meshc command line: commander wiring only; every behaviour lives in the library.
 * Exit codes: 0 ok (warnings allowed), 1 errors found, 2 usage error, 70 internal error.
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { EXIT } from './exit-codes.js';
import { registerCompile } from './commands/compile.js';
import { registerValidate } from './commands/validate.js';
import { registerSchema } from './commands/schema.js';
import { registerExplain } from './commands/explain.js';
import { registerCerts } from './commands/certs.js';
import { registerGraph } from './commands/graph.js';
import { registerCheckEnvoy } from './commands/check-envoy.js';
import { registerServe } from './commands/serve.js';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command('meshc')
    .description('Compile a typed service-mesh description into validated Envoy configuration.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCompile(program);
  registerValidate(program);
  registerSchema(program);
  registerExplain(program);
  registerCerts(program);
  registerGraph(program);
  registerCheckEnvoy(program);
  registerServe(program);
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

/** Runs the CLI; sets process.exitCode instead of exiting, so output is flushed. */
export async function run(argv: readonly string[], program: Command = buildProgram()): Promise<void> {
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`meshc: internal error (this is a bug in meshc, please report it):\n${detail}\n`);
    process.exitCode = EXIT.internal;
  }
}

