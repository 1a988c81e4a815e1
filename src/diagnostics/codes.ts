/**
 * The registry of every diagnostic meshc can report. A code is stable forever and never reused;
 * the kebab-case name is what tests and pipelines match on; the doc is what `meshc explain` prints.
 *
 * Bands: MC1xxx parsing and schema, MC2xxx semantic rules, MC3xxx policies,
 * MC4xxx Envoy output checks, MC5xxx command line and files.
 */
export type Severity = 'error' | 'warning';

export interface CodeEntry {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly doc: string;
}

export const CODES = [
  // ── MC1xxx: YAML and schema ─────────────────────────────────────────────────────────────────
  {
    code: 'MC1001',
    name: 'yaml-syntax',
    severity: 'error',
    summary: 'The file is not valid YAML.',
    doc: 'The YAML parser could not read the file. The position points at the first character it could not make sense of; the message carries the parser\'s own explanation (for example a bad indentation or an unclosed quote). Nothing else in the file is checked until it parses.',
  },
  {
    code: 'MC1002',
    name: 'duplicate-key',
    severity: 'error',
    summary: 'A mapping has the same key twice.',
    doc: 'YAML allows a key only once per mapping. Most parsers silently keep the last value, which hides mistakes such as two `services.catalog` blocks; meshc refuses the file instead. Merge the two entries or rename one.',
  },
  {
    code: 'MC1003',
    name: 'unsupported-api-version',
    severity: 'error',
    summary: 'apiVersion is missing or not one this meshc understands.',
    doc: 'Every mesh document starts with `apiVersion: meshc/v1`. The version tells meshc which language the file is written in, so that a future `meshc/v2` can change meaning without silently misreading old files.',
  },
  {
    code: 'MC1010',
    name: 'unknown-field',
    severity: 'error',
    summary: 'A key that the language does not define.',
    doc: 'Every object in the mesh language has a closed set of fields. An unknown key is almost always a typo (`timout`, `retrys`) that would otherwise be ignored; the hint names the closest known field.',
  },
  {
    code: 'MC1011',
    name: 'wrong-type',
    severity: 'error',
    summary: 'A value of the wrong type (a string where a number is expected, a list where a map is expected).',
    doc: 'The value at this position has the wrong type. Remember that YAML reads `8080` as a number and `"8080"` as a string, and that an empty value (`key:` with nothing after it) is null.',
  },
  {
    code: 'MC1012',
    name: 'missing-field',
    severity: 'error',
    summary: 'A required field is absent.',
    doc: 'The object at this position needs the named field. For example every service needs `protocol`, `port` and `versions`, and every document needs `apiVersion`.',
  },
  {
    code: 'MC1013',
    name: 'invalid-value',
    severity: 'error',
    summary: 'A value outside the allowed set (an unknown protocol, retry condition or policy name).',
    doc: 'The field takes one of a fixed set of values, listed in the message. The hint names the closest allowed value when there is one.',
  },
  {
    code: 'MC1014',
    name: 'invalid-duration',
    severity: 'error',
    summary: 'A duration that is not written as a number followed by ms, s, m or h.',
    doc: 'Durations are strings such as `250ms`, `1s`, `1.5s`, `2m` or `1m30s`. A bare number is refused because its unit would be a guess.',
  },
  {
    code: 'MC1015',
    name: 'invalid-name',
    severity: 'error',
    summary: 'A service, version or mesh name that is not a DNS label.',
    doc: 'Names become parts of Envoy resource names, stats and SPIFFE identities, so they must be DNS labels: lowercase letters, digits and `-`, starting with a letter, ending with a letter or digit, at most 63 characters.',
  },
  {
    code: 'MC1016',
    name: 'invalid-format',
    severity: 'error',
    summary: 'A string that does not have the required shape (a path not starting with /, a bad header name).',
    doc: 'The string at this position must match a format given in the message: request paths start with `/`, header names are HTTP tokens, trust domains are DNS names.',
  },
  {
    code: 'MC1017',
    name: 'out-of-range',
    severity: 'error',
    summary: 'A number outside its allowed range, or a list that is too short.',
    doc: 'The number is below the minimum or above the maximum the field allows (ports are 1–65535, percentages 0–100, retry attempts 0–10), or it must be a whole number; or a list needs at least one entry.',
  },

  // ── MC2xxx: semantic rules ──────────────────────────────────────────────────────────────────
  {
    code: 'MC2001',
    name: 'duplicate-service',
    severity: 'error',
    summary: 'The same service is defined in two places.',
    doc: 'A mesh may be split over several files, but each service is defined exactly once. The diagnostic names both places. Merge the definitions, or rename one of the services.',
  },
  {
    code: 'MC2002',
    name: 'duplicate-block',
    severity: 'error',
    summary: '`mesh` or `defaults` is given in more than one document.',
    doc: 'The `mesh` block (name, trust domain, sidecar ports) and the `defaults` block describe the whole mesh, so exactly one document may carry each. The diagnostic names both places.',
  },
  {
    code: 'MC2003',
    name: 'missing-mesh',
    severity: 'error',
    summary: 'No document has a `mesh` block.',
    doc: 'One document of the mesh must have a `mesh` block with at least `name` and `trustDomain`. It sets the identity of every workload and the sidecar ports.',
  },
  {
    code: 'MC2004',
    name: 'empty-mesh',
    severity: 'error',
    summary: 'The mesh defines no services.',
    doc: 'There is nothing to compile: no document has a `services` block with at least one service.',
  },
  {
    code: 'MC2101',
    name: 'unknown-service',
    severity: 'error',
    summary: 'A service named in `calls` is not defined.',
    doc: 'Every entry of `calls` must name a service defined somewhere in the mesh. A sidecar only gets configuration for the services its workload calls, so a misspelt name would leave the caller without a route. The hint names the closest defined service.',
  },
  {
    code: 'MC2102',
    name: 'unknown-version',
    severity: 'error',
    summary: 'A route, split or mirror names a version the service does not have.',
    doc: '`to`, the keys of `split` and `mirror.to` must name versions listed under the service\'s own `versions`. The hint names the closest version.',
  },
  {
    code: 'MC2103',
    name: 'split-weights',
    severity: 'error',
    summary: 'Split weights are negative, have more than two decimals, or do not add up to 100.',
    doc: 'A `split` divides traffic in percent: the weights are numbers from 0 to 100 with at most two decimals and add up to exactly 100. Envoy would quietly normalise any total, which turns a typo into a wrong traffic share.',
  },
  {
    code: 'MC2104',
    name: 'version-without-endpoints',
    severity: 'error',
    summary: 'A version has neither `endpoints` nor `dns`, or its endpoint list is empty.',
    doc: 'Each version needs somewhere to send traffic: a non-empty `endpoints` list of workload addresses, or a `dns` name that Envoy resolves. A version with neither would be a cluster with no hosts, and every request to it would fail with 503.',
  },
  {
    code: 'MC2105',
    name: 'invalid-ip',
    severity: 'error',
    summary: 'An endpoint address is not an IPv4 or IPv6 literal, or its port is invalid.',
    doc: 'Static endpoints are IP literals (`10.0.0.1`, `10.0.0.1:15006`, `[fd00::1]:15006`). For a name that must be resolved, use the version\'s `dns` field instead, which makes Envoy resolve it.',
  },
  {
    code: 'MC2106',
    name: 'local-port-conflict',
    severity: 'error',
    summary: 'Two called services, or a called service and the caller itself, would use the same local port.',
    doc: 'A caller reaches each service it calls on `127.0.0.1:<that service\'s port>`. When two called services share a port, or a called service uses the caller\'s own port, the sidecar cannot listen for both. Give one of the calls a `localPort`: `calls: [{service: cart, localPort: 17070}]`.',
  },
  {
    code: 'MC2107',
    name: 'sidecar-port-conflict',
    severity: 'error',
    summary: 'A service or local port collides with a port the sidecar itself uses.',
    doc: 'The sidecar listens on `mesh.sidecar` ports (inbound, admin, metrics). A service port or `localPort` equal to one of them would make Envoy fail to bind. Choose another port, or move the sidecar port in `mesh.sidecar`.',
  },
  {
    code: 'MC2108',
    name: 'shadowed-route',
    severity: 'warning',
    summary: 'A route can never match because an earlier route catches all its requests.',
    doc: 'Routes are tried in order and the first match wins. A route after a catch-all (a route with no match, or `path: {prefix: /}` and nothing else) can never be reached; move it above the catch-all or remove it.',
  },
  {
    code: 'MC2109',
    name: 'retry-exceeds-timeout',
    severity: 'warning',
    summary: 'The retries cannot all run within the request timeout.',
    doc: 'With `attempts` retries the request may be tried `attempts + 1` times, each up to `perTryTimeout`. When that product exceeds `timeout`, the later retries are cut off by the overall timeout, so the retry budget you wrote is not the one you get. Lower `perTryTimeout` or `attempts`, or raise `timeout`.',
  },
  {
    code: 'MC2110',
    name: 'retry-without-per-try-timeout',
    severity: 'warning',
    summary: 'Retries are enabled without a per-try timeout.',
    doc: 'Without `perTryTimeout` each attempt may use the whole request timeout, so a slow upstream is never retried: the first attempt times out the request. Set `retries.perTryTimeout` to a fraction of `timeout`.',
  },
  {
    code: 'MC2111',
    name: 'duplicate-call',
    severity: 'error',
    summary: 'A service lists the same callee twice in `calls`.',
    doc: 'Each called service gets one outbound listener. Listing it twice is ambiguous (which `localPort` applies?); keep a single entry.',
  },
  {
    code: 'MC2112',
    name: 'conflicting-fields',
    severity: 'error',
    summary: 'Two fields that exclude each other are both set.',
    doc: 'Some fields are alternatives: a route has `to` or `split`; a version has `endpoints` or `dns`; a path match is `exact`, `prefix` or `regex`; a header or query match has one kind; an abort has `httpStatus` or `grpcStatus`. Keep exactly one.',
  },
  {
    code: 'MC2113',
    name: 'missing-route-action',
    severity: 'error',
    summary: 'A route has neither `to` nor `split`, or a match or abort says nothing.',
    doc: 'Every route must say where matching requests go: `to: <version>` or `split: {v1: 90, v2: 10}`. Likewise a path, header or query matcher needs one of its kinds, and a fault abort needs `httpStatus` or `grpcStatus`.',
  },
  {
    code: 'MC2114',
    name: 'missing-default-route',
    severity: 'error',
    summary: 'A service has several versions but no routes saying how to divide traffic between them.',
    doc: 'With one version every request goes to it. With several, meshc does not guess: add a route such as `- split: {v1: 90, v2: 10}` or `- to: v1`.',
  },
  {
    code: 'MC2115',
    name: 'no-catch-all-route',
    severity: 'warning',
    summary: 'No route matches every request, so some requests will get 404.',
    doc: 'Every route has a match, so a request that matches none of them is answered by the caller\'s sidecar with 404 (response flag NR). Add a last route without `match` if that is not what you want.',
  },
  {
    code: 'MC2116',
    name: 'http-feature-on-tcp',
    severity: 'error',
    summary: 'An HTTP-only feature is used on a `tcp` service.',
    doc: 'A `tcp` service is proxied byte for byte, so request matching, retries, faults, mirroring, HTTP health checks and header or cookie hashing do not apply. Use `protocol: http`, `http2` or `grpc` if the service speaks HTTP.',
  },
  {
    code: 'MC2117',
    name: 'invalid-load-balancer',
    severity: 'error',
    summary: 'A hash key is given for a policy that does not hash, or a hashing policy has no key.',
    doc: '`hashOn` (header, cookie, source IP or query parameter) only means something for `ring-hash` and `maglev`, and those policies need exactly one `hashOn` key to keep a client on the same endpoint.',
  },
  {
    code: 'MC2118',
    name: 'invalid-regex',
    severity: 'error',
    summary: 'A regular expression that RE2 cannot compile.',
    doc: 'Envoy matches with Google RE2, which has no back-references or look-around. meshc compiles every regex with RE2 before emitting it, because Envoy would reject the whole route table at load time.',
  },
  {
    code: 'MC2119',
    name: 'mtls-not-available',
    severity: 'error',
    summary: 'mTLS is requested but this version of meshc cannot generate it yet.',
    doc: 'This meshc version does not yet emit mutual TLS. Rather than silently produce a plaintext mesh, it refuses `mtls: strict` and `mtls: permissive`; set `mesh.mtls: off` explicitly to compile a plaintext mesh.',
  },
  {
    code: 'MC2120',
    name: 'duplicate-route-name',
    severity: 'error',
    summary: 'Two routes of one service have the same name.',
    doc: 'Route names become Envoy route names and show up in stats and access logs; they must be unique within a service.',
  },
  {
    code: 'MC2121',
    name: 'duplicate-endpoint',
    severity: 'error',
    summary: 'The same address and port appear twice in one service.',
    doc: 'An endpoint listed twice, in one version or in two, would receive double traffic or be shared between versions, which breaks traffic splits. Each workload address belongs to one version once.',
  },
  {
    code: 'MC2122',
    name: 'no-versions',
    severity: 'error',
    summary: 'A service has an empty `versions` map.',
    doc: 'A service needs at least one version with endpoints to receive traffic.',
  },
  {
    code: 'MC2123',
    name: 'invalid-hostname',
    severity: 'error',
    summary: 'A `dns` value is not a valid host name (optionally followed by :port).',
    doc: 'A version\'s `dns` field names a host that Envoy resolves (STRICT_DNS), such as `cart.internal` or `cart.internal:8443`. It must be a DNS name, not a URL or an IP literal (use `endpoints` for IPs).',
  },
  {
    code: 'MC2124',
    name: 'invalid-health-check',
    severity: 'error',
    summary: 'A health check whose type does not fit the service protocol or its own fields.',
    doc: 'An `http` health check needs an HTTP service and takes `path`; a `grpc` health check needs a `grpc` or `http2` service and takes `grpcService`; a `tcp` check takes neither. The timeout must be shorter than the interval.',
  },
  // ── MC5xxx: command line, files ─────────────────────────────────────────────────────────────
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
    doc: 'A directory input is searched recursively for `*.yaml` and `*.yml` files (hidden directories and `node_modules` are skipped). None were found.',
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
] as const satisfies readonly CodeEntry[];

export type DiagnosticName = (typeof CODES)[number]['name'];
export type DiagnosticCode = (typeof CODES)[number]['code'];

type RegisteredCode = (typeof CODES)[number];

const BY_NAME = new Map<string, RegisteredCode>(CODES.map((c) => [c.name, c]));
const BY_CODE = new Map<string, RegisteredCode>(CODES.map((c) => [c.code, c]));

export function codeByName(name: DiagnosticName): RegisteredCode {
  const entry = BY_NAME.get(name);
  // The type system guarantees the name is registered; reaching this is a meshc bug.
  if (!entry) throw new Error(`unregistered diagnostic name ${name}`);
  return entry;
}

/** Looks a code up by `MC2101` or by its name `unknown-service`, case-insensitively. */
export function findCode(codeOrName: string): RegisteredCode | undefined {
  const key = codeOrName.trim();
  return BY_CODE.get(key.toUpperCase()) ?? BY_NAME.get(key.toLowerCase());
}
