/**
 * `vault-a2a diff <old> <new> [--format md|json] [--fail-on-escalation]`: who gained and who
 * lost what between two synthesized versions of a stack, classified as escalation, reduction or
 * neutral, plus the resource changes and whether each one changes access.
 * Exit 0; 1 with --fail-on-escalation when anyone gained access; 2 when an input is not a stack.
 */
import { Option } from 'commander';
import { CliError, ExitCode, progressOf } from '../io';
import type { RegisterCommand } from './command';

export const DIFF_FORMATS = ['md', 'json'] as const;

interface DiffFlags {
  readonly format: (typeof DIFF_FORMATS)[number];
  readonly failOnEscalation?: boolean;
}

export const registerDiff: RegisterCommand = (program, io, setExit) => {
  program
    .command('diff')
    .description('Compare two synthesized versions of a stack by effective access: what each principal gained or lost (escalation, reduction, neutral), and which resource changes change access.')
    .argument('<old>', 'the stack before the change: a cdk.tf.json file, a stack directory or a cdktf.out directory')
    .argument('<new>', 'the stack after the change')
    .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('md'))
    .option('--fail-on-escalation', 'exit 1 when any principal gained access')
    .action(async (oldInput: string, newInput: string, flags: DiffFlags) => {
      const { readStackArgument } = await import('../stack-argument');
      const { diffStacks, hasEscalation } = await import('../../review/stack-diff');
      const { renderDiffMarkdown } = await import('../../review/diff-markdown');
      const { stableJson } = await import('../../review/json');
      const progress = progressOf(io, 'vault-a2a diff');
      progress.step('reading the stacks');
      const before = readStackArgument(oldInput, io);
      const after = readStackArgument(newInput, io);
      const problems = [...(before.ok ? [] : before.problems), ...(after.ok ? [] : after.problems)];
      if (!before.ok || !after.ok) throw new CliError(`vault-a2a diff: cannot read the stacks:\n${problems.map((p) => `  ${p}`).join('\n')}`, ExitCode.invalidInput);
      const report = await diffStacks(before.stacks, after.stacks, { onStep: (step) => progress.step(step) });
      progress.done();
      io.stdout(flags.format === 'json' ? stableJson(report) : renderDiffMarkdown(report));
      setExit(flags.failOnEscalation && hasEscalation(report) ? ExitCode.findings : ExitCode.ok);
    });
};
