/**
 * The real promtool (Debian package `prometheus`, installed by .ci/run). Tests that need it
 * skip with a printed reason when it is absent.
 */
import { spawnSync } from 'node:child_process';

export const PROMTOOL = 'promtool';

export function promtoolMissing(): string | false {
  const probe = spawnSync(PROMTOOL, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const reason = 'promtool is not installed (Debian package `prometheus`; .ci/run installs it)';
    process.stdout.write(`# skipping: ${reason}\n`);
    return reason;
  }
  return false;
}

export function promtool(args: readonly string[], cwd?: string): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8', ...(cwd ? { cwd } : {}) });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
