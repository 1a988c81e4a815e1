#!/usr/bin/env node
/** The `meshc` executable. */
import { run } from './program.js';

// `meshc … | head` closes the pipe early: the reader has what it wanted, which is no crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

await run(process.argv);
