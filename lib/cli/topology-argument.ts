/**
 * Reading the `<topology>` argument of a command: relative to the command's working directory,
 * every issue reported at once in the format of `vault-a2a validate`, exit code 2, and the file
 * named as the user typed it.
 */
import { resolve } from 'node:path';
import { formatIssues } from '../topology/errors';
import { validateTopologyFile } from '../topology/load';
import type { NormalizedTopology } from '../topology/normalized';
import { CliError, ExitCode, type CliIo } from './io';

export function loadTopologyArgument(file: string, io: CliIo): NormalizedTopology {
  const absolute = resolve(io.cwd, file);
  const result = validateTopologyFile(absolute);
  if (result.ok) return result.topology;
  // The loader labels issues with the path it was given; show the one the user typed.
  const issues = result.issues.map((issue) => (issue.file === absolute ? { ...issue, file } : issue));
  throw new CliError(formatIssues(issues), ExitCode.invalidInput);
}
