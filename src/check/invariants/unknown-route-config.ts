/**
 * An HCM that fetches its routes over RDS names a route configuration; when the checked
 * resources include RDS resources, that name must be among them.
 */
import { closest } from '../../diagnostics/suggest.js';
import { record, text, TYPES, type Invariant } from './context.js';

export const unknownRouteConfig: Invariant = {
  names: ['unknown-route-config'],
  check(ctx) {
    const provided = ctx.resources(TYPES.routeConfiguration);
    if (provided.length === 0) return;
    const names = new Set(provided.map((r) => text(r.value['name']) ?? ''));
    for (const hcm of ctx.of(TYPES.hcm)) {
      const name = text(record(hcm.value['rds'])?.['route_config_name']);
      if (name === undefined || names.has(name)) continue;
      const guess = closest(name, names);
      ctx.report(
        'unknown-route-config',
        hcm,
        ['rds', 'route_config_name'],
        `no route configuration named ${JSON.stringify(name)} is provided` + (guess ? ` (did you mean "${guess}"?)` : ''),
      );
    }
  },
};
