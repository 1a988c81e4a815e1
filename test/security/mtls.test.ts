/**
 * Mutual TLS as written to disk: every listener reachable from the network demands a client
 * certificate: the inbound one any identity of the trust domain (or, in permissive mode, it has
 * an explicit plaintext chain next to the TLS one), the metrics one exactly Prometheus' identity
 * (never a plaintext twin; plaintext only when the service's mTLS or `metrics.tls` is off);
 * every cluster to a service that accepts TLS presents the caller's certificate and accepts only
 * the callee's exact SPIFFE ID; certificates only ever come through SDS, and no generated file
 * holds a private key. Checked on examples/shop and on generated variants of mode × certificate
 * source × per-service override × metrics TLS, and against what `meshc certs` writes.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { compile } from '../../src/compile.js';
import { exampleDirs } from '../helpers/corpus.js';
import { actualFiles, compileCase, goldenCases } from '../helpers/golden.js';
import { meshc } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';
import {
  admit,
  arr,
  at,
  bootstraps,
  clusters,
  compiled,
  compileMesh,
  DOWNSTREAM_TLS,
  filterChains,
  listeners,
  named,
  obj,
  spiffe,
  tlsContext,
  UPSTREAM_TLS,
  walk,
  checkTlsParams,
  inbound,
  type Compiled,
  type Json,
  type Outcome,
} from './helpers.js';

type Mode = 'strict' | 'permissive' | 'off';
type MetricsTls = 'mesh' | 'off';
const LOOPBACK = '127.0.0.1';
const TD = 'bank.example';
const METRICS_LISTENER = 'metrics';
/** Prometheus' identity: the only client a metrics port under mTLS admits. */
const scraperId = (trustDomain: string): string => `spiffe://${trustDomain}/observability/prometheus`;

// ── Generated variants ──────────────────────────────────────────────────────────────────────

/** The certificate sources, as the `mesh.certificates` block each is written with. */
const SOURCES: Readonly<Record<string, Json | undefined>> = {
  'files (defaults)': undefined,
  'files (custom dirs)': { dir: '/var/lib/meshc/certs', sdsDir: '/etc/envoy/sds' },
  'spire (default socket)': { source: 'spire' },
  'spire (socket, custom secret names)': { source: 'spire', socket: '/run/spire/agent.sock', identitySecret: 'svid', trustBundleSecret: 'bundle' },
  'sds (socket)': { source: 'sds', socket: '/run/sds/sds.sock' },
  'sds (host name)': { source: 'sds', address: 'localhost:8234' },
  'sds (IP)': { source: 'sds', address: '127.0.0.9:8234' },
};

interface Variant {
  readonly name: string;
  readonly meshMode: Mode;
  readonly overrides: Readonly<Record<string, Mode>>;
  readonly certificates: Json | undefined;
  readonly metricsTls: MetricsTls;
}

/** Services of every protocol, static and DNS endpoints; web calls all of them. */
const SERVICES: Readonly<Record<string, { protocol: string; port: number; calls?: string[]; dns?: string }>> = {
  web: { protocol: 'http', port: 8080, calls: ['api', 'rpc', 'db', 'legacy'] },
  api: { protocol: 'http2', port: 8081, calls: ['rpc'], dns: 'api.bank.internal' },
  rpc: { protocol: 'grpc', port: 9090 },
  db: { protocol: 'tcp', port: 5432, calls: ['legacy'] },
  legacy: { protocol: 'http', port: 8082 },
};

function variantYaml(v: Variant): string {
  const services = Object.fromEntries(
    Object.entries(SERVICES).map(([name, s], i) => [
      name,
      {
        protocol: s.protocol,
        port: s.port,
        versions: { v1: s.dns ? { dns: s.dns } : { endpoints: [`10.40.${i}.10`] } },
        ...(s.calls ? { calls: s.calls } : {}),
        ...(v.overrides[name] ? { mtls: v.overrides[name] } : {}),
      },
    ]),
  );
  const mesh = {
    name: 'bank',
    trustDomain: TD,
    mtls: v.meshMode,
    ...(v.certificates ? { certificates: v.certificates } : {}),
    ...(v.metricsTls === 'off' ? { observability: { metrics: { tls: 'off' } } } : {}),
  };
  return stringify({ apiVersion: 'meshc/v1', mesh, services });
}

const OVERRIDES: readonly [string, Readonly<Record<string, Mode>>][] = [
  ['', {}],
  [', legacy off, rpc permissive', { legacy: 'off', rpc: 'permissive' }],
  [', only db strict', { db: 'strict', web: 'strict' }],
];

/** Metrics TLS off is tried with one file-based and one SDS-server source. */
const METRICS_OFF_SOURCES = ['files (defaults)', 'sds (socket)'];

const VARIANTS: readonly Variant[] = (['strict', 'permissive', 'off'] as const).flatMap((meshMode) =>
  Object.entries(SOURCES).flatMap(([source, certificates]) =>
    (['mesh', 'off'] as const)
      .filter((metricsTls) => metricsTls === 'mesh' || METRICS_OFF_SOURCES.includes(source))
      .flatMap((metricsTls) =>
        OVERRIDES.map(([suffix, overrides]) => ({
          name: `mesh ${meshMode}, ${source}${suffix}${metricsTls === 'off' ? ', metrics.tls off' : ''}`,
          meshMode,
          overrides,
          certificates,
          metricsTls,
        })),
      ),
  ),
);

const modeOf = (v: Variant, service: string): Mode => v.overrides[service] ?? v.meshMode;
const callsOf = (service: string): string[] => SERVICES[service]?.calls ?? [];
/** A sidecar needs a certificate when it accepts TLS or calls someone who does. */
const usesTls = (v: Variant, service: string): boolean => modeOf(v, service) !== 'off' || callsOf(service).some((c) => modeOf(v, c) !== 'off');

const compiledVariants = VARIANTS.map((v) => ({ variant: v, out: compileMesh(variantYaml(v)) }));

// ── Checks ──────────────────────────────────────────────────────────────────────────────────

const address = (listener: Json): unknown => at(listener, 'address.socket_address.address');

/**
 * The listeners of one sidecar that face the network, for its mode: the inbound one (strict, one
 * TLS chain; permissive, a TLS chain and a plaintext one told apart by the TLS inspector; off,
 * plaintext only) and the metrics one (see checkMetricsListener). Loopback listeners (the
 * application's way out) are plaintext by design and skipped.
 */
function checkListeners(bootstrap: Json, mode: Mode, trustDomain: string, metricsTls: MetricsTls = 'mesh'): void {
  const facing = listeners(bootstrap).filter((l) => address(l) !== LOOPBACK);
  assert.deepEqual(
    facing.map((l) => (l['name'] === METRICS_LISTENER ? METRICS_LISTENER : l['traffic_direction'])),
    ['INBOUND', METRICS_LISTENER],
    'off loopback: the inbound listener and the metrics listener, nothing else',
  );
  for (const listener of facing) {
    const where = String(listener['name']);
    if (where === METRICS_LISTENER) {
      checkMetricsListener(listener, mode !== 'off' && metricsTls !== 'off', trustDomain);
      continue;
    }
    const chains = filterChains(listener);
    const inspector = arr(listener['listener_filters'] ?? [], 'listener_filters').map((f) => f['name']);
    if (mode === 'off') {
      assert.equal(chains.length, 1, `${where}: one plaintext chain`);
      assert.equal(chains[0]?.['transport_socket'], undefined, `${where}: plaintext`);
      assert.deepEqual(inspector, [], `${where}: no listener filters`);
      continue;
    }
    const plaintext = chains.filter((c) => at(c, 'filter_chain_match.transport_protocol') === 'raw_buffer');
    const secure = chains.filter((c) => !plaintext.includes(c));
    assert.equal(secure.length, 1, `${where}: one TLS chain`);
    for (const chain of secure) checkDownstreamTls(chain, trustDomain, where);
    if (mode === 'strict') {
      assert.deepEqual(plaintext, [], `${where}: strict has no plaintext chain`);
      assert.equal(chains.length, 1, `${where}: strict has exactly one chain`);
      continue;
    }
    assert.equal(plaintext.length, 1, `${where}: permissive has one plaintext chain`);
    assert.equal(plaintext[0]?.['transport_socket'], undefined, `${where}: the plaintext chain is plaintext`);
    assert.deepEqual(secure[0]?.['filter_chain_match'], { transport_protocol: 'tls' }, `${where}: the TLS chain matches tls`);
    assert.deepEqual(inspector, ['envoy.filters.listener.tls_inspector'], `${where}: the TLS inspector tells them apart`);
    assert.deepEqual(plaintext[0]?.['filters'], secure[0]?.['filters'], `${where}: both chains apply the same filters`);
  }
}

/**
 * The metrics listener: one filter chain whatever the service's mode (Prometheus is no mesh
 * caller in a migration, so no plaintext twin in permissive mode and no TLS inspector), TLS
 * demanding exactly Prometheus' identity unless the service's mTLS or `metrics.tls` is off.
 */
function checkMetricsListener(listener: Json, tls: boolean, trustDomain: string): void {
  const chains = filterChains(listener);
  assert.equal(chains.length, 1, 'metrics: one filter chain, no plaintext twin');
  assert.deepEqual(listener['listener_filters'] ?? [], [], 'metrics: no TLS inspector');
  assert.equal(chains[0]?.['filter_chain_match'], undefined, 'metrics: the chain takes every connection');
  if (!tls) {
    assert.equal(chains[0]?.['transport_socket'], undefined, 'metrics: plaintext');
    return;
  }
  checkDownstreamTls(chains[0] as Json, trustDomain, 'metrics', { exact: scraperId(trustDomain) });
}

function checkDownstreamTls(chain: Json, trustDomain: string, where: string, peer: Json = { prefix: `spiffe://${trustDomain}/svc/` }): void {
  const context = tlsContext(chain['transport_socket'], DOWNSTREAM_TLS);
  assert.equal(context['require_client_certificate'], true, `${where}: client certificate required`);
  const common = obj(context['common_tls_context'], 'common_tls_context');
  assert.deepEqual(
    at(common, 'combined_validation_context.default_validation_context.match_typed_subject_alt_names'),
    [{ san_type: 'URI', matcher: peer }],
    `${where}: only ${JSON.stringify(peer)}`,
  );
  checkCommonTls(common, where);
}

/** Certificate and trust bundle through SDS, and the TLS parameters. */
function checkCommonTls(common: Json, where: string): void {
  assert.equal(arr(common['tls_certificate_sds_secret_configs'], 'tls_certificate_sds_secret_configs').length, 1, `${where}: own certificate via SDS`);
  assert.ok(at(common, 'combined_validation_context.validation_context_sds_secret_config'), `${where}: trust bundle via SDS`);
  assert.equal(common['tls_certificates'], undefined, `${where}: no inline certificate`);
  checkTlsParams(common['tls_params'], where);
}

/** Clusters to callees: TLS with the callee's exact identity, unless the callee has mTLS off. */
function checkOutboundClusters(bootstrap: Json, calleeMode: (callee: string) => Mode, trustDomain: string, protocolOf: (callee: string) => string): number {
  const outbound = clusters(bootstrap).filter((c) => String(c['name']).startsWith('outbound|'));
  for (const cluster of outbound) {
    const name = String(cluster['name']);
    const callee = name.split('|')[1] ?? '';
    if (calleeMode(callee) === 'off') {
      assert.equal(cluster['transport_socket'], undefined, `${name}: plaintext to a callee with mTLS off`);
      continue;
    }
    const context = tlsContext(cluster['transport_socket'], UPSTREAM_TLS);
    const common = obj(context['common_tls_context'], 'common_tls_context');
    assert.deepEqual(
      at(common, 'combined_validation_context.default_validation_context.match_typed_subject_alt_names'),
      [{ san_type: 'URI', matcher: { exact: spiffe(trustDomain, callee) } }],
      `${name}: only ${callee}'s own identity`,
    );
    assert.equal(context['sni'], `${callee}.${trustDomain}`, `${name}: SNI`);
    const http2 = ['http2', 'grpc'].includes(protocolOf(callee));
    assert.deepEqual(common['alpn_protocols'], http2 ? ['h2'] : undefined, `${name}: ALPN`);
    checkCommonTls(common, name);
  }
  return outbound.length;
}

/** Every SDS secret reference: file-based (path + watched sdsDir), or the SDS cluster over gRPC. */
function sdsConfigs(bootstrap: Json): { path: string; name: unknown; config: Json }[] {
  return [...walk(bootstrap)]
    .filter(({ key }) => key === 'tls_certificate_sds_secret_configs' || key === 'validation_context_sds_secret_config')
    .flatMap(({ path, value }) => (Array.isArray(value) ? value : [value]).map((v: Json) => ({ path, name: v['name'], config: obj(v['sds_config'], 'sds_config') })));
}

// ── examples/shop ───────────────────────────────────────────────────────────────────────────

const shop = compiled(compile(repoPath('examples', 'shop')));
const SHOP_TD = 'shop.example';
const SHOP_PROTOCOLS: Readonly<Record<string, string>> = { frontend: 'http', catalog: 'grpc', cart: 'http' };

describe('examples/shop (strict by default)', () => {
  for (const [service, bootstrap] of bootstraps(shop)) {
    test(`${service}: every listener off loopback demands a client certificate: of ${SHOP_TD} inbound, Prometheus' on the metrics port`, () => {
      assert.equal(listeners(bootstrap).filter((l) => address(l) !== LOOPBACK).length, 2, 'two listeners face the network');
      checkListeners(bootstrap, 'strict', SHOP_TD);
    });
    test(`${service}: every cluster to a callee presents a certificate and checks the callee's exact SPIFFE ID`, () => {
      const n = checkOutboundClusters(
        bootstrap,
        () => 'strict',
        SHOP_TD,
        (c) => SHOP_PROTOCOLS[c] ?? '?',
      );
      assert.equal(n, service === 'frontend' ? 3 : 0, 'outbound clusters checked');
    });
    test(`${service}: outbound listeners are on loopback only`, () => {
      for (const l of listeners(bootstrap).filter((l) => l['traffic_direction'] === 'OUTBOUND')) assert.equal(address(l), LOOPBACK);
    });
  }
});

// ── Generated variants ──────────────────────────────────────────────────────────────────────

describe('mTLS modes × certificate sources × per-service overrides', () => {
  for (const { variant, out } of compiledVariants) {
    test(variant.name, () => {
      for (const service of Object.keys(SERVICES)) {
        const bootstrap = out.bootstrap(service);
        checkListeners(bootstrap, modeOf(variant, service), TD, variant.metricsTls);
        checkOutboundClusters(
          bootstrap,
          (callee) => modeOf(variant, callee),
          TD,
          (c) => SERVICES[c]?.protocol ?? '?',
        );
        const secrets = sdsConfigs(bootstrap);
        if (!usesTls(variant, service)) {
          assert.deepEqual(secrets, [], `${service}: no TLS, no secrets`);
          assert.ok(!clusters(bootstrap).some((c) => c['name'] === 'meshc-sds'), `${service}: no SDS cluster`);
          assert.ok(![...out.files.keys()].some((p) => p.startsWith(`${service}/sds/`)), `${service}: no SDS files`);
        } else {
          assert.ok(secrets.length > 0, `${service}: uses certificates`);
        }
      }
    });
  }
});

// ── The metrics port ────────────────────────────────────────────────────────────────────────

describe('the metrics port admits exactly Prometheus, to /stats/prometheus only', () => {
  const CLIENTS = {
    prometheus: scraperId(TD),
    'prometheus of another trust domain': scraperId('evil.example'),
    'a service of the mesh': spiffe(TD, 'web'),
    'the service itself': spiffe(TD, 'api'),
    plaintext: undefined,
  } as const;
  type Client = keyof typeof CLIENTS;
  const ALL_REFUSED: Record<Client, Outcome> = {
    prometheus: 'refused',
    'prometheus of another trust domain': 'refused',
    'a service of the mesh': 'refused',
    'the service itself': 'refused',
    plaintext: 'refused',
  };
  const TLS: Record<Client, Outcome> = { ...ALL_REFUSED, prometheus: 'allowed' };
  const PLAINTEXT: Record<Client, Outcome> = { ...ALL_REFUSED, plaintext: 'allowed' };
  // [service mTLS, metrics.tls] → who gets to /stats/prometheus of api
  const cases: readonly [Mode, MetricsTls, Record<Client, Outcome>][] = [
    ['strict', 'mesh', TLS],
    ['permissive', 'mesh', TLS],
    ['off', 'mesh', PLAINTEXT],
    ['strict', 'off', PLAINTEXT],
    ['permissive', 'off', PLAINTEXT],
  ];
  for (const [mode, metricsTls, expected] of cases) {
    test(`api mTLS ${mode}, metrics.tls ${metricsTls}`, () => {
      const variant = compiledVariants.find(
        ({ variant: v }) => v.meshMode === mode && v.metricsTls === metricsTls && v.certificates === undefined && Object.keys(v.overrides).length === 0,
      );
      assert.ok(variant, 'a variant with that mode and metrics TLS');
      const api = variant.out.bootstrap('api');
      for (const [client, outcome] of Object.entries(expected) as [Client, Outcome][]) {
        const principal = CLIENTS[client];
        const r = { ...(principal !== undefined ? { principal } : {}), path: '/stats/prometheus' };
        assert.equal(admit(api, r, METRICS_LISTENER), outcome, client);
        // The inbound listener is unchanged by the metrics port: the service's own mode decides.
        if (client === 'a service of the mesh') assert.equal(admit(api, r), mode === 'off' ? 'refused' : 'allowed', `${client} inbound`);
      }
    });
  }

  test('what gets in reaches the admin API’s Prometheus endpoint, and nothing else of it', () => {
    const api = compiledVariants[0]?.out.bootstrap('api') as Json;
    const prometheus = { principal: scraperId(TD) };
    const scrape = inbound(api, { ...prometheus, path: '/stats/prometheus?usedonly' }, METRICS_LISTENER);
    assert.equal(scrape.outcome, 'allowed');
    assert.equal(at(scrape.route, 'route.cluster'), 'meshc-admin');
    const admin = named(clusters(api), 'meshc-admin');
    assert.deepEqual(at(admin, 'load_assignment.endpoints'), [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: LOOPBACK, port_value: 15000 } } } }] }]);
    for (const path of ['/', '/stats', '/stats/prometheus/', '/stats/prometheusx', '/config_dump', '/certs', '/clusters', '/quitquitquit', '/logging', '/runtime_modify']) {
      for (const method of ['GET', 'POST']) {
        assert.equal(admit(api, { ...prometheus, method, path }, METRICS_LISTENER), 'no-route', `${method} ${path}`);
      }
    }
  });

  test('_mesh/prometheus.yml scrapes over TLS exactly where the metrics port demands it, naming each sidecar', () => {
    for (const { variant, out } of compiledVariants) {
      const jobs = arr(out.files.get('_mesh/prometheus.yml')?.['scrape_configs'], 'scrape_configs');
      for (const service of Object.keys(SERVICES)) {
        const job = jobs.find((j) => j['job_name'] === service) as Json;
        const tls = filterChains(named(listeners(out.bootstrap(service)), METRICS_LISTENER))[0]?.['transport_socket'] !== undefined;
        assert.equal(job['scheme'], tls ? 'https' : 'http', `${variant.name}: ${service}`);
        assert.equal(at(job, 'tls_config.server_name'), tls ? `${service}.${TD}` : undefined, `${variant.name}: ${service}`);
      }
    }
  });
});

// ── No private key, anywhere ────────────────────────────────────────────────────────────────

/** Every generated file: examples, golden cases (as compiled and as checked in), variants. */
function everyGeneratedFile(): { where: string; text: string }[] {
  const fromResult = (prefix: string, files: readonly { path: string; content: string }[]) => files.map((f) => ({ where: `${prefix}/${f.path}`, text: f.content }));
  return [
    ...exampleDirs().flatMap((dir) => fromResult(`examples/${basename(dir)}`, compile(dir).files)),
    ...goldenCases().flatMap((name) => [
      ...fromResult(`golden/${name} (compiled)`, compileCase(name).result.files),
      ...[...actualFiles(name)].filter(([rel]) => rel.startsWith('output/')).map(([rel, text]) => ({ where: `golden/${name}/${rel}`, text })),
    ]),
    ...compiledVariants.flatMap(({ variant, out }) => fromResult(variant.name, out.result.files)),
  ];
}

test('no generated file contains a private key: no PEM key, no inline key material, every private_key a filename', () => {
  const files = everyGeneratedFile();
  assert.ok(files.length > 500, `scanned ${files.length} files`);
  let privateKeys = 0;
  let prometheusKeys = 0;
  for (const { where, text } of files) {
    assert.doesNotMatch(text, /PRIVATE KEY/, `${where}: PEM private key text`);
    const parsed: unknown = where.endsWith('.json') ? JSON.parse(text) : parse(text);
    for (const { path, key, value } of walk(parsed)) {
      if (key === 'private_key') {
        privateKeys++;
        assert.deepEqual(Object.keys(obj(value, `${where}: ${path}`)), ['filename'], `${where}: ${path} must be a file name only`);
        assert.match(String(obj(value, path)['filename']), /^\//, `${where}: ${path} is an absolute path`);
      }
      // Prometheus' client key (prometheus.yml tls_config), likewise only a path.
      if (key === 'key_file') {
        prometheusKeys++;
        assert.match(String(value), /^\/.*\/key\.pem$/, `${where}: ${path} is an absolute path to a key file`);
      }
      assert.ok(key !== 'tls_certificates', `${where}: ${path}: certificates only through SDS`);
      if (key === 'inline_string' || key === 'inline_bytes') {
        assert.ok(!/private_key|tls_certificate|validation_context|trusted_ca/.test(path), `${where}: ${path}: inline TLS material`);
      }
    }
  }
  assert.ok(privateKeys > 50, `checked ${privateKeys} private_key references`);
  assert.ok(prometheusKeys > 20, `checked ${prometheusKeys} Prometheus key_file references`);
});

// ── File-based SDS ──────────────────────────────────────────────────────────────────────────

const FILES_VARIANTS: readonly [string, { dir: string; sdsDir: string }][] = [
  ['files (defaults)', { dir: '/etc/meshc/certs', sdsDir: '/etc/meshc/sds' }],
  ['files (custom dirs)', { dir: '/var/lib/meshc/certs', sdsDir: '/etc/envoy/sds' }],
];

/** What a sidecar's file-based SDS must look like: secrets named as referenced, at the fixed layout. */
function checkFileSds(out: Compiled, service: string, dirs: { dir: string; sdsDir: string }): void {
  const bootstrap = out.bootstrap(service);
  const certDir = `${dirs.dir}/${service}`;
  const expected: Readonly<Record<string, { file: string; secret: Json }>> = {
    tls_certificate_sds_secret_configs: {
      file: 'identity.yaml',
      secret: {
        tls_certificate: {
          certificate_chain: { filename: `${certDir}/current/cert.pem` },
          private_key: { filename: `${certDir}/current/key.pem` },
          watched_directory: { path: certDir },
        },
      },
    },
    validation_context_sds_secret_config: {
      file: 'trust-bundle.yaml',
      secret: { validation_context: { trusted_ca: { filename: `${certDir}/current/ca.pem` }, watched_directory: { path: certDir } } },
    },
  };
  for (const { path, name, config } of sdsConfigs(bootstrap)) {
    const kind = path.endsWith('validation_context_sds_secret_config') ? 'validation_context_sds_secret_config' : 'tls_certificate_sds_secret_configs';
    const { file, secret } = expected[kind] as { file: string; secret: Json };
    assert.deepEqual(
      config,
      { resource_api_version: 'V3', path_config_source: { path: `${dirs.sdsDir}/${file}`, watched_directory: { path: dirs.sdsDir } } },
      `${service}: ${path}`,
    );
    const written = out.files.get(`${service}/sds/${file}`);
    assert.ok(written, `${service}/sds/${file} is written next to the bootstrap`);
    assert.deepEqual(written, {
      resources: [{ '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', name, ...secret }],
    });
  }
}

describe('file-based SDS names <dir>/<service>/current/{cert,key,ca}.pem and watches <dir>/<service>', () => {
  for (const { variant, out } of compiledVariants) {
    const dirs = FILES_VARIANTS.find(([source]) => variant.name.includes(source))?.[1];
    if (!dirs) continue;
    test(variant.name, () => {
      for (const service of Object.keys(SERVICES).filter((s) => usesTls(variant, s))) checkFileSds(out, service, dirs);
    });
  }
  test('examples/shop', () => {
    for (const service of bootstraps(shop).keys()) checkFileSds(shop, service, FILES_VARIANTS[0]?.[1] as { dir: string; sdsDir: string });
  });
});

describe('the layout file-based SDS names is the one `meshc certs issue` writes', () => {
  const out = mkdtempSync(join(tmpdir(), 'meshc-sds-layout-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  const shopText = readFileSync(repoPath('examples', 'shop', 'mesh.yaml'), 'utf8');
  const withDir = shopText.replace(/^(  trustDomain: .*)$/m, `$1\n  certificates: { dir: "${out}" }`);
  assert.notEqual(withDir, shopText, 'examples/shop/mesh.yaml has a trustDomain line to add certificates after');
  const meshFile = join(out, 'mesh.yaml');

  test('meshc certs init and issue succeed', () => {
    writeFileSync(meshFile, withDir);
    for (const command of ['init', 'issue']) {
      const run = meshc(['certs', command, '--mesh', meshFile, '--out', out]);
      assert.equal(run.status, 0, `certs ${command}: ${run.stderr}`);
    }
  });

  test('every path the SDS files name exists, with the identity the callers expect', () => {
    const result = compiled(compile(meshFile));
    const services = [...bootstraps(result).keys()];
    assert.deepEqual(services.sort(), ['cart', 'catalog', 'frontend']);
    // What the callers' clusters demand of each callee.
    const expectedSan = new Map<string, string>();
    for (const bootstrap of bootstraps(result).values()) {
      for (const cluster of clusters(bootstrap).filter((c) => String(c['name']).startsWith('outbound|'))) {
        const sans = at(
          tlsContext(cluster['transport_socket'], UPSTREAM_TLS),
          'common_tls_context.combined_validation_context.default_validation_context.match_typed_subject_alt_names',
        );
        expectedSan.set(String(cluster['name']).split('|')[1] ?? '', String(at(arr(sans, 'sans')[0], 'matcher.exact')));
      }
    }
    for (const service of services) {
      const identity = obj(arr(result.files.get(`${service}/sds/identity.yaml`)?.['resources'], 'resources')[0], 'identity secret');
      const bundle = obj(arr(result.files.get(`${service}/sds/trust-bundle.yaml`)?.['resources'], 'resources')[0], 'bundle secret');
      const certPath = String(at(identity, 'tls_certificate.certificate_chain.filename'));
      const keyPath = String(at(identity, 'tls_certificate.private_key.filename'));
      const caPath = String(at(bundle, 'validation_context.trusted_ca.filename'));
      const watched = String(at(identity, 'tls_certificate.watched_directory.path'));
      assert.equal(watched, join(out, service));
      assert.equal(at(bundle, 'validation_context.watched_directory.path'), watched);
      for (const file of [certPath, keyPath, caPath]) {
        assert.ok(statSync(file).isFile(), `${file} exists`);
        assert.ok(file.startsWith(`${watched}/current/`), `${file} is under the watched directory's current/`);
      }
      assert.ok(lstatSync(join(watched, 'current')).isSymbolicLink(), 'current is a link swapped on rotation');
      const cert = new X509Certificate(readFileSync(certPath));
      const ca = new X509Certificate(readFileSync(caPath));
      // One URI SAN, the identity every check uses; the DNS name is what Prometheus verifies.
      assert.deepEqual(sansOf(cert), [`DNS:${service}.${SHOP_TD}`, `URI:${spiffe(SHOP_TD, service)}`], `${service}: certificate identity`);
      if (expectedSan.has(service)) assert.ok(sansOf(cert).includes(`URI:${expectedSan.get(service)}`), `${service}: what callers expect`);
      assert.equal(at(scrapeJob(result, service), 'tls_config.server_name'), `${service}.${SHOP_TD}`, `${service}: what Prometheus expects`);
      assert.ok(cert.checkPrivateKey(createPrivateKey(readFileSync(keyPath))), `${service}: key.pem belongs to cert.pem`);
      assert.ok(cert.verify(createPublicKey(ca.publicKey.export({ format: 'pem', type: 'spki' }))), `${service}: ca.pem signed cert.pem`);
    }
    assert.deepEqual([...expectedSan.keys()].sort(), ['cart', 'catalog'], 'frontend calls cart and catalog');
  });

  test('Prometheus\u2019 certificate is issued too: the identity every metrics port demands, where prometheus.yml looks', () => {
    const result = compiled(compile(meshFile));
    const dir = join(out, '_prometheus', 'current');
    const cert = new X509Certificate(readFileSync(join(dir, 'cert.pem')));
    const ca = new X509Certificate(readFileSync(join(dir, 'ca.pem')));
    assert.deepEqual(sansOf(cert), [`URI:${scraperId(SHOP_TD)}`], 'only the scraper identity, no DNS name');
    assert.ok(cert.checkPrivateKey(createPrivateKey(readFileSync(join(dir, 'key.pem')))), 'key.pem belongs to cert.pem');
    assert.ok(cert.verify(createPublicKey(ca.publicKey.export({ format: 'pem', type: 'spki' }))), 'signed by the mesh CA');
    for (const [service, bootstrap] of bootstraps(result)) {
      const chain = filterChains(named(listeners(bootstrap), METRICS_LISTENER))[0] as Json;
      const sans = at(
        tlsContext(chain['transport_socket'], DOWNSTREAM_TLS),
        'common_tls_context.combined_validation_context.default_validation_context.match_typed_subject_alt_names',
      );
      assert.deepEqual(sans, [{ san_type: 'URI', matcher: { exact: scraperId(SHOP_TD) } }], `${service}: the metrics port demands it`);
      assert.deepEqual(
        at(scrapeJob(result, service), 'tls_config'),
        { ca_file: join(dir, 'ca.pem'), cert_file: join(dir, 'cert.pem'), key_file: join(dir, 'key.pem'), server_name: `${service}.${SHOP_TD}` },
        `${service}: Prometheus presents it`,
      );
    }
  });
});

/** A certificate's subject alternative names, sorted: `URI:…`, `DNS:…`. */
function sansOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '').split(', ').filter(Boolean).sort();
}

function scrapeJob(result: Compiled, service: string): Json {
  const jobs = arr(result.files.get('_mesh/prometheus.yml')?.['scrape_configs'], 'scrape_configs');
  return obj(
    jobs.find((j) => j['job_name'] === service),
    `scrape job ${service}`,
  );
}

// ── SPIRE and SDS servers ───────────────────────────────────────────────────────────────────

describe('spire and sds sources fetch secrets through the meshc-sds cluster', () => {
  const expectations: readonly [source: string, endpoint: Json, type: string, identity: string, bundle: string][] = [
    ['spire (default socket)', { pipe: { path: '/run/spire/sockets/agent.sock' } }, 'STATIC', 'default', 'ROOTCA'],
    ['spire (socket, custom secret names)', { pipe: { path: '/run/spire/agent.sock' } }, 'STATIC', 'svid', 'bundle'],
    ['sds (socket)', { pipe: { path: '/run/sds/sds.sock' } }, 'STATIC', 'default', 'ROOTCA'],
    ['sds (host name)', { socket_address: { address: 'localhost', port_value: 8234 } }, 'STRICT_DNS', 'default', 'ROOTCA'],
    ['sds (IP)', { socket_address: { address: '127.0.0.9', port_value: 8234 } }, 'STATIC', 'default', 'ROOTCA'],
  ];
  for (const [source, endpoint, type, identity, bundle] of expectations) {
    test(source, () => {
      for (const { variant, out } of compiledVariants.filter(({ variant }) => variant.name.includes(`, ${source}`))) {
        for (const service of Object.keys(SERVICES).filter((s) => usesTls(variant, s))) {
          const bootstrap = out.bootstrap(service);
          const sds = named(clusters(bootstrap), 'meshc-sds');
          assert.equal(sds['type'], type);
          assert.deepEqual(at(sds, 'load_assignment.endpoints'), [{ lb_endpoints: [{ endpoint: { address: endpoint } }] }]);
          assert.deepEqual(
            at(sds, 'typed_extension_protocol_options'),
            {
              'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
                '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
                explicit_http_config: { http2_protocol_options: {} },
              },
            },
            'gRPC needs HTTP/2',
          );
          for (const { path, name, config } of sdsConfigs(bootstrap)) {
            assert.equal(name, path.endsWith('validation_context_sds_secret_config') ? bundle : identity, `${service}: ${path}`);
            assert.deepEqual(config, {
              resource_api_version: 'V3',
              api_config_source: { api_type: 'GRPC', transport_api_version: 'V3', grpc_services: [{ envoy_grpc: { cluster_name: 'meshc-sds' } }] },
            });
          }
          assert.ok(![...out.files.keys()].some((p) => p.startsWith(`${service}/sds/`)), `${service}: no SDS files with ${source}`);
        }
      }
    });
  }
});
