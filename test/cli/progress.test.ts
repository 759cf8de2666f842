/**
 * Progress lines (lib/cli/progress.ts): on a terminal only, never in CI or with --quiet, erased at
 * the end, and never mixed into what a command prints on stdout.
 */
import * as path from 'path';
import { runCli } from '../../lib/cli/program';
import type { CliIo } from '../../lib/cli/io';
import { progressWanted, terminalProgress } from '../../lib/cli/progress';
import { ROOT } from './run';

test('shown on a terminal only, and not in CI or with --quiet', () => {
  expect(progressWanted(true, {}, false)).toBe(true);
  expect(progressWanted(false, {}, false)).toBe(false);
  expect(progressWanted(true, { CI: 'true' }, false)).toBe(false);
  expect(progressWanted(true, { CI: '1' }, false)).toBe(false);
  expect(progressWanted(true, { CI: 'false' }, false)).toBe(true);
  expect(progressWanted(true, {}, true)).toBe(false);
});

test('each step rewrites one line with the time so far; done erases it', () => {
  let written = '';
  let now = 1000;
  const progress = terminalProgress({ command: 'vault-a2a synth', write: (t) => void (written += t), now: () => now });
  progress.step('validating t.yaml');
  now += 2500;
  progress.step('synthesizing');
  progress.done();
  expect(written).toBe('\r\x1b[2Kvault-a2a synth: validating t.yaml (0.0 s)\r\x1b[2Kvault-a2a synth: synthesizing (2.5 s)\r\x1b[2K');
});

async function synthWithProgress(extra: readonly string[], before: readonly string[] = []): Promise<{ code: number; stdout: string; stderr: string; steps: string[] }> {
  let stdout = '';
  let stderr = '';
  const steps: string[] = [];
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: ROOT,
    progress: () => ({ step: (text) => void steps.push(text), done: () => void steps.push('(done)') }),
  };
  const out = path.join(require('os').tmpdir(), `vault-a2a-progress-${process.pid}`);
  const code = await runCli([...before, 'synth', 'examples/hello-world/topology.yaml', '--out', out, ...extra], io);
  require('fs').rmSync(out, { recursive: true, force: true });
  return { code, stdout, stderr, steps };
}

test('synth reports its steps to the progress reporter, and --quiet (before or after the command) silences it', async () => {
  const shown = await synthWithProgress([]);
  expect(shown.code).toBe(0);
  expect(shown.steps).toEqual([
    'validating examples/hello-world/topology.yaml',
    'building the stack of 2 agents',
    'synthesizing, with the least-privilege checks',
    expect.stringMatching(/^writing /),
    '(done)',
  ]);
  expect(shown.stdout).not.toContain('synthesizing');
  const quiet = await synthWithProgress(['--quiet']);
  expect(quiet.code).toBe(0);
  expect(quiet.steps).toEqual([]);
  expect(quiet.stdout).toBe(shown.stdout);
  expect((await synthWithProgress([], ['--quiet'])).steps).toEqual([]);
});
