/** `to`, `split` keys and `mirror.to` name versions the service has. */
import type { Rule, RuleContext } from '../context.js';
import { refAt, type NodeRef, type ServiceDefinition } from '../../dsl/model.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { allRoutes } from '../walk.js';

export const unknownVersion: Rule = {
  id: 'unknown-version',
  scope: 'service',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      if (service.spec.mirror) checkVersion(context, service, service.spec.mirror.to, refAt(service.at, 'mirror', 'to'), 'value');
    }
    for (const { service, route, at } of allRoutes(model)) {
      if (route.to !== undefined) checkVersion(context, service, route.to, refAt(at, 'to'), 'value');
      for (const version of Object.keys(route.split ?? {})) {
        checkVersion(context, service, version, refAt(at, 'split', version), 'key');
      }
      if (route.mirror) checkVersion(context, service, route.mirror.to, refAt(at, 'mirror', 'to'), 'value');
    }
  },
};

function checkVersion({ report }: RuleContext, service: ServiceDefinition, version: string, at: NodeRef, target: 'key' | 'value'): void {
  const versions = Object.keys(service.spec.versions);
  if (versions.includes(version)) return;
  report('unknown-version', {
    at,
    target,
    message: `service "${service.name}" has no version "${version}"`,
    hint: didYouMean(version, versions) ?? `its versions are: ${versions.join(', ') || '(none)'}`,
  });
}
