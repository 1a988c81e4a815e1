#!/usr/bin/env node
/** The `meshc` executable. */
import { run } from './program.js';

run(process.argv);
