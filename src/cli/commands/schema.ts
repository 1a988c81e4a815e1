/** `meshc schema`: the JSON Schema of the mesh language, for editors and pipelines. */
import type { Command } from 'commander';
import { meshJsonSchema } from '../../dsl/schema.js';
import type { CliContext } from '../io.js';

export function registerSchema(program: Command, cli: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of mesh documents')
    .addHelpText(
      'after',
      `
Examples:
  $ meshc schema > meshc.schema.json
  # in a mesh file, for editor completion:
  # yaml-language-server: $schema=./meshc.schema.json`,
    )
    .action(() => {
      cli.stdout.write(JSON.stringify(meshJsonSchema(), null, 2) + '\n');
    });
}
