import { registerAccess } from './access';
import type { RegisterCommand } from './command';
import { registerAdopt } from './adopt';
import { registerCards } from './cards';
import { registerCheck } from './check';
import { registerDiff } from './diff';
import { registerGraph } from './graph';
import { registerInit } from './init';
import { registerStacks } from './stacks';
import { registerRotateClient } from './rotate-client';
import { registerSynth } from './synth';
import { registerValidate } from './validate';

export type { RegisterCommand } from './command';

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerInit,
  registerValidate,
  registerSynth,
  registerStacks,
  registerAdopt,
  registerRotateClient,
  registerCheck,
  registerCards,
  registerGraph,
  registerAccess,
  registerDiff,
];
