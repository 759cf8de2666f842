/**
 * The cdktf app (`cdktf synth` runs it, see cdktf.json). Synthesizes the topology file named by
 * the TOPOLOGY environment variable, else examples/hello-world/topology.yaml, into one stack
 * named after the topology.
 *
 * Bad input prints the messages alone, without a stack trace, and exits with code 2; anything
 * else is a bug and keeps its stack trace.
 */
import { App } from 'cdktf';
import { topologyApp } from '../lib/app';
import { formatIssue } from '../lib/topology/errors';

export const DEFAULT_TOPOLOGY_FILE = 'examples/hello-world/topology.yaml';
export const EXIT_BAD_INPUT = 2;

/** Runs the app; returns the process exit code. `CDKTF_OUTDIR` is set by the cdktf CLI. */
export function main(env: NodeJS.ProcessEnv = process.env, stderr: (text: string) => void = (t) => process.stderr.write(t)): number {
  const file = env.TOPOLOGY || DEFAULT_TOPOLOGY_FILE;
  const result = topologyApp(file, () => new App(env.CDKTF_OUTDIR ? { outdir: env.CDKTF_OUTDIR } : {}));
  if (!result.ok) {
    stderr(`${result.message}\n`);
    return EXIT_BAD_INPUT;
  }
  for (const warning of result.warnings) stderr(`warning: ${formatIssue(warning)}\n`);
  result.app.synth();
  return 0;
}

if (require.main === module) process.exitCode = main();
