import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, check, TYPE, type Config } from '../helpers.js';

function withAdsLds(adsConfig: boolean): Config {
  const b = bootstrap();
  b['dynamic_resources'] = { lds_config: { ads: {}, resource_api_version: 'V3' } };
  if (adsConfig) {
    b['dynamic_resources']['ads_config'] = { api_type: 'GRPC', transport_api_version: 'V3', grpc_services: [{ envoy_grpc: { cluster_name: 'backend' } }] };
  }
  return b;
}

test('ADS without ads_config', () => {
  assert.deepEqual(check(TYPE.bootstrap, withAdsLds(false)), ['missing-ads-config@dynamic_resources.lds_config.ads']);
});

test('ADS with ads_config', () => {
  assert.deepEqual(check(TYPE.bootstrap, withAdsLds(true)), []);
});
