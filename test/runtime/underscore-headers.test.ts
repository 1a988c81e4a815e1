/**
 * The app talking to its own sidecar is trusted: the outbound connection managers allow header
 * names with underscores, so a route on one matches in the caller; inbound keeps the mesh's
 * setting (HttpProtocolOptions.headers_with_underscores_action, applied by the codec before
 * routing: source/common/http/header_utility.cc checkHeaderNameForUnderscores).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allHcms, at, compileMesh } from '../security/helpers.js';

const MESH = `
apiVersion: meshc/v1
mesh:
  name: shop
  trustDomain: shop.example
  sidecar: { hardening: { headersWithUnderscores: drop } }
services:
  web:
    protocol: http
    port: 8080
    versions: { v1: { endpoints: [10.1.0.10] } }
    calls: [catalog]
  catalog:
    protocol: http
    port: 9000
    versions: { v1: { endpoints: [10.2.0.1] }, v2: { endpoints: [10.2.0.2] } }
    routes:
      - { match: { headers: { x_canary: "1" } }, to: v2 }
      - { to: v1 }
`;

test('outbound connection managers allow underscores; inbound ones apply the mesh setting', () => {
  const mesh = compileMesh(MESH);
  const actions = allHcms(mesh.bootstrap('web')).map(({ listener, hcm }) => [
    String(listener['traffic_direction']),
    at(hcm, 'common_http_protocol_options.headers_with_underscores_action'),
  ]);
  assert.deepEqual(
    actions.filter(([d]) => d === 'OUTBOUND'),
    [['OUTBOUND', 'ALLOW']],
  );
  assert.deepEqual(
    actions.filter(([d]) => d === 'INBOUND'),
    [['INBOUND', 'DROP_HEADER']],
  );
});
