/**
 * Runs the built `vault-a2a` binary (`npm test` builds dist/ first) the way a user would: a real
 * process, real exit code, real stdout/stderr.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'dist', 'lib', 'cli', 'bin.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function vaultA2a(args: readonly string[], cwd: string = ROOT): CliRun {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does) first`);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
