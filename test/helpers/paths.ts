/** Paths of the repository, whether tests run from the compiled dist/ tree or not. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('/dist')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}
