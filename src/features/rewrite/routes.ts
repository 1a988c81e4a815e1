/** Every route that writes a rewrite, with where it is written. */
import { refAt, type MeshModel, type NodeRef } from '../../dsl/model.js';
import type { RouteSpec } from '../../dsl/schema.js';
import type { RewriteSpec } from './schema.js';

export interface WrittenRewrite {
  readonly rewrite: RewriteSpec;
  readonly route: RouteSpec;
  /** The `rewrite` node. */
  readonly at: NodeRef;
}

export function writtenRewrites(model: MeshModel): WrittenRewrite[] {
  return model.services.flatMap((service) =>
    (service.spec.routes ?? []).flatMap((route, index) => (route.rewrite ? [{ rewrite: route.rewrite, route, at: refAt(service.at, 'routes', index, 'rewrite') }] : [])),
  );
}
