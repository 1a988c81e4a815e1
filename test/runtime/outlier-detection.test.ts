/**
 * Outlier detection ejects by exactly the detectors the mesh names. Envoy runs a detector when
 * its enforcing_* percentage is above 0, and the defaults differ: consecutive_5xx and success
 * rate are enforced at 100% unless told otherwise, gateway failures and failure percentage at 0%
 * (envoy/config/cluster/v3/outlier_detection.proto; DetectorImpl in
 * source/common/upstream/outlier_detection_impl.cc). gRPC's xDS client runs success-rate
 * ejection unless enforcing_success_rate is written as 0
 * (@grpc/grpc-js-xds build/src/xds-resource-type/cluster-resource-type.js).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusters, compileMesh, obj, type Json } from '../security/helpers.js';
import { diagnose } from '../helpers/diagnose.js';

const ENVOY_DEFAULT_ENFORCING = {
  'consecutive-5xx': ['enforcing_consecutive_5xx', 100],
  'consecutive-gateway-failure': ['enforcing_consecutive_gateway_failure', 0],
  'success-rate': ['enforcing_success_rate', 100],
  'failure-percentage': ['enforcing_failure_percentage', 0],
} as const;

/** The detectors Envoy runs for an outlier_detection block. */
function envoyDetectors(od: Json): string[] {
  return Object.entries(ENVOY_DEFAULT_ENFORCING)
    .filter(([, [field, byDefault]]) => ((od[field] as number | undefined) ?? byDefault) > 0)
    .map(([name]) => name);
}

/** The detectors gRPC's xDS client runs (it knows only success rate and failure percentage). */
function grpcDetectors(od: Json): string[] {
  const sr = od['enforcing_success_rate'] as number | undefined;
  const fp = od['enforcing_failure_percentage'] as number | undefined;
  return [...(sr === undefined || sr > 0 ? ['success-rate'] : []), ...(fp !== undefined && fp > 0 ? ['failure-percentage'] : [])];
}

const mesh = (outlier: string) => `
apiVersion: meshc/v1
mesh: { name: store, trustDomain: store.example, mtls: off }
services:
  web:
    protocol: http
    port: 8080
    versions: { v1: { endpoints: [10.1.0.10] } }
    calls: [recs]
  recs:
    protocol: http
    port: 8700
    versions: { v1: { endpoints: [10.10.0.1, 10.10.0.2] } }
    outlierDetection: ${outlier}
`;

function outlierOf(outlier: string): Json {
  const c = clusters(compileMesh(mesh(outlier)).bootstrap('web')).find((x) => x['name'] === 'outbound|recs|v1');
  return obj(c?.['outlier_detection'], 'outlier_detection');
}

test('only gateway errors: neither Envoy nor a gRPC client ejects on 5xx or success rate', () => {
  const od = outlierOf('{ consecutiveGatewayErrors: 1 }');
  assert.deepEqual(envoyDetectors(od), ['consecutive-gateway-failure']);
  assert.deepEqual(grpcDetectors(od), []);
  assert.equal(od['consecutive_gateway_failure'], 1);
});

test('only 5xx: the gateway-failure and success-rate detectors stay off', () => {
  const od = outlierOf('{ consecutive5xx: 3 }');
  assert.deepEqual(envoyDetectors(od), ['consecutive-5xx']);
  assert.deepEqual(grpcDetectors(od), []);
});

test('the success-rate fields are written out, with Envoy defaults, so no client reads them absent', () => {
  const od = outlierOf('{ consecutive5xx: 3, consecutiveGatewayErrors: 2 }');
  assert.deepEqual(envoyDetectors(od), ['consecutive-5xx', 'consecutive-gateway-failure']);
  assert.deepEqual(Object.fromEntries(Object.entries(od).filter(([k]) => k.startsWith('success_rate') || k.startsWith('enforcing'))), {
    enforcing_consecutive_5xx: 100,
    enforcing_consecutive_gateway_failure: 100,
    enforcing_success_rate: 0,
    success_rate_minimum_hosts: 5,
    success_rate_request_volume: 100,
    success_rate_stdev_factor: 1900,
    enforcing_failure_percentage: 0,
  });
});

test('a detector count of 0 is refused (it would eject on the first failure or never, depending on the client)', () => {
  assert.deepEqual(diagnose(mesh('{ consecutive5xx: 0 }')), ['out-of-range@mesh.yaml:13:41']);
});
