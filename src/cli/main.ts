#!/usr/bin/env node
/** The `meshc` executable. */
import { run } from './program.js';

await run(process.argv);
