/**
 * An SDS secret config without `sds_config` names a static secret of the bootstrap; Envoy
 * refuses the config ("Unknown static secret") when there is none. With `sds_config`, the name
 * must be among the SDS resources when the checked resources include some.
 */
import { closest } from '../../diagnostics/suggest.js';
import { text, TYPES, type Invariant } from './context.js';

export const unknownSecret: Invariant = {
  names: ['unknown-secret'],
  check(ctx) {
    const secrets = ctx.of(TYPES.secret);
    const staticNames = new Set(secrets.filter((s) => ctx.within(s, TYPES.bootstrap)).map((s) => text(s.value['name']) ?? ''));
    const dynamic = ctx.resources(TYPES.secret);
    const dynamicNames = new Set(dynamic.map((s) => text(s.value['name']) ?? ''));
    const hasBootstrap = ctx.of(TYPES.bootstrap).length > 0;
    for (const config of ctx.of(TYPES.sdsSecretConfig)) {
      const name = text(config.value['name']);
      if (!name) continue;
      if (config.value['sds_config'] === undefined) {
        if (!hasBootstrap || staticNames.has(name)) continue;
        const guess = closest(name, staticNames);
        ctx.report(
          'unknown-secret',
          config,
          ['name'],
          `no static secret named ${JSON.stringify(name)} in static_resources.secrets, and no sds_config to fetch it` + (guess ? ` (did you mean "${guess}"?)` : ''),
        );
      } else if (dynamic.length > 0 && !dynamicNames.has(name)) {
        ctx.report('unknown-secret', config, ['name'], `no SDS resource provides the secret ${JSON.stringify(name)}`);
      }
    }
  },
};
