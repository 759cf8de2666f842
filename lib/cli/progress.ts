/**
 * Progress for long runs: one line on stderr naming the current step and the time so far,
 * rewritten in place and erased when the command ends. Only on a terminal: nothing is written when
 * stderr is not a TTY, in CI (the `CI` environment variable, set by every CI service), or with
 * `--quiet`. The work it reports on is synchronous (a timer could not fire during it), so a step is
 * shown when it starts and the line changes between steps; a run of a second or two shows a line
 * that is gone when it ends.
 */
export interface Progress {
  /** The step starting now, e.g. `checking 5,000 agents' access`. */
  step(text: string): void;
  /** Erases the line, if one was written. */
  done(): void;
}

export const SILENT_PROGRESS: Progress = { step: () => undefined, done: () => undefined };

export interface TerminalProgressOptions {
  readonly command: string;
  readonly write: (text: string) => void;
  readonly now?: () => number;
}

export function terminalProgress({ command, write, now = Date.now }: TerminalProgressOptions): Progress {
  const start = now();
  let shown = false;
  return {
    step(text) {
      const elapsed = now() - start;
      write(`\r\x1b[2K${command}: ${text} (${(elapsed / 1000).toFixed(1)} s)`);
      shown = true;
    },
    done() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** Whether a process's stderr should show progress: a terminal, not CI, not `--quiet`. */
export function progressWanted(stderrIsTty: boolean, env: NodeJS.ProcessEnv, quiet: boolean): boolean {
  return stderrIsTty && !quiet && (env.CI === undefined || env.CI === '' || env.CI === 'false' || env.CI === '0');
}
