/**
 * `vault-a2a access <stack> [--format md|json]`: what every agent, user and group of a
 * synthesized stack can do in Vault, and what grants it, from the effective access lib/analysis
 * computes. Markdown (default) for a pull-request comment, JSON for tools. Several stacks (a
 * cdktf.out directory) give one section each. Exit 0, or 2 when the input is not a stack.
 */
import { Option } from 'commander';
import { CliError, ExitCode, progressOf } from '../io';
import type { RegisterCommand } from './command';

export const ACCESS_FORMATS = ['md', 'json'] as const;

export const registerAccess: RegisterCommand = (program, io, setExit) => {
  program
    .command('access')
    .description('Print what each agent, user and group of a synthesized stack can do in Vault (paths, client credentials, identity tokens, scopes, delegation) and what grants it.')
    .argument('<stack>', 'a cdk.tf.json file, a stack directory or a cdktf.out directory')
    .addOption(new Option('--format <format>', 'output format').choices(ACCESS_FORMATS).default('md'))
    .action(async (input: string, flags: { format: (typeof ACCESS_FORMATS)[number] }) => {
      const { readStackArgument } = await import('../stack-argument');
      const { stackAccess } = await import('../../analysis/analyze');
      const { accessReport } = await import('../../review/access-report');
      const { renderAccessMarkdown } = await import('../../review/access-markdown');
      const { stableJson } = await import('../../review/json');
      const progress = progressOf(io, 'vault-a2a access');
      progress.step(`reading ${input}`);
      const read = readStackArgument(input, io);
      if (!read.ok) throw new CliError(`vault-a2a access: cannot read the stack:\n${read.problems.map((p) => `  ${p}`).join('\n')}`, ExitCode.invalidInput);
      const reports = [];
      // An organization's stacks of one namespace are read together: who signs in where across them.
      const { readOrganizationsTogether } = await import('../../analysis/organization-stacks');
      for (const stack of readOrganizationsTogether(read.stacks)) {
        progress.step(`analysing stack ${stack.name} (${stack.blocks.size} blocks)`);
        reports.push(accessReport(await stackAccess(stack)));
      }
      progress.done();
      io.stdout(flags.format === 'json' ? stableJson({ stacks: reports }) : renderAccessMarkdown(reports));
      setExit(ExitCode.ok);
    });
};
