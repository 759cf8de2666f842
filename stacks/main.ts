/**
 * The cdktf app (`cdktf synth` runs it, see cdktf.json). Synthesizes the topology file named by
 * the TOPOLOGY environment variable, else examples/hello-world/topology.yaml, into one stack
 * named after the topology.
 *
 * Warnings go to stderr as `vault-a2a validate` prints them and keep the exit code. Bad input
 * prints its messages (after any warnings) without a stack trace and exits with code 2; anything
 * else is a bug and keeps its stack trace.
 */
import { App } from 'cdktf';
import { topologyApp, writeWarnings } from '../lib/app';

export const DEFAULT_TOPOLOGY_FILE = 'examples/hello-world/topology.yaml';
export const EXIT_BAD_INPUT = 2;

/** Runs the app; returns the process exit code. `CDKTF_OUTDIR` is set by the cdktf CLI. */
export function main(env: NodeJS.ProcessEnv = process.env, stderr: (text: string) => void = (t) => process.stderr.write(t)): number {
  const file = env.TOPOLOGY || DEFAULT_TOPOLOGY_FILE;
  const result = topologyApp(file, () => new App(env.CDKTF_OUTDIR ? { outdir: env.CDKTF_OUTDIR } : {}));
  writeWarnings(result.warnings, stderr);
  if (!result.ok) {
    stderr(`${result.message}\n`);
    return EXIT_BAD_INPUT;
  }
  result.app.synth();
  return 0;
}

if (require.main === module) process.exitCode = main();
