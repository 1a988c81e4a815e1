/** Alternatives are alternatives: exactly one of them may be set. */
import type { Rule, RuleContext } from '../context.js';
import { refAt, type NodeRef } from '../../dsl/model.js';
import type { FaultSpec } from '../../dsl/schema.js';
import { allRoutes, allVersions, stringMatchers } from '../walk.js';

export const conflictingFields: Rule = {
  id: 'conflicting-fields',
  scope: 'service',
  check(context) {
    const { model } = context;
    for (const { version, at } of allVersions(model)) {
      conflict(context, at, version, ['endpoints', 'dns']);
    }
    for (const service of model.services) {
      checkFault(context, service.spec.fault, refAt(service.at, 'fault'));
    }
    for (const { route, at } of allRoutes(model)) {
      conflict(context, at, route, ['to', 'split']);
      if (route.match?.path) conflict(context, refAt(at, 'match', 'path'), route.match.path, ['exact', 'prefix', 'regex']);
      if (route.match) {
        for (const { matcher, at: matcherAt } of stringMatchers(route.match, refAt(at, 'match'))) {
          if (typeof matcher === 'string') continue;
          conflict(context, matcherAt, matcher, ['exact', 'prefix', 'suffix', 'regex', 'present']);
        }
      }
      checkFault(context, route.fault, refAt(at, 'fault'));
    }
  },
};

function checkFault(context: RuleContext, fault: FaultSpec | undefined, at: NodeRef): void {
  if (fault?.abort) conflict(context, refAt(at, 'abort'), fault.abort, ['httpStatus', 'grpcStatus']);
}

function conflict({ report }: RuleContext, at: NodeRef, value: object, alternatives: readonly string[]): void {
  const set = alternatives.filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  if (set.length < 2) return;
  const [first, second] = set as [string, string];
  report('conflicting-fields', {
    at: refAt(at, second),
    target: 'key',
    message: `"${second}" cannot be combined with "${first}"`,
    hint: `keep exactly one of: ${alternatives.join(', ')}`,
    related: [{ message: `"${first}" is set here`, at: refAt(at, first), target: 'key' }],
  });
}
