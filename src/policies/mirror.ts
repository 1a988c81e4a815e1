/** Traffic mirroring to another version of the callee; responses from the mirror are dropped. */
import { names } from '../envoy/names.js';
import { fractionalPercent } from '../envoy/values.js';
import type { PolicyModule } from './policy.js';

export const mirror: PolicyModule = {
  id: 'mirror',
  order: 900,
  routeAction: (route, { callee }) =>
    route.mirror
      ? {
          request_mirror_policies: [
            {
              cluster: names.outboundCluster(callee.name, route.mirror.version),
              ...(route.mirror.percent < 100 ? { runtime_fraction: { default_value: fractionalPercent(route.mirror.percent) } } : {}),
            },
          ],
        }
      : undefined,
};
