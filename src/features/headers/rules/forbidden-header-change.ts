/**
 * Envoy refuses to add, set or remove a `:`-prefixed pseudo-header or `host` ("':-prefixed or
 * host headers may not be modified" / "... removed", HeaderParser::configure in
 * source/common/router/header_parser.cc, using HeaderUtility::isModifiableHeader), so a route
 * changing one would load in no caller's sidecar. The path and host have their own settings.
 */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { headerLayers } from '../layers.js';

export const forbiddenHeaderChange: Rule = {
  id: 'forbidden-header-change',
  scope: 'service',
  check({ model, report }) {
    for (const change of headerLayers(model)) {
      if (!change.name.startsWith(':') && change.name !== 'host') continue;
      report('forbidden-header-change', {
        at: refAt(change.layer, ...change.path),
        target: change.operation === 'remove' ? 'value' : 'key',
        message: `Envoy does not let a route ${change.operation} the ${change.name === 'host' ? 'host header' : `pseudo-header ${change.written}`}; the route would be refused`,
        hint: 'pseudo-headers and host are set by the request itself; change another header',
      });
    }
  },
};
