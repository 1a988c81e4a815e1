/** For meta checks of invariant tables: whether the API has a field. */
import { envoySchema } from '../../../src/check/index.js';

export function schemaHas(type: string, field: string): boolean {
  return envoySchema().message(type)?.byKey.has(field) === true;
}
