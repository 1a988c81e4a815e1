/** All resources of a DiscoveryResponse are of the type its `type_url` names. */
import { list, record, text, TYPES, type Invariant } from './context.js';

export const resourceTypeMismatch: Invariant = {
  names: ['resource-type-mismatch'],
  check(ctx) {
    for (const response of ctx.of(TYPES.discoveryResponse)) {
      const expected = text(response.value['type_url']);
      if (!expected) continue;
      const expectedName = afterSlash(expected);
      list(response.value['resources']).forEach((resource, i) => {
        const type = text(record(resource)?.['@type']);
        if (type === undefined || afterSlash(type) === expectedName) return;
        ctx.report('resource-type-mismatch', response, ['resources', i, '@type'], `resource of type ${afterSlash(type)} in a response whose type_url is ${expected}`);
      });
    }
  },
};

function afterSlash(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
