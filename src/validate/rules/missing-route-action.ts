/** Every route says where requests go; every matcher and abort says what it means. */
import type { Rule } from '../context.js';
import { refAt, type NodeRef } from '../../dsl/model.js';
import type { FaultSpec } from '../../dsl/schema.js';
import type { RuleContext } from '../context.js';
import { allRoutes, matcherKinds, stringMatchers } from '../walk.js';

export const missingRouteAction: Rule = {
  id: 'missing-route-action',
  scope: 'service',
  check(context) {
    const { model, report } = context;
    for (const service of model.services) checkFault(context, service.spec.fault, refAt(service.at, 'fault'));
    for (const { service, route, index, at } of allRoutes(model)) {
      if (route.to === undefined && route.split === undefined) {
        report('missing-route-action', {
          at,
          message: `route ${route.name ? `"${route.name}"` : `#${index + 1}`} of "${service.name}" has neither \`to\` nor \`split\``,
          hint: 'add `to: <version>` or `split: {<version>: <percent>, ...}`',
        });
      }
      const path = route.match?.path;
      if (path && path.exact === undefined && path.prefix === undefined && path.regex === undefined) {
        report('missing-route-action', {
          at: refAt(at, 'match', 'path'),
          target: 'key',
          message: 'a path match needs one of exact, prefix or regex',
        });
      }
      if (route.match) {
        for (const { matcher, at: matcherAt } of stringMatchers(route.match, refAt(at, 'match'))) {
          if (typeof matcher !== 'string' && matcherKinds(matcher).length === 0) {
            report('missing-route-action', {
              at: matcherAt,
              target: 'key',
              message: 'this matcher needs one of exact, prefix, suffix, regex or present',
            });
          }
        }
      }
      checkFault(context, route.fault, refAt(at, 'fault'));
    }
  },
};

function checkFault({ report }: RuleContext, fault: FaultSpec | undefined, at: NodeRef): void {
  if (!fault) return;
  if (!fault.delay && !fault.abort) {
    report('missing-route-action', { at, target: 'key', message: 'a fault needs a delay or an abort' });
  }
  if (fault.abort && fault.abort.httpStatus === undefined && fault.abort.grpcStatus === undefined) {
    report('missing-route-action', {
      at: refAt(at, 'abort'),
      target: 'key',
      message: 'an abort needs httpStatus or grpcStatus',
    });
  }
}
