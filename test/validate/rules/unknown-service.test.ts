import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, MESH_HEADER } from '../../helpers/diagnose.js';
import { checkRule, compileWithBase } from '../helpers.js';
import { unknownService } from '../../../src/validate/rules/unknown-service.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(unknownService);

/** `web` calls whatever `calls` says (line 7); `cart` (line 8) is the only other service. */
const webCalls = (calls: string) => `
  apiVersion: meshc/v1
  services:
    web:
      protocol: http
      port: 8080
      versions: { v1: { endpoints: [10.0.0.1] } }
      ${calls}
    cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
`;

test('calls to defined services are fine, in both notations', () => {
  assert.deepEqual(check(webCalls('calls: [cart]')), []);
  assert.deepEqual(check(webCalls('calls: [{ service: cart, localPort: 17070 }]')), []);
});

test('a callee defined in another file is found', () => {
  assert.deepEqual(
    diagnose({
      'mesh.yaml': MESH_HEADER,
      'web.yaml': `
        apiVersion: meshc/v1
        services:
          web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, calls: [cart] }
      `,
      'cart.yaml': `
        apiVersion: meshc/v1
        services:
          cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
      `,
    }),
    [],
  );
});

test('a misspelt callee is reported at the name, with the closest service as hint', () => {
  assert.deepEqual(check(webCalls('calls: [crat]')), ['unknown-service@mesh.yaml:7:13']);
  assert.match(compileWithBase(webCalls('calls: [crat]')).diagnostics[0]?.hint ?? '', /"cart"/);
});

test('in the object notation it is reported at the service value', () => {
  assert.deepEqual(check(webCalls('calls: [{ service: crat, localPort: 17070 }]')), ['unknown-service@mesh.yaml:7:24']);
});

test('in a block list', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        web:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] } }
          calls:
            - cart
            - payments
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
    `),
    ['unknown-service@mesh.yaml:9:9'],
  );
});

test('every unknown callee is reported; without a close name the hint lists the services', () => {
  const yaml = webCalls('calls: [payments, cart, shipping]');
  assert.deepEqual(check(yaml), ['unknown-service@mesh.yaml:7:13', 'unknown-service@mesh.yaml:7:29']);
  const hint = compileWithBase(yaml).diagnostics[0]?.hint ?? '';
  assert.match(hint, /cart/);
  assert.match(hint, /web/);
  assert.doesNotMatch(hint, /did you mean/);
});

test('a version name is not a service name', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        web:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] }, canary: { endpoints: [10.0.0.3] } }
          routes: [{ split: { v1: 90, canary: 10 } }]
          calls: [canary]
    `),
    ['unknown-service@mesh.yaml:8:13'],
  );
});
