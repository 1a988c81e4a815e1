/**
 * Named resources other than listeners and clusters (which have their own codes): Envoy refuses
 * an update with two resources of one type and name, and a bootstrap with two static secrets of
 * one name. Resources checked together count as one Envoy's configuration.
 */
import { text, TYPES, type Invariant } from './context.js';
import { reportDuplicates } from './duplicates.js';

/** Resource type → the field that names it. */
const NAMED_RESOURCES: readonly (readonly [type: string, field: string])[] = [
  [TYPES.routeConfiguration, 'name'],
  [TYPES.clusterLoadAssignment, 'cluster_name'],
  [TYPES.secret, 'name'],
  ['envoy.config.route.v3.ScopedRouteConfiguration', 'name'],
  ['envoy.config.route.v3.VirtualHost', 'name'],
  ['envoy.service.runtime.v3.Runtime', 'name'],
  ['envoy.config.core.v3.TypedExtensionConfig', 'name'],
];

export const duplicateResource: Invariant = {
  names: ['duplicate-resource'],
  check(ctx) {
    for (const [type, field] of NAMED_RESOURCES) {
      const describe = (name: string): string => `${type.slice(type.lastIndexOf('.') + 1)} name ${JSON.stringify(name)}`;
      const nameOf = (i: { value: Record<string, unknown> }): string | undefined => text(i.value[field]) || undefined;
      reportDuplicates(ctx, 'duplicate-resource', ctx.resources(type), nameOf, [field], describe);
    }
    const staticSecrets = ctx.of(TYPES.secret).filter((s) => ctx.within(s, TYPES.bootstrap));
    reportDuplicates(
      ctx,
      'duplicate-resource',
      staticSecrets,
      (s) => text(s.value['name']) || undefined,
      ['name'],
      (name) => `static secret name ${JSON.stringify(name)}`,
    );
  },
};
