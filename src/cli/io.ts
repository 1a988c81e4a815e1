/**
 * What a CLI run talks to, so the same commands run as the `meshc` process (main.ts) or inside
 * another program (tests, tools) without touching process.stdout, process.stderr or
 * process.exitCode.
 */

/** Where text goes: process.stdout and process.stderr are ones, so is a string collector. */
export interface TextSink {
  write(text: string): unknown;
  /** Read for the help's line width, as commander does for a terminal. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * No command reads stdin or the environment, so a run has neither; paths are relative to
 * process.cwd(), where the compiler reads and writes them (it takes no base directory).
 */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /**
   * How `meshc serve` keeps running after it has started: given by main.ts only, which stops the
   * server on SIGTERM or SIGINT and then ends the process. Without it serve refuses to start
   * (after checking its arguments), since a server outliving the run would hold the caller's
   * process open and add signal listeners to it.
   */
  readonly holdOpen?: (stop: () => Promise<void>) => void;
}

/** One run: its streams and the exit code its command decided on (the last one set wins). */
export interface CliContext extends CliIo {
  exitCode: number;
}

export function createContext(io: CliIo): CliContext {
  return { ...io, exitCode: 0 };
}

/** Collects everything written, e.g. for a test or a caller that wants the output as strings. */
export interface TextCollector extends TextSink {
  readonly text: () => string;
}

export function collectText(): TextCollector {
  const chunks: string[] = [];
  return {
    write: (text: string) => chunks.push(text),
    text: () => chunks.join(''),
  };
}
