/**
 * Running meshc in tests: `meshcInProcess` runs the CLI's commands inside the test process (as
 * fast as a function call); `meshc` spawns the built executable, for what only the real process
 * shows (the bin, signals, pipes, the process's exit code).
 */
import { spawnSync } from 'node:child_process';
import { runCli } from '../../src/cli/program.js';
import { collectText } from '../../src/cli/io.js';
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

let queue: Promise<unknown> = Promise.resolve();

/**
 * `meshc <args>` run in this process, in `cwd` as the executable would be. The library reads
 * paths relative to process.cwd(), so the run changes directory and changes back; runs are queued
 * one after another so that no two share the process's directory.
 */
export function meshcInProcess(args: readonly string[], cwd: string = REPO_ROOT): Promise<CliRun & { readonly status: number }> {
  const run = queue.then(() => inDirectory(cwd, () => runCollected(args)));
  queue = run.catch(() => undefined);
  return run;
}

async function runCollected(args: readonly string[]): Promise<CliRun & { readonly status: number }> {
  const stdout = collectText();
  const stderr = collectText();
  const status = await runCli(['node', 'meshc', ...args], { stdout, stderr });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

async function inDirectory<T>(cwd: string, work: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await work();
  } finally {
    process.chdir(before);
  }
}
