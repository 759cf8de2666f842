/** The duration type of the topology schema (see schema.ts), shared by every schema module. */
import { z } from 'zod';
import { DURATION_PATTERN } from './duration';

export const Duration = z
  .union([
    z.int().describe('Seconds.'),
    z
      .string()
      .regex(DURATION_PATTERN, { error: 'must be a duration such as "90s", "15m", "1h" or "1h30m"' })
      .describe('A duration such as "90s", "15m", "1h" or "1h30m".'),
  ])
  .describe('A duration: whole seconds, or a string such as "15m".');
