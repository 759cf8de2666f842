/**
 * Reading the `<topology>` argument of a command: relative to the command's working directory,
 * every issue reported at once in the format of `vault-a2a validate`, exit code 2, and the file
 * named as the user typed it.
 */
import { validateTopologyFileAt } from '../app';
import { formatIssues } from '../topology/errors';
import { planObjectChecks } from '../plan/validate-plan';
import type { NormalizedTopology } from '../topology/normalized';
import { CliError, ExitCode, type CliIo } from './io';

export function loadTopologyArgument(file: string, io: CliIo): NormalizedTopology {
  // The object checks too: cards and graphs read the plan, whose names must be one object each.
  const result = validateTopologyFileAt(file, io.cwd, { derived: planObjectChecks() });
  if (result.ok) return result.topology;
  throw new CliError(formatIssues(result.issues), ExitCode.invalidInput);
}
