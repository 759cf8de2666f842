/**
 * How eagerly V8 optimizes the CLI's code. A `vault-a2a` run is short and walks thousands of
 * blocks through many small functions once: with V8's default budget, a large part of its CPU
 * time went to the optimizing compiler (TurboFan) compiling functions that ran a few thousand
 * times and were never needed again (1,000 agents, Node 20: `check` 0.75 s of CPU by default,
 * 0.48 s with the budget below; `synth` 4.8 s and 3.5 s; `check` of 5,000 agents 2.0 s and
 * 1.65 s). A larger interrupt budget lets only code that stays hot be optimized; on long runs it
 * is optimized a little later. The library (Aspects, jest matchers) is not affected: only the
 * binary sets this.
 *
 * Called by bin.ts before any code gets hot. A user's own setting (`node --interrupt-budget=…`
 * or NODE_OPTIONS) wins.
 */
import * as v8 from 'v8';

/** V8's default (Node 20) is 66 KiB of bytecode executed in a function before it is considered for optimization. */
export const CLI_INTERRUPT_BUDGET = 1_000_000;

/** Whether the process was started with its own interrupt budget. */
export function hasOwnInterruptBudget(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((arg) => /^--interrupt[-_]budget(=|$)/.test(arg));
}

/**
 * The flag exists in the V8 of every Node release the package supports (engines: >= 20.19); an
 * unknown flag would only print a warning, so an unknown V8 is left alone.
 */
export function tuneJit(process: Pick<NodeJS.Process, 'execArgv' | 'env' | 'versions'>, setFlags: (flags: string) => void = v8.setFlagsFromString): boolean {
  const major = Number(process.versions.v8.split('.')[0]);
  if (!(major >= 11 && major <= 13)) return false;
  if (hasOwnInterruptBudget(process.execArgv, process.env.NODE_OPTIONS)) return false;
  setFlags(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
  return true;
}
