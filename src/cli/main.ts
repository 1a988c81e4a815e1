#!/usr/bin/env node
/** The `meshc` executable: runCli on the process's streams, its result as the exit code. */
import { EXIT } from './exit-codes.js';
import { runCli } from './program.js';
import type { TextSink } from './io.js';

let readerGone = false;

// `meshc … | head` closes the pipe early: the reader has what it wanted, which is no crash.
// Later writes are dropped and the command still ends with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
}

function sink(stream: NodeJS.WriteStream): TextSink {
  return {
    write: (text: string) => readerGone || stream.write(text),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}

/** Stops the server on SIGTERM or SIGINT, then ends the process (gRPC keeps it alive otherwise). */
function stopOnSignal(stop: () => Promise<void>): void {
  const end = () => void stop().then(() => process.exit(EXIT.ok));
  process.once('SIGTERM', end);
  process.once('SIGINT', end);
}

// Set, not process.exit: output still being flushed to a pipe is not cut off.
process.exitCode = await runCli(process.argv, { stdout: sink(process.stdout), stderr: sink(process.stderr), holdOpen: stopOnSignal });
