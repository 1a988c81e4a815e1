/** Every header change written in the mesh: defaults, each service and each of its routes. */
import type { MeshModel } from '../../dsl/model.js';
import { allRoutes } from '../../validate/walk.js';
import { writtenChanges, type WrittenChange } from './effective.js';

export type { WrittenChange } from './effective.js';

export function headerLayers(model: MeshModel): WrittenChange[] {
  const changes = model.defaults ? writtenChanges(model.defaults.at, model.defaults.value.headers) : [];
  for (const service of model.services) changes.push(...writtenChanges(service.at, service.spec.headers));
  for (const { route, at } of allRoutes(model)) changes.push(...writtenChanges(at, route.headers));
  return changes;
}
