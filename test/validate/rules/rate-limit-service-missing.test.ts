import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, diagnose as diagnoseAll } from '../../helpers/diagnose.js';

/** The services here are reached in plaintext, which plaintext-mesh-service warns about; these cases are about other things. */
const diagnose = (text: Parameters<typeof diagnoseAll>[0]): string[] => diagnoseAll(text).filter((d) => !d.startsWith('plaintext-mesh-service@'));

const GLOBAL = '{ global: { requests: 10, per: second } }';
const LOCAL = '{ local: { requests: 10, per: 1s } }';
const RLS = 'rateLimitService: { address: ratelimit.bank.internal:8081 }';

/**
 * A mesh with `rls` on line 5 (or nothing), `payments` with a service-level `rateLimit` on
 * line 11 (`global` at column 18) and a route-level one on line 16 (`global` at column 22).
 */
const payments = (rls: string, service: string, route: string) => `
  apiVersion: meshc/v1
  mesh:
    name: bank
    trustDomain: bank.example
    ${rls}
  services:
    payments:
      protocol: http
      port: 9300
      versions: { v1: { endpoints: [10.0.0.1] } }
      rateLimit: ${service}
      routes:
        - name: transfers
          match: { path: { prefix: /transfers } }
          to: v1
          rateLimit: ${route}
        - to: v1
`;

const SERVICE_GLOBAL = 'rate-limit-service-missing@mesh.yaml:11:18';
const ROUTE_GLOBAL = 'rate-limit-service-missing@mesh.yaml:16:22';

test('global limits with a rate-limit service, and local limits without one, are fine', () => {
  assert.deepEqual(diagnose(payments(RLS, GLOBAL, GLOBAL)), []);
  assert.deepEqual(diagnose(payments('', LOCAL, LOCAL)), []);
  assert.deepEqual(diagnose(payments('', '{}', '{}')), []);
});

test('a service-level global limit without the service is reported at its `global` key', () => {
  assert.deepEqual(diagnose(payments('', GLOBAL, LOCAL)), [SERVICE_GLOBAL]);
  assert.match(compileText(payments('', GLOBAL, '{}')).diagnostics[0]?.hint ?? '', /rateLimitService/);
});

test('a route-level global limit without the service is reported at its `global` key', () => {
  assert.deepEqual(diagnose(payments('', LOCAL, GLOBAL)), [ROUTE_GLOBAL]);
});

test('both are reported; a local limit next to a global one changes nothing', () => {
  assert.deepEqual(diagnose(payments('', GLOBAL, GLOBAL)), [SERVICE_GLOBAL, ROUTE_GLOBAL]);
  const both = '{ local: { requests: 5, per: 1s }, global: { requests: 10, per: second } }';
  assert.deepEqual(diagnose(payments('', both, '{}')), ['rate-limit-service-missing@mesh.yaml:11:51']);
});

test('a rate-limit service declared in another file counts', () => {
  assert.deepEqual(
    diagnose({
      'mesh.yaml': `
        apiVersion: meshc/v1
        mesh: { name: bank, trustDomain: bank.example, ${RLS} }
      `,
      'payments.yaml': `
        apiVersion: meshc/v1
        services:
          payments: { protocol: http, port: 9300, versions: { v1: { endpoints: [10.0.0.1] } }, rateLimit: ${GLOBAL} }
      `,
    }),
    [],
  );
});

test('every service is checked', () => {
  assert.deepEqual(
    diagnose(`
      apiVersion: meshc/v1
      mesh: { name: bank, trustDomain: bank.example }
      services:
        a: { protocol: http, port: 9300, versions: { v1: { endpoints: [10.0.0.1] } }, rateLimit: ${GLOBAL} }
        b: { protocol: tcp, port: 9301, versions: { v1: { endpoints: [10.0.0.2] } }, rateLimit: ${GLOBAL} }
    `),
    ['rate-limit-service-missing@mesh.yaml:4:94', 'rate-limit-service-missing@mesh.yaml:5:93'],
  );
});
