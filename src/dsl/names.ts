/**
 * The names the language gives what the mesh leaves unnamed. Resolution uses them for the IR,
 * and the rules that keep names unique see the same ones, so an explicit name can never
 * collide unseen with a default one.
 */

/** An unnamed route: its stats prefix and rate-limit descriptor key. */
export function defaultRouteName(index: number): string {
  return `route-${index}`;
}

/** The one route of a service without routes. */
export const IMPLICIT_ROUTE_NAME = 'default';

/** An unnamed authz rule: its RBAC policy name. */
export function defaultAuthzRuleName(index: number): string {
  return `rule-${index}`;
}
