/** A ConfigSource set to `ads` needs the bootstrap's `dynamic_resources.ads_config`. */
import { record, TYPES, type Invariant } from './context.js';

export const missingAdsConfig: Invariant = {
  names: ['missing-ads-config'],
  check(ctx) {
    const bootstraps = ctx.of(TYPES.bootstrap);
    if (bootstraps.length === 0) return;
    if (bootstraps.some((b) => record(b.value['dynamic_resources'])?.['ads_config'] !== undefined)) return;
    for (const source of ctx.of(TYPES.configSource)) {
      if (source.value['ads'] === undefined) continue;
      ctx.report('missing-ads-config', source, ['ads'], 'this config source uses ADS, but the bootstrap has no dynamic_resources.ads_config');
    }
  },
};
