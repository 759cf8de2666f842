/**
 * What a command may touch: its output streams and the working directory. Commands take a CliIo
 * instead of reaching for `process` so tests can run them in-process and read what they printed.
 */
import { progressOn, SILENT_PROGRESS, type Progress } from './progress';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /**
   * Progress of a long run on stderr (progress.ts); absent: silent. The CLI passes commands one
   * that is silent with `--quiet`.
   */
  readonly progress?: (command: string) => Progress;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  progress: progressOn(process.stderr, process.env),
};

/** The progress reporter `io` gives for `command`, or a silent one. */
export function progressOf(io: CliIo, command: string): Progress {
  return io.progress?.(command) ?? SILENT_PROGRESS;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** `check` found an unsuppressed error; `diff --fail-on-escalation` found an escalation. */
  findings: 1,
  /** Invalid input (topology, stack file) or bad usage. */
  invalidInput: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Thrown by a command for an expected failure (bad input, unreadable file). The CLI prints the
 * message, without a stack trace, and exits with `code`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode = ExitCode.invalidInput,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
