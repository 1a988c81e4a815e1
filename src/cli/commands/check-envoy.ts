/** `meshc check-envoy <files...>`: check Envoy configuration files the way Envoy would load them. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type Command, InvalidArgumentError } from 'commander';
import { checkEnvoyFiles, envoySchema, MESSAGE_ALIASES, resolveMessageName, type FileInput } from '../../check/index.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { plural } from '../../diagnostics/render.js';
import { formerDiagnosticsFormat, withDiagnosticsOption, type FormerlyFormatFlags } from '../options.js';
import { exitCodeFor, printDiagnostics } from '../output.js';
import type { CliContext } from '../io.js';

interface CheckEnvoyFlags extends FormerlyFormatFlags {
  readonly type?: string;
  readonly strict?: boolean;
  readonly allowUnknownTypes?: boolean;
  readonly together?: boolean;
}

const CONFIG_FILE = /\.(?:ya?ml|json)$/i;

export function registerCheckEnvoy(program: Command, cli: CliContext): void {
  const command = program
    .command('check-envoy')
    .description("check Envoy configuration files against Envoy's v3 API, its validation rules and load-time invariants")
    .argument('<files...>', 'YAML (several documents allowed) or JSON files, or directories of them')
    .option('-t, --type <message>', `message type of each document: a full name or ${Object.keys(MESSAGE_ALIASES).join(', ')}`, messageType)
    .option('--strict', 'demand canonical proto3 JSON, not just what Envoy accepts')
    .option('--allow-unknown-types', 'warn about, rather than refuse, typed configs whose type is not in the vendored API')
    .option('--together', 'check all files as one Envoy configuration (cross-file references and duplicates)');
  withDiagnosticsOption(command, true)
    .addHelpText(
      'after',
      `
Without --type, a document with top-level "resources" is a DiscoveryResponse (each resource
checked by its @type) and anything else a Bootstrap. A document that is a list is checked
element by element as --type.

Examples:
  $ meshc check-envoy envoy.yaml
  $ meshc check-envoy --type cluster clusters.yaml --diagnostics github
  $ meshc check-envoy --strict out/frontend/*.yaml
  $ meshc check-envoy --together out/frontend/     # bootstrap + its xDS files as one config`,
    )
    .action((paths: string[], flags: CheckEnvoyFlags) => {
      const read = readInputs(paths);
      const result = checkEnvoyFiles(read.files, {
        ...(flags.type ? { type: flags.type } : {}),
        strict: flags.strict === true,
        allowUnknownTypes: flags.allowUnknownTypes === true,
        together: flags.together === true,
      });
      const diagnostics = [...read.diagnostics, ...result.diagnostics];
      const format = formerDiagnosticsFormat(flags);
      printDiagnostics(diagnostics, format, read.files, cli.stdout);
      cli.exitCode = exitCodeFor(diagnostics);
      if (format === 'text') {
        const valid = result.files.filter((f) => f.errors === 0).length;
        const resources = result.files.reduce((n, f) => n + f.resources, 0);
        cli.stdout.write(`${plural(result.files.length, 'file')} (${plural(resources, 'resource')}): ${valid} valid, ${result.files.length - valid} invalid\n`);
        if (read.skipped.length > 0) cli.stdout.write(`skipped, not Envoy configuration: ${read.skipped.join(', ')}\n`);
      }
    });
}

/** A usage error (exit 2) for a type the API does not have. */
function messageType(value: string): string {
  if (!envoySchema().message(resolveMessageName(value))) {
    throw new InvalidArgumentError(`no message ${value} in the Envoy API (aliases: ${Object.keys(MESSAGE_ALIASES).join(', ')})`);
  }
  return value;
}

function readInputs(paths: readonly string[]): { files: FileInput[]; diagnostics: Diagnostic[]; skipped: string[] } {
  const files: FileInput[] = [];
  const skipped: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    let names: string[];
    let walked = false;
    try {
      walked = statSync(path).isDirectory();
      names = walked ? listConfigFiles(path) : [path];
    } catch {
      diagnostics.push(diagnostic('input-not-found', { message: `input "${path}" does not exist` }));
      continue;
    }
    if (names.length === 0) {
      diagnostics.push(diagnostic('no-input-files', { message: `directory "${path}" contains no .yaml, .yml or .json files` }));
    }
    for (const name of names) {
      try {
        const text = readFileSync(name, 'utf8');
        // Found in a directory (a meshc output has Prometheus and Grafana files next to the Envoy
        // ones); a file named on the command line is always checked.
        const foreign = walked ? foreignConfig(text) : undefined;
        if (foreign !== undefined) skipped.push(`${name} (${foreign})`);
        else files.push({ name, text });
      } catch (error) {
        diagnostics.push(diagnostic('read-failed', { message: `cannot read "${name}": ${(error as Error).message}` }));
      }
    }
  }
  return { files, diagnostics, skipped };
}

/**
 * Top-level keys that mark a file as another tool's configuration. None of them is a field of
 * an Envoy Bootstrap or DiscoveryResponse, so an Envoy file is never taken for one of these.
 */
const FOREIGN: readonly { readonly what: string; readonly keys: readonly string[] }[] = [
  { what: 'Grafana dashboard', keys: ['panels', 'schemaVersion'] },
  { what: 'Prometheus configuration', keys: ['scrape_configs'] },
  { what: 'Prometheus rules', keys: ['groups'] },
  { what: 'envoyproxy/ratelimit configuration', keys: ['domain', 'descriptors'] },
];

/** Any of FOREIGN's keys opening a line: only files that have one are parsed here, before the checker parses them again. */
const FOREIGN_KEY = new RegExp(`^\\s*["']?(?:${[...new Set(FOREIGN.flatMap((f) => f.keys))].join('|')})["']?\\s*:`, 'm');

function foreignConfig(text: string): string | undefined {
  if (!FOREIGN_KEY.test(text)) return undefined;
  let top: unknown;
  try {
    top = parseAllDocuments(text, { uniqueKeys: false })[0]?.toJS({ maxAliasCount: 0 });
  } catch {
    return undefined; // let the checker report what is wrong with it
  }
  if (typeof top !== 'object' || top === null || Array.isArray(top)) return undefined;
  return FOREIGN.find((f) => f.keys.every((k) => k in top))?.what;
}

function listConfigFiles(directory: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(directory, entry.name);
    if (entry.isDirectory()) out.push(...listConfigFiles(full));
    else if (CONFIG_FILE.test(entry.name)) out.push(full);
  }
  return out;
}
