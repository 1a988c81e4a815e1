/** Every version has somewhere to send traffic: endpoints or a DNS name. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { allVersions } from '../walk.js';

export const versionWithoutEndpoints: Rule = {
  id: 'version-without-endpoints',
  scope: 'service',
  check({ model, report }) {
    for (const { service, name, version, at } of allVersions(model)) {
      if (version.dns !== undefined) continue;
      if (version.endpoints === undefined) {
        report('version-without-endpoints', {
          at,
          target: 'key',
          message: `version "${name}" of "${service.name}" has neither endpoints nor dns`,
          hint: 'add `endpoints: [<ip>, ...]` or `dns: <host name>`',
        });
      } else if (version.endpoints.length === 0) {
        report('version-without-endpoints', {
          at: refAt(at, 'endpoints'),
          message: `version "${name}" of "${service.name}" has an empty endpoint list`,
          hint: 'list at least one workload address, or remove the version',
        });
      }
    }
  },
};
