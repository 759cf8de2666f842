import type { Command } from 'commander';
import { ExitCode } from '../io';
import type { RegisterCommand } from './command';

/** `vault-a2a validate <topology>`: every error of the file at once, on stderr. */
export const registerValidate: RegisterCommand = (program: Command, io, setExit) => {
  program
    .command('validate')
    .description('Validate a topology file; print every error with file:line:column, path and fix.')
    .argument('<topology>', 'topology file (YAML or JSON)')
    .action(async (file: string) => {
      const { validateTopologyFileAt } = await import('../../app');
      const { formatIssue } = await import('../../topology/errors');
      const result = validateTopologyFileAt(file, io.cwd);
      if (result.ok) {
        const t = result.topology;
        const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
        io.stdout(`${file}: valid topology "${t.name}" (${count(t.agents.length, 'agent')}, ${count(t.users.length, 'user')}, ${count(t.groups.length, 'group')})\n`);
        setExit(ExitCode.ok);
        return;
      }
      for (const issue of result.issues) io.stderr(`${formatIssue(issue)}\n`);
      io.stderr(`${result.issues.length} error${result.issues.length === 1 ? '' : 's'} in ${file}\n`);
      setExit(ExitCode.invalidInput);
    });
};
