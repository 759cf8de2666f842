/**
 * How eagerly V8 optimizes the CLI's code. A `vault-a2a` run is short and walks thousands of
 * blocks through many small functions once: with V8's default budget, a large part of its CPU
 * time went to the optimizing compiler (TurboFan) compiling functions that ran a few thousand
 * times and were never needed again (1,000 agents, Node 20, CPU time: `check` 0.72 s with V8's
 * default budget, 0.44 s with the one below; `synth` 4.0 s and 3.4 s; `check` of 5,000 agents
 * 1.9 s and 1.6 s). A larger interrupt budget lets only code that stays hot be optimized; on
 * long runs it is optimized a little later. The library (Aspects, jest matchers) is not affected: only the
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
