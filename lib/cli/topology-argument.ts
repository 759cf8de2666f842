/**
 * Reading the `<topology>` argument of a command: relative to the command's working directory,
 * every issue reported at once in the format of `vault-a2a validate`, exit code 2, and the file
 * named as the user typed it.
 */
import { resolve } from 'node:path';
import { formatIssues } from '../topology/errors';
import { validateTopologyFile } from '../topology/load';
import { planObjectChecks } from '../plan/validate-plan';
import type { NormalizedTopology } from '../topology/normalized';
import { CliError, ExitCode, type CliIo } from './io';

export function loadTopologyArgument(file: string, io: CliIo): NormalizedTopology {
  const absolute = resolve(io.cwd, file);
  // The object checks too: cards and graphs read the plan, whose names must be one object each.
  const result = validateTopologyFile(absolute, { derived: planObjectChecks() });
  if (result.ok) return result.topology;
  // The loader labels issues with the path it was given; show the one the user typed.
  const label = <T extends { readonly file?: string }>(place: T): T => (place.file === absolute ? { ...place, file } : place);
  const issues = result.issues.map((issue) => ({ ...label(issue), ...(issue.related ? { related: issue.related.map(label) } : {}) }));
  throw new CliError(formatIssues(issues), ExitCode.invalidInput);
}
