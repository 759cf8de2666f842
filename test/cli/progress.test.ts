/**
 * Progress lines (lib/cli/progress.ts): on a terminal only, never in CI or with --quiet, only for
 * long runs, erased at the end (also when wider than the terminal), and never mixed into what a
 * command prints on stdout. What reaches the terminal is replayed in a real terminal emulator
 * (xterm.js, headless) with a tty's newline handling: what the screen shows is the test's oracle,
 * not the escape sequences log-update chooses.
 */
import * as path from 'path';
import { Writable } from 'stream';
import { Terminal } from '@xterm/headless';
import { runCli } from '../../lib/cli/program';
import type { CliIo } from '../../lib/cli/io';
import { PROGRESS_AFTER_MS, progressOn, progressWanted, terminalProgress } from '../../lib/cli/progress';
import { ROOT } from './run';

/** A terminal's stderr as log-update sees it: a TTY of `columns` × `rows` that records the bytes. */
class FakeTty extends Writable {
  written = '';
  constructor(
    readonly columns: number,
    readonly rows: number,
    readonly isTTY = true,
  ) {
    super({ decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.written += chunk.toString();
    callback();
  }
}

interface Screen {
  /** Every line, the scrolled-off ones first, without trailing blanks or blank lines at the end. */
  readonly lines: string[];
  /** The cursor: absolute row (counting scrolled-off lines) and column. */
  readonly cursor: readonly [number, number];
}

/** What a terminal of `columns` × `rows` shows after `before` (a shell's output) and then `bytes`. */
function screenAfter(columns: number, rows: number, before: string, bytes: string): Promise<Screen> {
  // convertEol: a tty turns "\n" into "\r\n" (onlcr) on its way to the terminal.
  const terminal = new Terminal({ cols: columns, rows, convertEol: true, allowProposedApi: true, scrollback: 100 });
  return new Promise((resolve) => {
    terminal.write(before + bytes, () => {
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)!.translateToString(true));
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      resolve({ lines, cursor: [buffer.baseY + buffer.cursorY, buffer.cursorX] });
      terminal.dispose();
    });
  });
}

/** A clock the test moves: `at(ms)` sets the time the next call reads. */
function clock(): { now: () => number; at: (ms: number) => void } {
  let t = 0;
  return { now: () => t, at: (ms) => void (t = ms) };
}

const PROMPT = '$ vault-a2a check cdktf.out\n';

test('shown on a terminal only, and not in CI or with --quiet', () => {
  expect(progressWanted(true, {}, false)).toBe(true);
  expect(progressWanted(false, {}, false)).toBe(false);
  expect(progressWanted(true, { CI: 'true' }, false)).toBe(false);
  expect(progressWanted(true, { CI: '1' }, false)).toBe(false);
  expect(progressWanted(true, { CI: 'false' }, false)).toBe(true);
  expect(progressWanted(true, { CI: '0' }, false)).toBe(true);
  expect(progressWanted(true, { CI: '' }, false)).toBe(true);
  expect(progressWanted(true, {}, true)).toBe(false);
});

test('a run that ends before the threshold writes nothing', () => {
  const tty = new FakeTty(80, 24);
  const time = clock();
  const progress = terminalProgress({ command: 'vault-a2a check', stream: tty, now: time.now });
  progress.step('reading the stacks');
  time.at(PROGRESS_AFTER_MS - 1);
  progress.step('checking stack hello-world (12 blocks)');
  progress.done();
  expect(tty.written).toBe('');
});

test('a long run shows the step that starts past the threshold and when it started, rewrites it per step, and erases it', async () => {
  const tty = new FakeTty(80, 24);
  const time = clock();
  const progress = terminalProgress({ command: 'vault-a2a check', stream: tty, now: time.now });
  progress.step('reading the stacks');
  time.at(2500);
  progress.step('checking stack a (12 blocks)');
  expect(await screenAfter(80, 24, PROMPT, tty.written)).toEqual({ lines: ['$ vault-a2a check cdktf.out', 'vault-a2a check: checking stack a (12 blocks) (at 2.5 s)'], cursor: [2, 0] });
  time.at(4000);
  progress.step('checking stack b (3 blocks)');
  expect((await screenAfter(80, 24, PROMPT, tty.written)).lines).toEqual(['$ vault-a2a check cdktf.out', 'vault-a2a check: checking stack b (3 blocks) (at 4.0 s)']);
  progress.done();
  // As before the run: the prompt, and the cursor where the command's output goes.
  expect(await screenAfter(80, 24, PROMPT, tty.written)).toEqual({ lines: ['$ vault-a2a check cdktf.out'], cursor: [1, 0] });
  progress.done();
  expect(await screenAfter(80, 24, PROMPT, tty.written)).toEqual({ lines: ['$ vault-a2a check cdktf.out'], cursor: [1, 0] });
});

test.each([
  ['with room below', 0],
  // The shell's output fills the screen: the line starts on the last row, and writing it scrolls.
  ['on the last row', 7],
])('a line wider than the terminal wraps, and is rewritten and erased on every row (%s)', async (_, history) => {
  const [columns, rows] = [30, 8];
  const before = Array.from({ length: history }, (_, i) => `earlier output ${i}\n`).join('') + PROMPT;
  const beforeLines = before.split('\n').slice(0, -1);
  const tty = new FakeTty(columns, rows);
  const time = clock();
  const progress = terminalProgress({ command: 'vault-a2a synth', stream: tty, now: time.now, afterMs: 0 });
  const wide = `validating ${'teams/'.repeat(12)}topology.yaml`;
  progress.step(wide);
  const shown = await screenAfter(columns, rows, before, tty.written);
  expect(shown.lines.slice(0, beforeLines.length)).toEqual(beforeLines);
  // Five rows of 30 columns (a space the line wrote stays in the row's text).
  expect(shown.lines.slice(beforeLines.length)).toHaveLength(5);
  expect(shown.lines.slice(beforeLines.length).join('')).toBe(`vault-a2a synth: ${wide} (at 0.0 s)`);
  time.at(1000);
  progress.step('synthesizing');
  expect((await screenAfter(columns, rows, before, tty.written)).lines.slice(beforeLines.length)).toEqual(['vault-a2a synth: synthesizing ', '(at 1.0 s)']);
  time.at(1500);
  progress.step(wide);
  progress.done();
  expect(await screenAfter(columns, rows, before, tty.written)).toEqual({ lines: beforeLines, cursor: [beforeLines.length, 0] });
});

test('control characters of a step (from file and stack names) are not sent to the terminal', () => {
  const tty = new FakeTty(80, 24);
  const progress = terminalProgress({ command: 'vault-a2a access', stream: tty, afterMs: 0 });
  progress.step('reading a\x1b]0;owned\x07b\nc');
  progress.done();
  expect(tty.written).toContain('reading a?]0;owned?b?c');
  expect(tty.written).not.toContain('\x1b]');
});

describe('the CLI', () => {
  const stack = 'test/checks/fixtures/synth/stacks/hello-world/cdk.tf.json';

  /** `vault-a2a <args>` with its stderr on `tty` (progress past `afterMs`), its stdout captured. */
  async function run(args: readonly string[], tty: FakeTty, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
    let stdout = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void tty.write(t), cwd: ROOT, progress: progressOn(tty, env, { afterMs: 0 }) };
    return { code: await runCli(args, io), stdout };
  }

  test('on a terminal, check shows its steps and leaves only its output; in CI, off a terminal, on one of unknown size or with --quiet it writes nothing to stderr', async () => {
    const shown = new FakeTty(80, 24);
    const result = await run(['check', stack], shown, {});
    expect(shown.written).toContain('vault-a2a check: checking stack hello-world (');
    expect(await screenAfter(80, 24, PROMPT, shown.written)).toEqual({ lines: ['$ vault-a2a check cdktf.out'], cursor: [1, 0] });
    for (const [args, tty, env] of [
      [['check', stack], new FakeTty(80, 24), { CI: 'true' }],
      [['check', stack], new FakeTty(80, 24, false), {}],
      [['check', stack], new FakeTty(0, 0), {}],
      [['--quiet', 'check', stack], new FakeTty(80, 24), {}],
      [['check', '-q', stack], new FakeTty(80, 24), {}],
    ] as const) {
      expect(await run(args, tty, env)).toEqual(result);
      expect(tty.written).toBe('');
    }
  });

  test('a command that fails has its line erased before the error is printed', async () => {
    const tty = new FakeTty(80, 24);
    const result = await run(['check', 'no/such/stack'], tty, {});
    expect(result).toEqual({ code: 2, stdout: '' });
    expect(tty.written).toContain('vault-a2a check: reading the stacks');
    const screen = await screenAfter(80, 24, PROMPT, tty.written);
    expect(screen.lines[0]).toBe('$ vault-a2a check cdktf.out');
    expect(screen.lines[1]).toBe('vault-a2a check: cannot run:');
    expect(screen.lines.join('\n')).not.toContain('reading the stacks');
  });
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
