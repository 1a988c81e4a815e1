/** Runs the built CLI as a user would: a child process, its exit code and its output. */
import { spawnSync } from 'node:child_process';
import { CLI, REPO_ROOT } from './paths.js';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function meshc(args: readonly string[], cwd: string = REPO_ROOT): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
