import type { Command } from 'commander';
import { validateTopologyFile } from '../../topology/load';
import { formatIssue, formatWarning } from '../../topology/errors';
import { ExitCode } from '../io';
import type { RegisterCommand } from './command';

/**
 * `vault-a2a validate <topology>`: every error of the file at once, on stderr (exit 2); for a
 * valid file, its warnings on stderr (exit 0: a warning is advice, never a refusal).
 */
export const registerValidate: RegisterCommand = (program: Command, io, setExit) => {
  program
    .command('validate')
    .description('Validate a topology file; print every error with file:line:column, path and fix.')
    .argument('<topology>', 'topology file (YAML or JSON)')
    .action((file: string) => {
      const result = validateTopologyFile(file);
      if (result.ok) {
        const t = result.topology;
        const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
        for (const warning of result.warnings) io.stderr(`${formatWarning(warning)}\n`);
        const warned = result.warnings.length > 0 ? `, ${count(result.warnings.length, 'warning')}` : '';
        io.stdout(`${file}: valid topology "${t.name}" (${count(t.agents.length, 'agent')}, ${count(t.users.length, 'user')}, ${count(t.groups.length, 'group')}${warned})\n`);
        setExit(ExitCode.ok);
        return;
      }
      for (const issue of result.issues) io.stderr(`${formatIssue(issue)}\n`);
      io.stderr(`${result.issues.length} error${result.issues.length === 1 ? '' : 's'} in ${file}\n`);
      setExit(ExitCode.invalidInput);
    });
};
