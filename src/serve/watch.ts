/**
 * Watches mesh sources (files or directories, recursively) and calls back once per burst of
 * changes: editors and `git checkout` write several files, or one file several times.
 */
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export function watchPaths(paths: readonly string[], onChange: () => void, debounceMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  for (const path of paths.map((p) => resolve(p))) {
    if (existsSync(path) && statSync(path).isDirectory()) {
      watchers.push(watch(path, { recursive: true }, fire));
    } else {
      // A file is often replaced by a rename, which a watch on the file itself would lose.
      const name = basename(path);
      watchers.push(watch(dirname(path), (_event, changed) => (changed === null || changed === name ? fire() : undefined)));
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
