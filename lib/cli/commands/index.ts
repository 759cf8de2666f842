import type { Command } from 'commander';
import type { CliIo } from '../io';
import { registerAccess } from './access';
import { registerAdopt } from './adopt';
import { registerCards } from './cards';
import { registerCheck } from './check';
import { registerDiff } from './diff';
import { registerGraph } from './graph';
import { registerSynth } from './synth';
import { registerValidate } from './validate';

/** A command registers itself on the program and reports its exit code through `setExit`. */
export type RegisterCommand = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerValidate,
  registerSynth,
  registerAdopt,
  registerCheck,
  registerCards,
  registerGraph,
  registerAccess,
  registerDiff,
];
