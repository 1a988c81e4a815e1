/**
 * `meshc certs init|issue|rotate|status`: the mesh CA and one SPIFFE certificate per service,
 * laid out for Envoy's file-based SDS (see src/certs/layout.ts). Wiring only; the work is in
 * src/certs, loaded only when a certs command runs (the X.509 library takes ~0.2 s to load,
 * which `meshc compile` should not pay).
 */
import { type Command, InvalidArgumentError } from 'commander';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { plural } from '../../diagnostics/render.js';
import { DEFAULT_CA_THRESHOLD_MS, DEFAULT_THRESHOLD_MS } from '../../certs/defaults.js';
import { formatInstant, formatSpan, parseCertDuration } from '../../certs/duration.js';
import type { IssuedCert, IssueOptions, MeshIdentity } from '../../certs/index.js';
import { EXIT } from '../exit-codes.js';
import { choice, diagnosticsFormat, withDiagnosticsOption, type DiagnosticsFlags } from '../options.js';
import { exitCodeFor, printDiagnostics } from '../output.js';
import type { CliContext } from '../io.js';

interface CommonFlags extends DiagnosticsFlags {
  readonly mesh: string[];
  readonly out: string;
}

interface InitFlags extends CommonFlags {
  readonly ttl?: number;
  readonly force?: boolean;
}

interface IssueFlags extends CommonFlags {
  readonly ttl?: number;
  readonly service?: string[];
}

const STATUS_FORMATS = ['text', 'json', 'prometheus'] as const;
type StatusFormat = (typeof STATUS_FORMATS)[number];

interface StatusFlags extends CommonFlags {
  readonly threshold?: number;
  readonly caThreshold?: number;
  readonly format: StatusFormat;
}

export function registerCerts(program: Command, cli: CliContext): void {
  const certs = program
    .command('certs')
    .description('SPIFFE certificates for mutual TLS: a mesh CA and one certificate per service')
    .addHelpText(
      'after',
      `
Layout under --out (Envoy's file-based SDS watches <out>/<service>/):
  _ca/ca.pem, _ca/ca.key.pem (0600)       the mesh CA
  <service>/gen-<n>/{cert,key,ca}.pem     one generation (key.pem 0600)
  <service>/current -> gen-<n>            swapped atomically on rotation

Examples:
  $ meshc certs init   --mesh examples/shop --out certs
  $ meshc certs issue  --mesh examples/shop --out certs
  $ meshc certs rotate --mesh examples/shop --out certs --ttl 24h
  $ meshc certs status --mesh examples/shop --out certs --format json`,
    );

  common(certs.command('init'))
    .description('create the mesh CA in <out>/_ca (ECDSA P-256, self-signed, 10 years)')
    .option('--ttl <duration>', 'CA lifetime, e.g. 3650d (default 10 years)', durationOption)
    .option('--force', 'replace an existing CA (then rotate every service)')
    .action((flags: InitFlags) => init(flags, cli));

  common(certs.command('issue'))
    .description('issue certificates for services that have no valid one (valid ones are kept)')
    .option('--ttl <duration>', 'certificate lifetime, e.g. 1h, 24h, 7d (default 24h)', durationOption)
    .option('--service <names...>', 'only these services (default: every service)')
    .action((flags: IssueFlags) => issue(flags, cli));

  common(certs.command('rotate'))
    .description('issue a new generation for every service and switch `current` to it atomically')
    .option('--ttl <duration>', 'certificate lifetime, e.g. 1h, 24h, 7d (default 24h)', durationOption)
    .option('--service <names...>', 'only these services (default: every service)')
    .action((flags: IssueFlags) => rotate(flags, cli));

  common(certs.command('status'))
    .description('show what expires when; exit 1 if anything is missing, invalid or expiring soon')
    .option('--threshold <duration>', `flag service certificates expiring within this (default ${formatSpan(DEFAULT_THRESHOLD_MS)})`, durationOption)
    .option('--ca-threshold <duration>', `flag the CA expiring within this (default ${formatSpan(DEFAULT_CA_THRESHOLD_MS)})`, durationOption)
    .option(
      '-f, --format <format>',
      `output: ${STATUS_FORMATS.join(' | ')} (json: one document on stdout; prometheus: for the node exporter textfile collector)`,
      choice(STATUS_FORMATS),
      'text',
    )
    .action((flags: StatusFlags) => status(flags, cli));
}

/** The options every subcommand shares. */
function common(command: Command): Command {
  return withDiagnosticsOption(
    command.requiredOption('--mesh <paths...>', 'mesh files or directories (read with the compiler)').requiredOption('-o, --out <dir>', 'certificate directory'),
  );
}

// ── Actions ──────────────────────────────────────────────────────────────────────────────────

async function init(flags: InitFlags, cli: CliContext): Promise<void> {
  const lib = await certsLibrary();
  const mesh = readMesh(lib, flags, cli);
  if (!mesh) return;
  const result = await lib.initCa({
    out: flags.out,
    trustDomain: mesh.trustDomain,
    ...(flags.ttl !== undefined ? { ttlMs: flags.ttl } : {}),
    force: flags.force === true,
  });
  finish(result.diagnostics, flags, cli);
  if (!result.ca) return;
  const { cert, paths, replaced } = result.ca;
  cli.stdout.write(
    `${replaced ? 'replaced' : 'created'} the mesh CA for ${lib.trustDomainId(mesh.trustDomain)} in ${paths.dir}, ` + `valid until ${formatInstant(cert.notAfter)}\n`,
  );
  if (replaced) {
    cli.stdout.write('certificates issued under the old CA no longer verify: run `meshc certs rotate`\n');
  }
}

async function issue(flags: IssueFlags, cli: CliContext): Promise<void> {
  const lib = await certsLibrary();
  const mesh = readMesh(lib, flags, cli);
  if (!mesh) return;
  const result = await lib.issueCerts(issueOptions(flags, mesh));
  finish(result.diagnostics, flags, cli);
  for (const cert of result.issued) cli.stdout.write(`issued  ${describeIssued(cert)}\n`);
  for (const kept of result.kept) {
    const until = kept.cert ? `, valid until ${formatInstant(kept.cert.notAfter)}` : '';
    cli.stdout.write(`kept    ${kept.name}: ${kept.generation ?? 'current'}${until} (rotate replaces it)\n`);
  }
}

async function rotate(flags: IssueFlags, cli: CliContext): Promise<void> {
  const lib = await certsLibrary();
  const mesh = readMesh(lib, flags, cli);
  if (!mesh) return;
  const result = await lib.rotateCerts(issueOptions(flags, mesh));
  finish(result.diagnostics, flags, cli);
  for (const cert of result.issued) cli.stdout.write(`rotated ${describeIssued(cert)}\n`);
  if (!hasErrors(result.diagnostics)) cli.stdout.write(`rotated ${plural(result.issued.length, 'service')}\n`);
}

async function status(flags: StatusFlags, cli: CliContext): Promise<void> {
  const lib = await certsLibrary();
  const mesh = readMesh(lib, flags, cli);
  if (!mesh) return;
  const report = lib.certStatus({
    out: flags.out,
    mesh,
    ...(flags.threshold !== undefined ? { thresholdMs: flags.threshold } : {}),
    ...(flags.caThreshold !== undefined ? { caThresholdMs: flags.caThreshold } : {}),
  });
  if (flags.format === 'json') {
    cli.stdout.write(`${JSON.stringify(lib.statusToJson(report), null, 2)}\n`);
  } else if (flags.format === 'prometheus') {
    cli.stdout.write(lib.statusToPrometheus(report));
    printDiagnostics(lib.statusDiagnostics(report), diagnosticsFormat(flags), [], cli.stderr);
  } else {
    cli.stdout.write(lib.renderStatusText(report));
    printDiagnostics(lib.statusDiagnostics(report), diagnosticsFormat(flags), [], cli.stderr);
  }
  cli.exitCode = lib.statusOk(report) ? EXIT.ok : EXIT.errors;
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

type CertsLibrary = typeof import('../../certs/index.js');

async function certsLibrary(): Promise<CertsLibrary> {
  return import('../../certs/index.js');
}

/** The mesh's identity, or undefined after printing why it cannot be read (exit 1). */
function readMesh(lib: CertsLibrary, flags: CommonFlags, cli: CliContext): MeshIdentity | undefined {
  const load = lib.loadMeshIdentity(flags.mesh);
  if (load.identity) return load.identity;
  printDiagnostics(load.diagnostics, diagnosticsFormat(flags), load.sources, cli.stderr);
  cli.exitCode = EXIT.errors;
  return undefined;
}

function issueOptions(flags: IssueFlags, mesh: MeshIdentity): IssueOptions {
  return {
    out: flags.out,
    mesh,
    services: flags.service ?? [],
    ...(flags.ttl !== undefined ? { ttlMs: flags.ttl } : {}),
  };
}

function finish(diagnostics: readonly Diagnostic[], flags: CommonFlags, cli: CliContext): void {
  printDiagnostics(diagnostics, diagnosticsFormat(flags), [], cli.stderr);
  cli.exitCode = exitCodeFor(diagnostics);
}

function describeIssued(cert: IssuedCert): string {
  const from = cert.previous !== undefined ? `${cert.previous} -> ` : '';
  const pruned = cert.pruned.length > 0 ? `; pruned ${cert.pruned.join(', ')}` : '';
  const until = formatInstant(cert.notAfter);
  return `${cert.service}: ${cert.spiffeId}, ${from}${cert.generation}, valid until ${until}${pruned}`;
}

function durationOption(value: string): number {
  const ms = parseCertDuration(value);
  if (ms === undefined) throw new InvalidArgumentError('expected a duration such as 1h, 24h, 7d or 1d12h');
  return ms;
}
