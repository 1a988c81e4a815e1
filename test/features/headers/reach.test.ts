/**
 * Where header changes do nothing, the core rules say so at the line written: on a tcp service
 * (http-feature-on-tcp, from the feature's httpOnly) and for a proxyless gRPC caller, whose
 * xDS client does not apply a route's header mutations (grpc-js-xds src/resolver-xds.ts reads a
 * route's match, action and per-filter config only) (ignored-by-grpc, from grpcIgnores).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, catalogMesh } from '../../validate/helpers.js';
import { compileText } from '../../helpers/diagnose.js';
import { at } from '../../validate/helpers.js';

test('headers on a tcp service are reported at the key', () => {
  const tcp = catalogMesh(undefined, 'headers: { request: { set: { x-a: "1" } } }').replace('protocol: http', 'protocol: tcp');
  assert.deepEqual(check(tcp), ['http-feature-on-tcp@mesh.yaml:7:5']);
});

test('headers of a callee that a proxyless caller calls are reported, once, where written', () => {
  const text = [
    'apiVersion: meshc/v1',
    'mesh: { name: m, trustDomain: m.example, controlPlane: { address: "127.0.0.1:18000", tls: off } }',
    'services:',
    '  client: { protocol: grpc, port: 9000, proxy: grpc, versions: { v1: { endpoints: ["10.0.0.1:9000"] } }, calls: [echo] }',
    '  echo:',
    '    protocol: grpc',
    '    port: 9100',
    '    versions: { v1: { endpoints: ["10.0.0.2:9100"] } }',
    '    headers: { request: { set: { x-a: "1" } } }',
    '    routes:',
    '      - { to: v1, match: { headers: { x-b: "1" } }, headers: { response: { remove: [x-c] } } }',
    '      - { to: v1 }',
  ].join('\n');
  assert.deepEqual(compileText({ 'mesh.yaml': text }).diagnostics.map(at), ['ignored-by-grpc@mesh.yaml:9:5', 'ignored-by-grpc@mesh.yaml:11:53']);
});
