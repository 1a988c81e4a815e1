/** MC5xxx: command line, input and output files. */
import type { CodeEntry } from './entry.js';

export const CLI_CODES = [
  {
    code: 'MC5001',
    name: 'input-not-found',
    severity: 'error',
    summary: 'An input path does not exist.',
    doc: 'A file or directory given on the command line (or to `compile()`) does not exist. Paths are relative to the current directory.',
  },
  {
    code: 'MC5002',
    name: 'no-input-files',
    severity: 'error',
    summary: 'No .yaml or .yml files were found in the input.',
    doc: 'A directory input is searched recursively for `*.yaml` and `*.yml` files (hidden directories, `node_modules` and meshc output directories, which carry the `.meshc-output` marker, are skipped). None were found.',
  },
  {
    code: 'MC5003',
    name: 'read-failed',
    severity: 'error',
    summary: 'An input file could not be read.',
    doc: 'The operating system refused to read the file, for example because of its permissions. The message carries the system error.',
  },
  {
    code: 'MC5004',
    name: 'output-not-owned',
    severity: 'error',
    summary: 'The output directory exists, is not empty and was not written by meshc.',
    doc: 'meshc replaces its output directory as a whole, so that files of removed services do not linger. To avoid deleting anything else, it only replaces a directory that is empty or carries the `.meshc-output` marker it writes itself. Choose another `--out`, or empty the directory first.',
  },
  {
    code: 'MC5005',
    name: 'write-failed',
    severity: 'error',
    summary: 'The output could not be written.',
    doc: 'Writing the new output failed (disk full, permissions). meshc writes into a temporary directory next to the output and swaps it in only when everything is written, so the previous output is left as it was.',
  },
  {
    code: 'MC5006',
    name: 'empty-input',
    severity: 'error',
    summary: 'An input file is empty.',
    doc: 'A mesh file given as input (or found in an input directory) holds no bytes, or only whitespace. The diagnostic points at its first line; remove the file or write the mesh into it.',
  },
  {
    code: 'MC5007',
    name: 'binary-input',
    severity: 'error',
    summary: 'An input file is not UTF-8 text.',
    doc: 'A mesh file holds a NUL byte or bytes that are not valid UTF-8, so it is not a YAML text (a binary file given a .yaml name, or a file in another encoding). meshc describes it (its size and the first offending byte) instead of printing it, and does not parse it. Remove it from the input or convert it to UTF-8.',
  },
  {
    code: 'MC5008',
    name: 'missing-control-plane',
    severity: 'error',
    summary: '`--mode ads` with a mesh that has no `controlPlane`.',
    doc: 'In `--mode ads` every bootstrap points at `meshc serve` and takes its listeners, routes, clusters and endpoints from it, so the compiler must know where sidecars reach it: `mesh.controlPlane.address` (the host:port of `meshc serve --listen`, or of a load balancer in front of its replicas). By default the sidecar connects with mutual TLS and accepts only `spiffe://<trustDomain>/svc/meshc-serve` (`controlPlane.identity`).',
  },
  {
    code: 'MC5009',
    name: 'serve-tls-required',
    severity: 'error',
    summary: '`meshc serve` without mutual TLS, or plaintext on an address other than loopback.',
    doc: 'The control plane hands every sidecar its configuration, authorization policy included, so its channel is mutual TLS: `--certs <dir>` names the `meshc certs` output, where the server\'s certificate is `<dir>/<identity>/current/` (`--identity`, default meshc-serve: issue it with `meshc certs issue` after adding `controlPlane` to the mesh). Each client must present a mesh certificate whose SPIFFE ID is that of the service it asks for. `--insecure` serves plaintext, for tests and for gRPC clients that cannot present certificates, and only on a loopback address.',
  },
  {
    code: 'MC5010',
    name: 'serve-certificate-missing',
    severity: 'error',
    summary: 'The certificate files `meshc serve` needs are missing.',
    doc: 'With `--certs <dir>`, the server reads `<dir>/<identity>/current/cert.pem`, `key.pem` and `ca.pem` (the layout `meshc certs` writes) and re-reads them every minute, so `meshc certs rotate` needs no restart. One of them does not exist: run `meshc certs issue --mesh <mesh> --out <dir>` with a mesh whose `controlPlane` names this identity.',
  },
  {
    code: 'MC5011',
    name: 'serve-listen-failed',
    severity: 'error',
    summary: '`meshc serve` could not listen on its ADS or admin address.',
    doc: 'Binding the ADS (`--listen`) or admin (`--admin`) address failed: the port is in use, the address is not on this host, or the port needs privileges. The message carries the system\'s reason.',
  },
] as const satisfies readonly CodeEntry[];
