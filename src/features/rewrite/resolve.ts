/** A route's rewrite in the IR, as written (routes only; none on tcp). */
import type { RouteInput } from '../feature.js';
import type { RouteIR } from '../../ir/types.js';

export function resolveRewrite({ service, routeIndex }: RouteInput): Pick<RouteIR, 'rewrite'> | undefined {
  if (service.spec.protocol === 'tcp' || routeIndex === undefined) return undefined;
  const rewrite = service.spec.routes?.[routeIndex]?.rewrite;
  if (!rewrite) return undefined;
  const { prefix, regex, host } = rewrite;
  return {
    rewrite: {
      ...(prefix !== undefined ? { prefix } : {}),
      ...(regex !== undefined ? { regex: { pattern: regex.pattern, substitution: regex.substitution } } : {}),
      ...(host !== undefined ? { host } : {}),
    },
  };
}
