/**
 * `vault-a2a graph <topology> [--format mermaid]`: who can reach whom, as a Mermaid flowchart on
 * stdout. The renderer takes a GraphModel, so a synthesized stack can become a second input once
 * its effective-access model exists (lib/checks); until then a stack is refused with that reason.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { graphFromTopology } from '../../review/graph-model';
import { renderMermaid } from '../../review/mermaid';
import { CliError, ExitCode } from '../io';
import { loadTopologyArgument } from '../topology-argument';
import type { RegisterCommand } from './index';

export const GRAPH_FORMATS = ['mermaid'] as const;

function looksLikeStack(path: string): boolean {
  if (path.endsWith('.tf.json')) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export const registerGraph: RegisterCommand = (program, io, setExit) => {
  program
    .command('graph')
    .description('Print users, groups, client and server agents, their grants and delegations as a Mermaid flowchart.')
    .argument('<topology>', 'topology file (YAML or JSON)')
    .addOption(new Option('--format <format>', 'output format').choices(GRAPH_FORMATS).default('mermaid'))
    .action((input: string) => {
      if (looksLikeStack(resolve(io.cwd, input))) {
        throw new CliError(
          `vault-a2a graph: ${input} looks like a synthesized stack; graphs of stacks need the effective-access analysis (lib/checks), which this build does not have yet. Fix: pass the topology file the stack was synthesized from.`,
          ExitCode.invalidInput,
        );
      }
      io.stdout(renderMermaid(graphFromTopology(loadTopologyArgument(input, io))));
      setExit(ExitCode.ok);
    });
};
