/**
 * Runs `vault-a2a` the way a user would, either in this process (`vaultA2a`: the same command tree
 * through `runCli`, with its own working directory and captured output; no node start-up or
 * module loading per call) or as the built binary (`vaultA2aBinary`: a real process with a real
 * exit code, for what only a process shows: the shebang, exit codes set on `process`, no stack
 * traces on stderr). `npm test` builds dist/ first.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { CliIo } from '../../lib/cli/io';
import { runCli } from '../../lib/cli/program';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'dist', 'lib', 'cli', 'bin.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `vault-a2a <args>` in-process, in `cwd`. An exception is reported as bin.ts reports it (exit 70,
 * `vault-a2a: internal error: …`), so a crash is an outcome a test can see, not a thrown error that
 * `test.failing` would count as the expected failure.
 */
export async function vaultA2a(args: readonly string[], cwd: string = ROOT): Promise<CliRun & { readonly code: number }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  try {
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  } catch (err) {
    return { code: 70, stdout, stderr: `${stderr}vault-a2a: internal error: ${err instanceof Error ? err.message : String(err)}\n` };
  }
}

/** `vault-a2a <args>` as the built binary, in its own process. */
export function vaultA2aBinary(args: readonly string[], cwd: string = ROOT, env: NodeJS.ProcessEnv = process.env): CliRun {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does) first`);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
