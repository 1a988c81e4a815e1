/** `meshc serve <paths...> --listen <host:port>`: the ADS control plane for `--mode ads` sidecars. */
import { type Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN } from '../../dsl/builtin.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { isLoopback, splitHostPort } from '../../dsl/endpoint.js';
import type { TlsFiles } from '../../serve/server.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticsFormat, withDiagnosticsOption, type DiagnosticsFlags } from '../options.js';
import { printDiagnostics } from '../output.js';
import type { CliContext } from '../io.js';

interface ServeFlags extends DiagnosticsFlags {
  readonly listen: { host: string; port: number };
  readonly admin?: { host: string; port: number };
  readonly certs?: string;
  readonly identity: string;
  readonly insecure?: boolean;
  readonly endpoints?: string;
}

/** host:port to listen on; port 0 picks a free port (the log says which). */
function hostPort(value: string): { host: string; port: number } {
  const anyPort = value.endsWith(':0');
  const parsed = splitHostPort(anyPort ? `${value.slice(0, -2)}:1` : value);
  if (!parsed.ok || parsed.value.port === undefined) throw new InvalidArgumentError('expected host:port, e.g. 0.0.0.0:18000');
  return { host: parsed.value.address, port: anyPort ? 0 : parsed.value.port };
}

export function registerServe(program: Command, cli: CliContext): void {
  const command = program
    .command('serve')
    .description('serve every service\u2019s configuration over ADS (state of the world and delta) to --mode ads sidecars, recompiling on change')
    .argument('<paths...>', 'mesh files or directories, watched')
    .requiredOption('--listen <host:port>', 'ADS (gRPC) address', hostPort)
    .option('--admin <host:port>', 'admin HTTP address: /healthz /readyz /metrics /debug/nodes /debug/config/<service>', hostPort)
    .option('--certs <dir>', 'meshc certs output: the server certificate is <dir>/<identity>/current/')
    .option('--identity <name>', 'the server\u2019s mesh identity (controlPlane.identity)', BUILTIN.controlPlane.identity)
    .option('--insecure', 'plaintext, without client certificates: loopback only')
    .option('--endpoints <dir>', 'endpoint files (outside the mesh paths), watched: the workloads of versions, served as EDS');
  withDiagnosticsOption(command)
    .addHelpText(
      'after',
      `
Examples:
  $ meshc certs issue --mesh mesh/ --out certs        # issues certs/meshc-serve/ once mesh.controlPlane is set
  $ meshc serve mesh/ --listen 0.0.0.0:18000 --admin 127.0.0.1:18001 --certs certs
  $ meshc serve mesh/ --listen 127.0.0.1:18000 --insecure      # tests, proxyless gRPC clients`,
    )
    .action(async (paths: string[], flags: ServeFlags) => {
      const tls = tlsFiles(flags);
      if (!('certificate' in tls)) {
        printDiagnostics([tls.problem], diagnosticsFormat(flags), [], cli.stderr);
        cli.exitCode = EXIT.errors;
        return;
      }
      // serve stays bound to a process: it runs until a signal stops it, which only the
      // executable can wait for (main.ts gives holdOpen). Elsewhere the arguments are checked
      // above and the server is not started.
      if (!cli.holdOpen) {
        cli.stderr.write('meshc: serve runs only as the meshc process (it stops on SIGTERM or SIGINT)\n');
        cli.exitCode = EXIT.usage;
        return;
      }
      let handle;
      try {
        // Loaded here, not at start-up: gRPC and the metrics client are for this command only.
        const { startServe } = await import('../../serve/serve.js');
        handle = await startServe({
          input: paths,
          listen: `${flags.listen.host}:${flags.listen.port}`,
          ...(flags.admin ? { admin: flags.admin } : {}),
          ...(tls.certificate ? { tls: tls.certificate } : {}),
          ...(flags.endpoints !== undefined ? { endpoints: flags.endpoints } : {}),
        });
      } catch (error) {
        const problem = diagnostic('serve-listen-failed', { message: `cannot serve: ${(error as Error).message}` });
        printDiagnostics([problem], diagnosticsFormat(flags), [], cli.stderr);
        cli.exitCode = EXIT.errors;
        return;
      }
      cli.holdOpen(() => handle.stop());
    });
}

function tlsFiles(flags: ServeFlags): { certificate: TlsFiles | undefined } | { problem: Diagnostic } {
  if (flags.insecure) {
    if (flags.certs !== undefined) return { problem: diagnostic('serve-tls-required', { message: 'give --certs or --insecure, not both' }) };
    if (!isLoopback(flags.listen.host)) {
      return {
        problem: diagnostic('serve-tls-required', {
          message: `--insecure serves plaintext, which is allowed only on loopback, not on ${flags.listen.host}`,
          hint: 'listen on 127.0.0.1, or serve with --certs <dir> (mutual TLS)',
        }),
      };
    }
    return { certificate: undefined };
  }
  if (flags.certs === undefined) {
    return {
      problem: diagnostic('serve-tls-required', {
        message: 'meshc serve needs --certs <dir> (mutual TLS with the meshc certs output), or --insecure on loopback',
        hint: `meshc certs issue --mesh <mesh> --out <dir> issues <dir>/${flags.identity}/ once the mesh has a controlPlane`,
      }),
    };
  }
  const dir = join(flags.certs, flags.identity, 'current');
  const files = { certificate: join(dir, 'cert.pem'), privateKey: join(dir, 'key.pem'), trustBundle: join(dir, 'ca.pem') };
  const missing = Object.values(files).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    return {
      problem: diagnostic('serve-certificate-missing', {
        message: `missing ${missing.join(', ')}`,
        hint: `meshc certs issue --mesh <mesh> --out ${flags.certs} (the mesh's controlPlane.identity must be ${flags.identity})`,
      }),
    };
  }
  return { certificate: files };
}
