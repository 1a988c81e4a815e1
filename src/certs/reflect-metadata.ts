/**
 * The smallest Reflect metadata API that lets @peculiar/x509 load.
 *
 * Why: @peculiar/x509 registers its algorithms with tsyringe, which refuses to load unless
 * `Reflect.getMetadata` exists (it expects the `reflect-metadata` package, which meshc does not
 * depend on). At load time tsyringe only reads metadata of classes without constructor
 * parameters, so three functions over a WeakMap are enough. If a real polyfill is already
 * installed this does nothing; if one is loaded later it simply replaces these functions.
 * Replace this file with `import 'reflect-metadata'` if that package becomes a dependency.
 */
type MetadataTable = Map<unknown, unknown>;

const tables = new WeakMap<object, MetadataTable>();

function ownTable(target: object, create: boolean): MetadataTable | undefined {
  let table = tables.get(target);
  if (!table && create) {
    table = new Map();
    tables.set(target, table);
  }
  return table;
}

function getOwnMetadata(key: unknown, target: object): unknown {
  return ownTable(target, false)?.get(key);
}

function getMetadata(key: unknown, target: object): unknown {
  for (let at: object | null = target; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    const table = ownTable(at, false);
    if (table?.has(key)) return table.get(key);
  }
  return undefined;
}

function defineMetadata(key: unknown, value: unknown, target: object): void {
  ownTable(target, true)?.set(key, value);
}

function install(): void {
  if (typeof (Reflect as { getMetadata?: unknown }).getMetadata === 'function') return;
  for (const [name, value] of Object.entries({ getMetadata, getOwnMetadata, defineMetadata })) {
    Object.defineProperty(Reflect, name, { value, writable: true, configurable: true });
  }
}

install();
