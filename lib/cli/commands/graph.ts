/**
 * `vault-a2a graph <topology | stack> [--format mermaid]`: who can reach whom, as a Mermaid
 * flowchart on stdout. A topology is drawn from its compiled plan; a synthesized stack (a
 * directory, or a `*.tf.json` file) from the effective access lib/analysis computes for it, so
 * the picture of a hand-edited or third-party stack shows what Vault would really allow.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option } from 'commander';
import type { GraphModel } from '../../review/graph-model';
import { CliError, ExitCode, type CliIo } from '../io';
import type { RegisterCommand } from './command';

export const GRAPH_FORMATS = ['mermaid'] as const;

/** Stacks are what `synth`/`cdktf synth` write: directories and `*.tf.json` files. Anything else is a topology. */
export function isStackInput(path: string): boolean {
  if (path.endsWith('.tf.json') || path.endsWith('.plan.json')) return true;
  try {
    // A topology directory (org.yaml + teams/) is a topology. Loaded here, not at the top: the
    // topology's schema (zod, yaml) would otherwise load with every command of the CLI.
    if (!statSync(path).isDirectory()) return false;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ORGANIZATION_FILES } = require('../../topology/directory') as typeof import('../../topology/directory');
    return !ORGANIZATION_FILES.some((f) => existsSync(join(path, f)));
  } catch {
    return false;
  }
}

async function stackGraph(input: string, io: CliIo): Promise<GraphModel> {
  const { loadStacks, StackLoadError } = await import('../../analysis/load');
  const { analyzeStacks } = await import('../../checks/check');
  const { graphFromStack } = await import('../../review/graph-from-stack');
  let stacks: ReturnType<typeof loadStacks>;
  try {
    stacks = loadStacks([input], io.cwd);
  } catch (err) {
    if (!(err instanceof StackLoadError)) throw err;
    throw new CliError(`vault-a2a graph: cannot read the stack:\n${err.problems.map((p) => `  ${p}`).join('\n')}`, ExitCode.invalidInput);
  }
  // Several stacks (an organization's cdktf.out): read together, then one graph of them all.
  const { mergeGraphs } = await import('../../review/graph-model');
  const { readOrganizationsTogether } = await import('../../analysis/organization-stacks');
  const together = readOrganizationsTogether(stacks);
  // Stacks of one organization (`<org>`, `<org>.<team>…`) are one picture; unrelated stacks are not.
  const org = stacks.find((s) => !s.name.includes('.'))?.name;
  if (stacks.length !== 1 && (org === undefined || !stacks.every((s) => s.name === org || s.name.startsWith(`${org}.`)))) {
    throw new CliError(
      `vault-a2a graph: ${input} holds ${stacks.length} stacks (${stacks.map((s) => s.name).join(', ')}). Fix: pass one stack directory or its cdk.tf.json, or the cdktf.out of one organization.`,
      ExitCode.invalidInput,
    );
  }
  const graphs: GraphModel[] = [];
  for (const stack of together) {
    const [analysis] = await analyzeStacks(stack);
    const { graph, unmapped } = graphFromStack(analysis!);
    for (const note of unmapped) io.stderr(`vault-a2a graph: not drawn${together.length > 1 ? ` (${stack.name})` : ''}: ${note}\n`);
    graphs.push(graph);
  }
  return graphs.length === 1 ? graphs[0]! : mergeGraphs(graphs);
}

async function topologyGraph(input: string, io: CliIo): Promise<GraphModel> {
  const { loadTopologyArgument } = await import('../topology-argument');
  const { graphFromTopology } = await import('../../review/graph-model');
  return graphFromTopology(loadTopologyArgument(input, io));
}

export const registerGraph: RegisterCommand = (program, io, setExit) => {
  program
    .command('graph')
    .description('Print users, groups, client and server agents, their grants and delegations as a Mermaid flowchart.')
    .argument('<topology|stack>', 'topology file (YAML or JSON), or a synthesized stack (directory or *.tf.json)')
    .addOption(new Option('--format <format>', 'output format').choices(GRAPH_FORMATS).default('mermaid'))
    .action(async (input: string) => {
      const { renderMermaid } = await import('../../review/mermaid');
      const graph = isStackInput(resolve(io.cwd, input)) ? await stackGraph(input, io) : await topologyGraph(input, io);
      io.stdout(renderMermaid(graph));
      setExit(ExitCode.ok);
    });
};
