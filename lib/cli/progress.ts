/**
 * Progress for long runs: one status line on stderr naming the current step and when it started,
 * rewritten in place and erased when the command ends. Only on a terminal: nothing is written when
 * stderr is not a TTY, in CI (the `CI` environment variable, set by every CI service), or with
 * `--quiet`.
 *
 * Only long runs show it: nothing is written before the run is `PROGRESS_AFTER_MS` old, so a
 * short run (most `check`s) leaves stderr untouched instead of flashing a line. The work it
 * reports on is synchronous, so a timer could not fire during a step: the line changes at step
 * boundaries only. The first boundary past the threshold shows the step starting there, each
 * later one rewrites the line, and the time shown is when that step started (`at 4.6 s`: a
 * running clock would stand still during the step). A step that started before the threshold
 * shows nothing until the next boundary, however long it runs: a clock that ticks during
 * synchronous work would need a second thread.
 *
 * The terminal work (rewriting and erasing the line, also when it is wider than the terminal and
 * wraps onto several rows) is log-update's. It is an ES module, loaded with require() (Node
 * 20.19+), and only once a line is to be written: a short run, a run off a terminal and the
 * library's users never load it.
 */
import type { createLogUpdate } from 'log-update';

export interface Progress {
  /** The step starting now, e.g. `checking stack hello-world (12 blocks)`. */
  step(text: string): void;
  /** Erases the line, if one was written. Calling it again does nothing. */
  done(): void;
}

export const SILENT_PROGRESS: Progress = { step: () => undefined, done: () => undefined };

/** How old a run is before it shows progress: issue #11's "long runs (over about 2 s)". */
export const PROGRESS_AFTER_MS = 2000;

/** What log-update needs of a stream: a terminal's width (`columns`) and height (`rows`). */
export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number; readonly rows?: number };

export interface TerminalProgressOptions {
  /** Leads the line, e.g. `vault-a2a check`. */
  readonly command: string;
  /** A terminal: the CLI passes process.stderr after progressWanted said yes. */
  readonly stream: ProgressStream;
  /** The clock, in milliseconds (tests pass their own). */
  readonly now?: () => number;
  readonly afterMs?: number;
}

type LogUpdate = ReturnType<typeof createLogUpdate>;

export function terminalProgress({ command, stream, now = Date.now, afterMs = PROGRESS_AFTER_MS }: TerminalProgressOptions): Progress {
  const start = now();
  let line: LogUpdate | undefined;
  return {
    step(text) {
      const elapsed = now() - start;
      if (elapsed < afterMs) return;
      if (line === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { createLogUpdate } = require('log-update') as typeof import('log-update');
        // The cursor stays visible: hiding it would need a SIGINT handler to show it again, and a
        // handler in JavaScript runs only between steps, so Ctrl-C would wait for the step to end.
        line = createLogUpdate(stream, { showCursor: true });
      }
      line(`${command}: ${printable(text)} (at ${(elapsed / 1000).toFixed(1)} s)`);
    },
    done() {
      if (line === undefined) return;
      line.clear();
      line.done();
      line = undefined;
    },
  };
}

/**
 * A step names files and stacks from the input: control characters (a newline, an escape
 * sequence in a directory name) would break the line or drive the terminal, so they show as `?`.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/**
 * The progress reporters of a CLI whose stderr is `stream`: a terminal line when progressWanted
 * says so (`--quiet` is applied by the caller), otherwise silent. A terminal that does not know its
 * size (a pseudo-terminal nobody sized reports 0 × 0) is not written to either: the line would
 * wrap after every character.
 */
export function progressOn(stream: ProgressStream, env: NodeJS.ProcessEnv, clock: Pick<TerminalProgressOptions, 'now' | 'afterMs'> = {}): (command: string) => Progress {
  return (command) => {
    const sized = (stream.columns ?? 0) > 0 && (stream.rows ?? 0) > 0;
    return progressWanted(stream.isTTY === true && sized, env, false) ? terminalProgress({ command, stream, ...clock }) : SILENT_PROGRESS;
  };
}

/** Whether a process's stderr should show progress: a terminal, not CI, not `--quiet`. */
export function progressWanted(stderrIsTty: boolean, env: NodeJS.ProcessEnv, quiet: boolean): boolean {
  return stderrIsTty && !quiet && (env.CI === undefined || env.CI === '' || env.CI === 'false' || env.CI === '0');
}
