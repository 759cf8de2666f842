/**
 * The cdktf app (`cdktf synth` runs it, see cdktf.json). Synthesizes the topology file named by
 * the TOPOLOGY environment variable, else examples/hello-world/topology.yaml, into one stack
 * named after the topology.
 *
 * Bad input (an invalid topology, or one that renders unsafe Vault configuration) prints the
 * message alone, without a stack trace, and exits with code 2; anything else is a bug and keeps
 * its stack trace.
 */
import { App } from 'cdktf';
import { AgentTopologyStack, InvalidPropsError, PolicyDocumentError } from '../lib/constructs';
import { loadTopologyFile } from '../lib/topology/load';
import { TopologyValidationError } from '../lib/topology/errors';

export const DEFAULT_TOPOLOGY_FILE = 'examples/hello-world/topology.yaml';
export const EXIT_BAD_INPUT = 2;

/** Loads `file` and adds its stack to `app`. Throws for bad input (see `main`). */
export function addTopologyStack(app: App, file: string): AgentTopologyStack {
  const topology = loadTopologyFile(file);
  return new AgentTopologyStack(app, topology.name, { topology });
}

/** Runs the app; returns the process exit code. `CDKTF_OUTDIR` is set by the cdktf CLI. */
export function main(env: NodeJS.ProcessEnv = process.env, stderr: (text: string) => void = (t) => process.stderr.write(t)): number {
  const file = env.TOPOLOGY || DEFAULT_TOPOLOGY_FILE;
  const app = new App(env.CDKTF_OUTDIR ? { outdir: env.CDKTF_OUTDIR } : {});
  try {
    addTopologyStack(app, file);
  } catch (err) {
    if (err instanceof TopologyValidationError) {
      stderr(`${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (err instanceof InvalidPropsError || err instanceof PolicyDocumentError) {
      stderr(`${file}: the topology renders unsafe or invalid Vault configuration:\n${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }
  app.synth();
  return 0;
}

if (require.main === module) process.exitCode = main();
