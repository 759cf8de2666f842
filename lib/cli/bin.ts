#!/usr/bin/env node
import { runCli } from './program';
import { processIo } from './io';

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // An unexpected failure is a bug in vault-a2a, not in the user's input: say so briefly.
    process.stderr.write(`vault-a2a: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
