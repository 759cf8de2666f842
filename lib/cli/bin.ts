#!/usr/bin/env node
import { runCli } from './program';
import { processIo } from './io';
import { tuneJit } from './jit';

tuneJit(process);

// `vault-a2a access cdktf.out | head`: the reader went away, which is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

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
