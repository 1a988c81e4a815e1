/** Every route that writes a rewrite, with where it is written. */
import { refAt, type MeshModel, type NodeRef } from '../../dsl/model.js';
import { allRoutes } from '../../validate/walk.js';
import type { RouteSpec } from '../../dsl/schema.js';
import type { RewriteSpec } from './schema.js';

export interface WrittenRewrite {
  readonly rewrite: RewriteSpec;
  readonly route: RouteSpec;
  /** The `rewrite` node. */
  readonly at: NodeRef;
}

export function writtenRewrites(model: MeshModel): WrittenRewrite[] {
  return [...allRoutes(model)].flatMap(({ route, at }) => (route.rewrite ? [{ rewrite: route.rewrite, route, at: refAt(at, 'rewrite') }] : []));
}
