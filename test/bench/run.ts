/** `npm run bench`: every benchmark, one after the other, each in its own process. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHMARKS = ['compile.js', 'check-envoy.js', 'serve.js'];

for (const file of BENCHMARKS) {
  const path = join(here, file);
  if (!existsSync(path)) continue;
  console.log(`\n── ${file.replace(/\.js$/, '')} ${'─'.repeat(60)}`);
  const r = spawnSync(process.execPath, ['--expose-gc', path, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
