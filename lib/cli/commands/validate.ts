import type { Command } from 'commander';
import { ExitCode } from '../io';
import { addTtlOptions, ttlLimits, type TtlFlags } from '../ttl-options';
import type { RegisterCommand } from './command';

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * `vault-a2a validate <topology>`: every error of the file at once, on stderr (exit 2). It
 * accepts a topology exactly when `synth` (with the same limits) would synthesize it: the
 * synth-time checks run too, in memory. Warnings go to stderr first, as `synth` prints them, and
 * never change the exit code: a warning is advice, never a refusal.
 */
export const registerValidate: RegisterCommand = (program: Command, io, setExit) => {
  addTtlOptions(
    program
      .command('validate')
      .description('Validate a topology file; print every error with file:line:column, path and fix. Accepts exactly what synth synthesizes.')
      .argument('<topology>', 'topology file (YAML or JSON)'),
  ).action(async (file: string, flags: TtlFlags) => {
    const limits = ttlLimits('validate', flags);
    const { validateTopology, writeWarnings } = await import('../../app');
    const { formatIssue } = await import('../../topology/errors');
    const result = validateTopology(file, { ...limits, cwd: io.cwd });
    writeWarnings(result.warnings, io.stderr);
    if (result.ok) {
      const t = result.topology;
      const warned = result.warnings.length > 0 ? `, ${plural(result.warnings.length, 'warning')}` : '';
      io.stdout(`${file}: valid topology "${t.name}" (${plural(t.agents.length, 'agent')}, ${plural(t.users.length, 'user')}, ${plural(t.groups.length, 'group')}${t.externalGroups ? `, ${plural(t.externalGroups.length, 'external group')}` : ''}${warned})\n`);
      setExit(ExitCode.ok);
      return;
    }
    for (const issue of result.issues) io.stderr(`${formatIssue(issue)}\n`);
    io.stderr(`${plural(result.issues.length, 'error')} in ${file}\n`);
    setExit(ExitCode.invalidInput);
  });
};
