import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../helpers/diagnose.js';
import { checkRule, compileWithBase } from '../helpers.js';
import { sidecarPortConflict } from '../../../src/validate/rules/sidecar-port-conflict.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(sidecarPortConflict);

/** `web` on `port` (line 5, value at column 11), calling `cart` as `calls` says (line 7). */
const web = (port: number, calls = '[cart]') => `
  apiVersion: meshc/v1
  services:
    web:
      protocol: http
      port: ${port}
      versions: { v1: { endpoints: [10.0.0.1] } }
      calls: ${calls}
    cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
`;

test('ports next to the sidecar ports are fine', () => {
  assert.deepEqual(check(web(15001)), []);
  assert.deepEqual(check(web(14999, '[{ service: cart, localPort: 15007 }]')), []);
});

test('a service on the default inbound or admin port is reported at its port', () => {
  assert.deepEqual(check(web(15006)), ['sidecar-port-conflict@mesh.yaml:5:11']);
  assert.deepEqual(check(web(15000)), ['sidecar-port-conflict@mesh.yaml:5:11']);
  assert.match(compileWithBase(web(15000)).diagnostics[0]?.message ?? '', /adminPort/);
});

test('a localPort on a sidecar port is reported at the localPort', () => {
  assert.deepEqual(check(web(8080, '[{ service: cart, localPort: 15000 }]')), ['sidecar-port-conflict@mesh.yaml:7:41']);
});

/** A mesh with `sidecar` ports (line 2) and one service `web` on `port` (line 4, value at column 77). */
const withSidecar = (sidecar: string, port: number) => `
  apiVersion: meshc/v1
  mesh: { name: shop, trustDomain: shop.example, mtls: off, sidecar: ${sidecar} }
  services:
    web: { protocol: http, versions: { v1: { endpoints: [10.0.0.1] } }, port: ${port} }
`;

test('moved sidecar ports free the defaults and take the new ones', () => {
  assert.deepEqual(diagnose(withSidecar('{ inboundPort: 16006, adminPort: 16000 }', 15006)), []);
  assert.deepEqual(diagnose(withSidecar('{ inboundPort: 16006, adminPort: 16000 }', 15000)), []);
  assert.deepEqual(diagnose(withSidecar('{ inboundPort: 16006 }', 16006)), ['sidecar-port-conflict@mesh.yaml:4:77']);
  assert.deepEqual(diagnose(withSidecar('{ adminPort: 16000 }', 16000)), ['sidecar-port-conflict@mesh.yaml:4:77']);
});

test('inbound and admin port equal: reported at adminPort', () => {
  assert.deepEqual(diagnose(withSidecar('{ inboundPort: 15000, adminPort: 15000 }', 8080)), ['sidecar-port-conflict@mesh.yaml:2:101']);
});

test('an inboundPort equal to the default admin port is reported at the inboundPort written', () => {
  assert.deepEqual(diagnose(withSidecar('{ inboundPort: 15000 }', 8080)), ['sidecar-port-conflict@mesh.yaml:2:83']);
});
