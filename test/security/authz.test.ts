/**
 * Authorization, judged by what Envoy would decide: each mesh is compiled, the RBAC of the
 * callee's inbound listener is read back from the written bootstrap, and requests from example
 * identities are evaluated against it (test/helpers/rbac.ts). The expected verdicts are written
 * out case by case, and checked again against a small reference of the language's own meaning
 * over a grid of callers, methods, paths and headers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { evaluateHttpRbac, evaluateNetworkRbac, type RbacRequest } from '../helpers/rbac.js';
import { compileText } from '../helpers/diagnose.js';
import { admit, at, compileMesh, inboundRbac, spiffe, type InboundRequest, type Json, type Outcome } from './helpers.js';

const TD = 'bank.example';
const id = (service: string): string => spiffe(TD, service);

/** Who calls: a mesh service, a workload of another trust domain, or a plaintext client. */
const CALLERS = {
  teller: id('teller'),
  backoffice: id('backoffice'),
  auditor: id('auditor'),
  'other trust domain': 'spiffe://evil.example/svc/teller',
  'look-alike trust domain': 'spiffe://bank.example.evil/svc/teller',
  plaintext: undefined,
} as const;
type Caller = keyof typeof CALLERS;

interface AuthzRule {
  readonly name?: string;
  readonly from?: readonly string[];
  readonly methods?: readonly string[];
  readonly paths?: readonly string[];
  readonly ignoreCase?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly claims?: Readonly<Record<string, string>>;
}

/**
 * A bank: teller, backoffice and auditor are plain services; `accounts` (http, health check on
 * /healthz) carries `authz`. Written as data and serialized, so the rules the mesh declares and
 * the rules the reference below evaluates are the same object.
 */
function bankMesh(authz: unknown, extra: { mtls?: string; accounts?: Json; services?: Json } = {}): string {
  const app = (port: number, ip: string, more: Json = {}) => ({ protocol: 'http', port, versions: { v1: { endpoints: [ip] } }, ...more });
  return stringify({
    apiVersion: 'meshc/v1',
    mesh: { name: 'bank', trustDomain: TD, ...(extra.mtls ? { mtls: extra.mtls } : {}) },
    services: {
      teller: app(8080, '10.40.0.10', { calls: ['accounts'] }),
      backoffice: app(8081, '10.40.3.10', { calls: ['accounts'] }),
      auditor: app(8082, '10.40.4.10'),
      accounts: app(9000, '10.40.1.10', { healthCheck: { path: '/healthz' }, ...(authz !== undefined ? { authz } : {}), ...extra.accounts }),
      ...extra.services,
    },
  });
}

const BANK_RULES: readonly AuthzRule[] = [
  { name: 'tellers-read', from: ['teller'], methods: ['GET', 'HEAD'], paths: ['/accounts/*'] },
  { name: 'backoffice-admin', from: ['backoffice'], paths: ['/accounts/*', '/admin/*'], headers: { 'X-Backoffice-Role': 'admin' } },
  { name: 'metrics', from: ['*'], paths: ['/metrics'] },
  { name: 'status', methods: ['GET'], paths: ['/status'] },
];

const enforced = compileMesh(bankMesh(BANK_RULES));
const rbac = inboundRbac(enforced.bootstrap('accounts'));

function request(caller: Caller, method: string, path: string, headers: Record<string, string> = {}): RbacRequest {
  const principal = CALLERS[caller];
  return { ...(principal !== undefined ? { principal } : {}), method, path, headers };
}

type Case = readonly [caller: Caller, method: string, path: string, headers: Record<string, string>, allowed: boolean];
const ADMIN = { 'x-backoffice-role': 'admin' };

/** The bank's rules, request by request: [caller, method, path, headers, allowed]. */
const BANK_CASES: readonly Case[] = [
  // tellers-read: teller, GET or HEAD, /accounts and anything under /accounts/
  ['teller', 'GET', '/accounts/42', {}, true],
  ['teller', 'HEAD', '/accounts/42', {}, true],
  ['teller', 'GET', '/accounts/', {}, true],
  ['teller', 'GET', '/accounts/42?expand=owner', {}, true],
  ['teller', 'POST', '/accounts/42', {}, false],
  ['teller', 'DELETE', '/accounts/42', {}, false],
  ['teller', 'GET', '/accounts', {}, true],
  ['teller', 'GET', '/accountsx/42', {}, false],
  ['teller', 'GET', '/Accounts/42', {}, false],
  ['teller', 'GET', '/admin/users', ADMIN, false],
  ['auditor', 'GET', '/accounts/42', {}, false],
  ['other trust domain', 'GET', '/accounts/42', {}, false],
  ['plaintext', 'GET', '/accounts/42', {}, false],
  // backoffice-admin: backoffice, any method, /accounts/* or /admin/*, with the role header
  ['backoffice', 'GET', '/admin/users', ADMIN, true],
  ['backoffice', 'POST', '/accounts/42', ADMIN, true],
  ['backoffice', 'DELETE', '/admin/users/7', { 'X-Backoffice-Role': 'admin' }, true],
  ['backoffice', 'GET', '/admin/users', {}, false],
  ['backoffice', 'GET', '/admin/users', { 'x-backoffice-role': 'Admin' }, false],
  ['backoffice', 'GET', '/admin/users', { 'x-backoffice-role': 'administrator' }, false],
  ['backoffice', 'GET', '/admin', ADMIN, true],
  ['backoffice', 'GET', '/metrics/admin', ADMIN, false],
  ['teller', 'POST', '/admin/users', ADMIN, false],
  // metrics: any workload of the trust domain, /metrics exactly, any method
  ['teller', 'GET', '/metrics', {}, true],
  ['auditor', 'GET', '/metrics', {}, true],
  ['auditor', 'POST', '/metrics', {}, true],
  ['auditor', 'GET', '/metrics/detail', {}, false],
  ['other trust domain', 'GET', '/metrics', {}, false],
  ['look-alike trust domain', 'GET', '/metrics', {}, false],
  ['plaintext', 'GET', '/metrics', {}, false],
  // status: no `from`, so anyone, plaintext included; GET only
  ['plaintext', 'GET', '/status', {}, true],
  ['other trust domain', 'GET', '/status', {}, true],
  ['auditor', 'GET', '/status', {}, true],
  ['plaintext', 'POST', '/status', {}, false],
  // the health-check path: anyone, any method, exactly /healthz
  ['plaintext', 'GET', '/healthz', {}, true],
  ['other trust domain', 'GET', '/healthz', {}, true],
  ['auditor', 'POST', '/healthz', {}, true],
  ['plaintext', 'GET', '/healthz?verbose=1', {}, true],
  ['plaintext', 'GET', '/healthz/deep', {}, false],
  // nothing else
  ['teller', 'GET', '/', {}, false],
  ['plaintext', 'GET', '/', {}, false],
];

const describeCase = ([caller, method, path, headers, allowed]: Case): string =>
  `${caller} ${method} ${path}${Object.keys(headers).length ? ` ${JSON.stringify(headers)}` : ''} → ${allowed ? 'allowed' : 'denied'}`;

describe('authz (enforce): exactly the declared callers, methods, paths and headers get in', () => {
  for (const c of BANK_CASES) {
    test(describeCase(c), () => {
      const [caller, method, path, headers, allowed] = c;
      assert.equal(evaluateHttpRbac(rbac.http, request(caller, method, path, headers)).allowed, allowed);
    });
  }
});

test('the RBAC allows by policy name: the rule names (and the health-check policy) show up in stats', () => {
  assert.equal(evaluateHttpRbac(rbac.http, request('teller', 'GET', '/accounts/1')).policy, 'tellers-read');
  assert.equal(evaluateHttpRbac(rbac.http, request('backoffice', 'GET', '/admin/x', ADMIN)).policy, 'backoffice-admin');
  assert.equal(evaluateHttpRbac(rbac.http, request('plaintext', 'GET', '/healthz')).policy, '_health-checks');
  assert.equal(evaluateHttpRbac(rbac.http, request('auditor', 'GET', '/status')).policy, 'status');
  assert.deepEqual(Object.keys(at(rbac.http, 'rules.policies') as Json).sort(), ['_health-checks', 'backoffice-admin', 'metrics', 'status', 'tellers-read']);
});

describe('authz (dry-run): nothing is denied, and the shadow rules give the enforce verdicts', () => {
  const dryRun = inboundRbac(compileMesh(bankMesh({ mode: 'dry-run', allow: BANK_RULES })).bootstrap('accounts'));
  for (const c of BANK_CASES) {
    test(describeCase(c), () => {
      const [caller, method, path, headers, allowed] = c;
      const verdict = evaluateHttpRbac(dryRun.http, request(caller, method, path, headers));
      assert.equal(verdict.allowed, true, 'dry-run never denies');
      assert.equal(verdict.shadow?.allowed, allowed, 'shadow verdict');
    });
  }
});

// ── The language's meaning, as a reference ──────────────────────────────────────────────────

/** Whether the rules (as written in the mesh) admit a request, per the language's documentation. */
function reference(rules: readonly AuthzRule[], healthPaths: readonly string[], r: RbacRequest): boolean {
  const bare = r.path.replace(/[?#].*$/s, '');
  const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  // `/dir/*` is /dir and anything under /dir/; ignoreCase compares both sides in one case.
  const pathFits = (rule: AuthzRule) => (pattern: string) => {
    const [p, path] = rule.ignoreCase ? [pattern.toLowerCase(), bare.toLowerCase()] : [pattern, bare];
    if (p === '*' || p === '/*') return true;
    return p.endsWith('/*') ? path === p.slice(0, -2) || path.startsWith(p.slice(0, -1)) : path === p;
  };
  const callerFits = (from: readonly string[] | undefined) =>
    from === undefined || (r.principal !== undefined && (from.includes('*') ? r.principal.startsWith(`spiffe://${TD}/`) : from.map(id).includes(r.principal)));
  if (healthPaths.includes(bare)) return true;
  return rules.some(
    (rule) =>
      callerFits(rule.from) &&
      (rule.methods === undefined || rule.methods.includes(r.method)) &&
      (rule.paths === undefined || rule.paths.some(pathFits(rule))) &&
      Object.entries(rule.headers ?? {}).every(([k, v]) => headers[k.toLowerCase()] === v) &&
      Object.entries(rule.claims ?? {}).every(([k, v]) => r.jwtClaims?.[k] === v),
  );
}

const GRID = {
  methods: ['GET', 'HEAD', 'POST', 'DELETE'],
  paths: [
    '/',
    '/accounts',
    '/Accounts',
    '/accounts/',
    '/accounts/7',
    '/ACCOUNTS/7',
    '/accounts/7?x=1',
    '/accountsx',
    '/admin',
    '/admin/x',
    '/metrics',
    '/metrics/x',
    '/status',
    '/healthz',
    '/healthz?v=1',
  ],
  headers: [{}, ADMIN, { 'x-backoffice-role': 'Admin' }],
};

function gridDisagreements(config: Json | undefined, rules: readonly AuthzRule[], healthPaths: readonly string[]): string[] {
  const out: string[] = [];
  for (const caller of Object.keys(CALLERS) as Caller[]) {
    for (const method of GRID.methods) {
      for (const path of GRID.paths) {
        for (const headers of GRID.headers) {
          const r = request(caller, method, path, headers);
          const expected = reference(rules, healthPaths, r);
          if (evaluateHttpRbac(config, r).allowed !== expected) out.push(`should be ${describeCase([caller, method, path, headers, expected])}`);
        }
      }
    }
  }
  return out;
}

test('over a grid of callers × methods × paths × headers, the emitted RBAC decides as the language says', () => {
  assert.deepEqual(gridDisagreements(rbac.http, BANK_RULES, ['/healthz']), []);
});

/** Rule sets with one condition each, so each kind of condition is checked on its own. */
const SINGLE_CONDITION_RULES: Readonly<Record<string, readonly AuthzRule[]>> = {
  'from two services': [{ from: ['teller', 'backoffice'] }],
  'from * and a service': [{ from: ['*', 'teller'] }],
  'methods only': [{ methods: ['POST', 'DELETE'] }],
  'paths mixing * with others': [{ paths: ['/admin/*', '*'] }],
  'paths regardless of case': [{ paths: ['/accounts/*', '/Status'], ignoreCase: true }],
  'the whole tree as /*': [{ paths: ['/*'] }],
  'two headers': [{ headers: { 'x-backoffice-role': 'admin', 'x-tenant': 'eu' } }],
  'several rules on one caller': [
    { from: ['teller'], methods: ['GET'] },
    { from: ['teller'], paths: ['/admin/*'] },
  ],
};

describe('single conditions decide as the language says', () => {
  for (const [what, rules] of Object.entries(SINGLE_CONDITION_RULES)) {
    test(what, () => {
      const config = inboundRbac(compileMesh(bankMesh(rules)).bootstrap('accounts')).http;
      assert.deepEqual(gridDisagreements(config, rules, ['/healthz']), []);
    });
  }
});

/** The language documents an empty `from`, `methods` or `paths` as matching no request. */
describe('a rule with an empty list admits nothing (authz-rule-matches-nothing says so)', () => {
  const cases: readonly [string, AuthzRule[]][] = [
    ['paths: []', [{ from: ['teller'], paths: [] }]],
    ['methods: []', [{ from: ['teller'], methods: [] }]],
    ['from: []', [{ from: [], paths: ['/accounts/*'] }]],
    [
      'methods: [] next to a rule that admits others',
      [
        { from: ['teller'], methods: [] },
        { name: 'status', paths: ['/status'] },
      ],
    ],
  ];
  for (const [what, rules] of cases) {
    test(what, () => {
      const config = inboundRbac(compileMesh(bankMesh(rules)).bootstrap('accounts')).http;
      assert.deepEqual(gridDisagreements(config, rules, ['/healthz']), []);
      assert.equal(evaluateHttpRbac(config, request('teller', 'GET', '/accounts/7')).allowed, false);
    });
  }
});

/** Rule names become RBAC policy names, which are map keys: each rule must keep its own. */
describe('every rule keeps its own policy, whatever the rules are named', () => {
  const refused: readonly [string, unknown][] = [
    [
      'two rules with the same name',
      [
        { name: 'staff', from: ['teller'] },
        { name: 'staff', from: ['backoffice'] },
      ],
    ],
    ['a name equal to another rule\u2019s default name', [{ from: ['teller'] }, { name: 'rule-0', from: ['backoffice'] }]],
    [
      'the same name twice in dry-run',
      {
        mode: 'dry-run',
        allow: [
          { name: 'staff', from: ['teller'] },
          { name: 'staff', from: ['backoffice'] },
        ],
      },
    ],
  ];
  for (const [what, authz] of refused) {
    test(`${what}: refused (duplicate-authz-rule-name), so no rule is silently replaced`, () => {
      const result = compileText(bankMesh(authz));
      assert.deepEqual(
        result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.name),
        ['duplicate-authz-rule-name'],
      );
      assert.deepEqual(result.files, [], 'nothing is written');
    });
  }

  test('distinct names, given and default, each keep their policy', () => {
    const rules: AuthzRule[] = [{ from: ['teller'] }, { name: 'rule-5', from: ['backoffice'] }, { from: ['auditor'], paths: ['/status'] }];
    const config = inboundRbac(compileMesh(bankMesh(rules)).bootstrap('accounts')).http;
    assert.deepEqual(Object.keys(at(config, 'rules.policies') as Json).sort(), ['_health-checks', 'rule-0', 'rule-2', 'rule-5']);
    assert.deepEqual(gridDisagreements(config, rules, ['/healthz']), []);
  });

  test('a rule named like the old health-check policy is a rule like any other; the health checks keep theirs', () => {
    const rules: AuthzRule[] = [{ name: 'meshc-health-checks', from: ['teller'] }];
    const config = inboundRbac(compileMesh(bankMesh(rules)).bootstrap('accounts')).http;
    assert.deepEqual(gridDisagreements(config, rules, ['/healthz']), []);
    assert.equal(evaluateHttpRbac(config, request('backoffice', 'GET', '/healthz')).policy, '_health-checks');
  });

  test('no rule can take the health-check policy\u2019s name', () => {
    const result = compileText(bankMesh([{ name: '_health-checks', from: ['teller'] }]));
    assert.deepEqual(
      result.diagnostics.map((d) => d.name),
      ['invalid-name'],
      'the name is refused',
    );
    assert.deepEqual(result.files, []);
  });
});

// ── Health checks ───────────────────────────────────────────────────────────────────────────

describe('health checks are never denied', () => {
  const grpc = compileMesh(
    bankMesh([{ from: ['teller'], paths: ['/accounts/*'] }], {
      services: {
        ledger: {
          protocol: 'grpc',
          port: 9100,
          versions: { v1: { endpoints: ['10.40.2.10'] } },
          healthCheck: {},
          authz: [{ from: ['teller'], paths: ['/bank.Ledger/*'] }],
        },
      },
    }),
  );
  const ledger = inboundRbac(grpc.bootstrap('ledger')).http;
  const cases: readonly [Caller, string, boolean][] = [
    ['plaintext', '/grpc.health.v1.Health/Check', true],
    ['other trust domain', '/grpc.health.v1.Health/Watch', true],
    ['auditor', '/grpc.health.v1.Health/Check', true],
    ['plaintext', '/grpc.health.v1.HealthX/Check', false],
    ['plaintext', '/grpc.health.v1.Health', false],
    ['teller', '/bank.Ledger/Get', true],
    ['auditor', '/bank.Ledger/Get', false],
  ];
  for (const [caller, path, allowed] of cases) {
    test(`grpc: ${caller} POST ${path} → ${allowed ? 'allowed' : 'denied'}`, () => {
      assert.equal(evaluateHttpRbac(ledger, request(caller, 'POST', path)).allowed, allowed);
    });
  }

  test('an http health check path with a query string is allowed too, by its path', () => {
    const mesh = compileMesh(bankMesh([{ from: ['teller'] }], { accounts: { healthCheck: { path: '/ready?full=1' } } }));
    const config = inboundRbac(mesh.bootstrap('accounts')).http;
    assert.equal(evaluateHttpRbac(config, request('backoffice', 'GET', '/ready?full=1')).allowed, true);
    assert.equal(evaluateHttpRbac(config, request('plaintext', 'GET', '/ready')).allowed, true);
    assert.equal(evaluateHttpRbac(config, request('backoffice', 'GET', '/ready/x')).allowed, false);
    assert.deepEqual(gridDisagreements(config, [{ from: ['teller'] }], ['/ready']), []);
  });
});

// ── The whole inbound path: TLS, then RBAC ──────────────────────────────────────────────────

describe('end to end on the inbound listener: the TLS handshake comes before RBAC', () => {
  const cases: readonly [mtls: string, caller: Caller, path: string, outcome: Outcome][] = [
    ['strict', 'teller', '/accounts/1', 'allowed'],
    ['strict', 'auditor', '/accounts/1', 'forbidden'],
    ['strict', 'plaintext', '/status', 'refused'],
    ['strict', 'plaintext', '/healthz', 'refused'],
    ['strict', 'other trust domain', '/status', 'refused'],
    ['permissive', 'teller', '/accounts/1', 'allowed'],
    ['permissive', 'plaintext', '/status', 'allowed'],
    ['permissive', 'plaintext', '/healthz', 'allowed'],
    ['permissive', 'plaintext', '/accounts/1', 'forbidden'],
    ['permissive', 'plaintext', '/metrics', 'forbidden'],
    ['permissive', 'other trust domain', '/metrics', 'refused'],
  ];
  for (const mtls of ['strict', 'permissive']) {
    const bootstrap = compileMesh(bankMesh(BANK_RULES, { mtls })).bootstrap('accounts');
    for (const [mode, caller, path, outcome] of cases.filter((c) => c[0] === mtls)) {
      test(`${mode}: ${caller} GET ${path} → ${outcome}`, () => {
        const principal = CALLERS[caller];
        const r: InboundRequest = { ...(principal !== undefined ? { principal } : {}), method: 'GET', path };
        assert.equal(admit(bootstrap, r), outcome);
      });
    }
  }
});

/**
 * Prometheus' certificate (meshc certs issues it as `_prometheus` when a metrics port takes mTLS)
 * is meant for the metrics ports, whose listeners admit exactly its identity; it is not a mesh
 * caller. Its SPIFFE ID lies inside the trust domain, though, outside /svc/.
 */
test('Prometheus\u2019 certificate opens no service\u2019s inbound listener, with `from: ["*"]` or without authz', () => {
  const scraper = `spiffe://${TD}/observability/prometheus`;
  const cases: readonly [authz: unknown, path: string][] = [
    [BANK_RULES, '/metrics'],
    [[{ from: ['*'] }], '/accounts/1'],
    [undefined, '/accounts/1'],
  ];
  for (const [authz, path] of cases) {
    const bootstrap = compileMesh(bankMesh(authz)).bootstrap('accounts');
    assert.notEqual(admit(bootstrap, { principal: scraper, path }), 'allowed', `${JSON.stringify(authz)} ${path}`);
    assert.equal(admit(bootstrap, { principal: id('auditor'), path }), 'allowed', 'a service identity still gets in');
  }
});

// ── JWT claims ──────────────────────────────────────────────────────────────────────────────

describe('claims rules need the claim value of a verified token', () => {
  const portal = compileMesh(
    bankMesh(undefined, {
      services: {
        gateway: { protocol: 'http', port: 8090, versions: { v1: { endpoints: ['10.40.0.20'] } }, calls: ['portal'] },
        portal: {
          protocol: 'http',
          port: 8443,
          versions: { v1: { endpoints: ['10.40.7.10'] } },
          jwt: { providers: { staff: { issuer: 'staff-idp', jwks: '{"keys":[]}' } } },
          authz: [
            { name: 'admins', from: ['gateway'], paths: ['/admin/*'], claims: { role: 'admin' } },
            { name: 'eu-support', from: ['gateway', 'teller'], paths: ['/support/*'], claims: { role: 'support', region: 'eu' } },
          ],
        },
      },
    }),
  ).bootstrap('portal');
  const config = inboundRbac(portal);
  assert.equal(config.jwtPayloadKey, 'jwt_payload|staff');
  const cases: readonly [Caller | 'gateway', string, Json | undefined, boolean][] = [
    ['gateway', '/admin/users', { role: 'admin' }, true],
    ['gateway', '/admin/users', { role: 'user' }, false],
    ['gateway', '/admin/users', { role: 'Admin' }, false],
    // A list-valued claim matches when it holds the value (Envoy's ListMatcher one_of).
    ['gateway', '/admin/users', { role: ['admin'] }, true],
    ['gateway', '/admin/users', { role: ['user', 'admin'] }, true],
    ['gateway', '/admin/users', { role: ['user'] }, false],
    ['gateway', '/admin/users', { role: [['admin']] }, false],
    ['gateway', '/admin/users', {}, false],
    ['gateway', '/admin/users', undefined, false],
    ['teller', '/admin/users', { role: 'admin' }, false],
    ['gateway', '/support/t/1', { role: 'support', region: 'eu' }, true],
    ['teller', '/support/t/1', { role: 'support', region: 'eu' }, true],
    ['teller', '/support/t/1', { role: 'support', region: 'us' }, false],
    ['teller', '/support/t/1', { role: 'support' }, false],
    ['gateway', '/support/t/1', { role: 'admin', region: 'eu' }, false],
  ];
  for (const [caller, path, claims, allowed] of cases) {
    test(`${caller} GET ${path} claims ${JSON.stringify(claims)} → ${allowed ? 'allowed' : 'denied'}`, () => {
      const principal = caller === 'gateway' ? id('gateway') : CALLERS[caller];
      const r: RbacRequest = { ...(principal !== undefined ? { principal } : {}), method: 'GET', path, ...(claims ? { jwtClaims: claims } : {}) };
      assert.equal(evaluateHttpRbac(config.http, r, { jwtPayloadKey: 'jwt_payload|staff' }).allowed, allowed);
    });
  }

  test('end to end: a token is needed, then its claims decide', () => {
    const gateway = { principal: id('gateway'), path: '/admin/users' };
    assert.equal(admit(portal, gateway), 'unauthenticated');
    assert.equal(admit(portal, { ...gateway, jwt: { iss: 'other-idp', role: 'admin' } }), 'unauthenticated');
    assert.equal(admit(portal, { ...gateway, jwt: { iss: 'staff-idp', role: 'user' } }), 'forbidden');
    assert.equal(admit(portal, { ...gateway, jwt: { iss: 'staff-idp', role: 'admin' } }), 'allowed');
  });
});

// ── tcp services: network RBAC on the caller's identity ─────────────────────────────────────

describe('tcp services get network RBAC that admits exactly the listed callers', () => {
  const vault = (authz: unknown) =>
    inboundRbac(
      compileMesh(bankMesh(undefined, { services: { vault: { protocol: 'tcp', port: 8200, versions: { v1: { endpoints: ['10.40.6.10'] } }, authz } } })).bootstrap('vault'),
    );
  const cases: readonly [string, unknown, Partial<Record<Caller, boolean>>][] = [
    ['from: [teller, backoffice]', [{ from: ['teller', 'backoffice'] }], { teller: true, backoffice: true, auditor: false, 'other trust domain': false, plaintext: false }],
    ['from: ["*"]', [{ from: ['*'] }], { teller: true, auditor: true, 'other trust domain': false, 'look-alike trust domain': false, plaintext: false }],
    ['no from', [{ name: 'anyone' }], { auditor: true, 'other trust domain': true, plaintext: true }],
    ['dry-run', { mode: 'dry-run', allow: [{ from: ['teller'] }] }, { teller: true, auditor: true, plaintext: true }],
  ];
  for (const [what, authz, expected] of cases) {
    test(what, () => {
      const config = vault(authz);
      assert.equal(config.http, undefined, 'no HTTP RBAC on a tcp service');
      for (const [caller, allowed] of Object.entries(expected) as [Caller, boolean][]) {
        const principal = CALLERS[caller];
        assert.equal(evaluateNetworkRbac(config.network, principal !== undefined ? { principal } : {}).allowed, allowed, caller);
      }
    });
  }

  test('in dry-run the shadow rules still tell the listed caller from the others', () => {
    const config = vault({ mode: 'dry-run', allow: [{ from: ['teller'] }] });
    assert.equal(evaluateNetworkRbac(config.network, { principal: id('teller') }).shadow?.allowed, true);
    assert.equal(evaluateNetworkRbac(config.network, { principal: id('auditor') }).shadow?.allowed, false);
  });

  test('from: [] admits nobody', () => {
    const config = vault([{ from: [] }]);
    for (const caller of Object.keys(CALLERS) as Caller[]) {
      const principal = CALLERS[caller];
      assert.equal(evaluateNetworkRbac(config.network, principal !== undefined ? { principal } : {}).allowed, false, caller);
    }
  });
});

describe('path rules read as a user reads them', () => {
  const refused = (pattern: string) =>
    compileText(bankMesh([{ from: ['teller'], paths: [pattern] }]))
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.name}`);
  for (const pattern of ['/api*', '/a/*/b', '/x;y', '/x?y=1', '/x#f', 'accounts']) {
    test(`${pattern} is refused: * only as a whole last segment, and no ; ? or #`, () => {
      assert.deepEqual(refused(pattern), ['MC1016 invalid-format']);
    });
  }

  const teller = id('teller');
  const bootstrap = enforced.bootstrap('accounts');
  const cases: readonly [string, Outcome][] = [
    ['/accounts', 'allowed'],
    ['/accounts/7', 'allowed'],
    ['/accountsx', 'forbidden'],
    // Tomcat and others read /accounts/..;/admin as /admin; Envoy matches it as written.
    ['/accounts/..;/admin', 'bad-request'],
    ['/accounts/7;jsessionid=1', 'bad-request'],
    ['/accounts/7?q=a;b', 'allowed'],
  ];
  for (const [path, outcome] of cases) {
    test(`teller GET ${path} → ${outcome}`, () => assert.equal(admit(bootstrap, { principal: teller, method: 'GET', path }), outcome));
  }

  test('hardening.pathParameters: allow lets `;` paths through to the rules (explicitly)', () => {
    const text = bankMesh(BANK_RULES).replace(/^mesh:\n/m, 'mesh:\n  sidecar:\n    hardening:\n      pathParameters: allow\n');
    const loose = compileMesh(text).bootstrap('accounts');
    assert.equal(admit(loose, { principal: teller, method: 'GET', path: '/accounts/..;/admin' }), 'allowed');
  });

  test('ignoreCase: /Accounts/7 is /accounts/7 for the rule that says so, and only for it', () => {
    const rules: AuthzRule[] = [
      { from: ['teller'], paths: ['/accounts/*'], ignoreCase: true },
      { from: ['backoffice'], paths: ['/admin/*'] },
    ];
    const b = compileMesh(bankMesh(rules)).bootstrap('accounts');
    assert.equal(admit(b, { principal: teller, method: 'GET', path: '/ACCOUNTS/7' }), 'allowed');
    assert.equal(admit(b, { principal: teller, method: 'GET', path: '/Accounts' }), 'allowed');
    assert.equal(admit(b, { principal: id('backoffice'), method: 'GET', path: '/Admin/x' }), 'forbidden');
  });
});
