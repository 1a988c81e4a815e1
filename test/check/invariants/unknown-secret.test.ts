import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, check, checkAll, cluster, TYPE, URL, type Config } from '../helpers.js';

function withTls(secretConfig: Record<string, unknown>): Config {
  const b = bootstrap();
  b['static_resources']['clusters'][0]['transport_socket'] = {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      common_tls_context: { tls_certificate_sds_secret_configs: [secretConfig] },
    },
  };
  return b;
}
const AT = 'static_resources.clusters[0].transport_socket.typed_config.common_tls_context.tls_certificate_sds_secret_configs[0].name';

test('a static secret name with no such secret in the bootstrap', () => {
  assert.deepEqual(check(TYPE.bootstrap, withTls({ name: 'client-cert' })), [`unknown-secret@${AT}`]);
});

test('a static secret that exists', () => {
  const b = withTls({ name: 'client-cert' });
  b['static_resources']['secrets'] = [{ name: 'client-cert', tls_certificate: { certificate_chain: { filename: '/c.pem' }, private_key: { filename: '/k.pem' } } }];
  assert.deepEqual(check(TYPE.bootstrap, b), []);
});

test('an SDS name checked against the SDS resources given together', () => {
  const b = withTls({ name: 'client-cert', sds_config: { path_config_source: { path: '/etc/envoy/sds.yaml' } } });
  const secrets = { resources: [{ '@type': URL.secret, name: 'other', generic_secret: { secret: { inline_string: 'x' } } }] };
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.bootstrap, value: b },
      { typeName: TYPE.discovery, value: secrets },
    ]),
    [`unknown-secret@${AT}`],
  );
  assert.deepEqual(check(TYPE.bootstrap, b), []);
  assert.ok(cluster());
});
