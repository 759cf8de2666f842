import { Option, type Command } from 'commander';
import { ExitCode } from '../io';
import type { RegisterCommand } from './command';

/**
 * `vault-a2a stacks <topology>`: the stacks a topology (file or directory) synthesizes into, from
 * its plan: resources, agents and signing-key clients per stack, namespaces, dependencies, where
 * each state lives, and the deploy order. Validates like `synth`, so a topology it lists is one
 * synth accepts; bad input exits 2 with every issue.
 */
export const registerStacks: RegisterCommand = (program: Command, io, setExit) => {
  program
    .command('stacks')
    .description('List the stacks a topology synthesizes into: resources, dependencies, state and deploy order.')
    .argument('<topology>', 'topology file or directory (org.yaml + teams/)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, flags: { format: 'text' | 'json' }) => {
      const { validateTopologyForSynth, writeWarnings } = await import('../../app');
      const { compile } = await import('../../plan/compile');
      const { organizationPlan } = await import('../../plan/organization');
      const review = await import('../../review/stacks');
      const result = validateTopologyForSynth(file, { cwd: io.cwd });
      writeWarnings(result.warnings, io.stderr);
      if (!result.ok) {
        const { formatIssues } = await import('../../topology/errors');
        io.stderr(`${formatIssues(result.issues)}\n`);
        setExit(ExitCode.invalidInput);
        return;
      }
      const topology = result.topology;
      const plan = compile(topology);
      const report =
        topology.organization === undefined ? review.topologyStacksReport(plan, topology.agents.length) : review.organizationStacksReport(organizationPlan(topology, plan));
      io.stdout(flags.format === 'json' ? review.renderStacksJson(report) : review.renderStacksText(report));
      setExit(ExitCode.ok);
    });
};
