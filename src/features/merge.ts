/**
 * Explicit merges. Fragments of one value written by several features or policies are merged
 * here, and two of them writing one field is a meshc bug, never a silent last-wins: it is thrown
 * where every golden case and example would hit it.
 */
export function mergeFields<T extends object>(base: T, fragments: Iterable<readonly [owner: string, fields: object | undefined]>): T {
  const owners = new Map<string, string>();
  let value = base;
  for (const [owner, fields] of fragments) {
    if (!fields) continue;
    for (const key of Object.keys(fields)) {
      const other = owners.get(key);
      if (other !== undefined) throw new Error(`policies ${other} and ${owner} both write ${key}`);
      owners.set(key, owner);
    }
    value = { ...value, ...fields };
  }
  return value;
}
