/**
 * The cdktf app (`cdktf synth` runs it, see cdktf.json). Synthesizes the topology named by the
 * TOPOLOGY environment variable (a file, or a directory: org.yaml + teams/), else
 * examples/hello-world/topology.yaml, into `CDKTF_OUTDIR`: one stack named after the topology, or
 * an organization's shared and team stacks.
 *
 * It runs what `vault-a2a synth` runs (`synthTopologyFile`), so both write the same bytes: an
 * organization is built and synthesized one stack at a time, each in an App of its own, and
 * `manifest.json` lists every stack with its dependencies, as one App holding them all would
 * write it (cdktf's own `Manifest`). cdktf-cli reads nothing else: after the app exits it reads
 * `manifest.json` and, for each stack, the file at `synthesizedStackPath` (the metadata at
 * `stackMetadataPath` for HCL) and the `workingDirectory` (@cdktf/cli-core, synth-stack.js,
 * `readSynthesizedStacks`). Synthesis happens in a staging directory moved into `CDKTF_OUTDIR`
 * only when every stack passed, so a refused topology leaves the previous output as it was.
 *
 * Warnings go to stderr as `vault-a2a validate` prints them and keep the exit code. Bad input, or
 * a stack the least-privilege checks refuse, prints its messages (after any warnings) without a
 * stack trace and exits with code 2; anything else is a bug and keeps its stack trace.
 */
import { synthTopologyFile, writeWarnings } from '../lib/app';
import { tuneJit } from '../lib/cli/jit';

export const DEFAULT_TOPOLOGY_FILE = 'examples/hello-world/topology.yaml';
/** Where cdktf's App writes when `CDKTF_OUTDIR` is not set. */
const CDKTF_DEFAULT_OUTDIR = 'cdktf.out';
export const EXIT_BAD_INPUT = 2;

/**
 * Runs the app; returns the process exit code. cdktf-cli sets `CDKTF_OUTDIR` and
 * `SYNTH_HCL_OUTPUT` (`cdktf synth --hcl`); cdktf's App reads the context from the environment.
 */
export function main(env: NodeJS.ProcessEnv = process.env, stderr: (text: string) => void = (t) => process.stderr.write(t)): number {
  const file = env.TOPOLOGY || DEFAULT_TOPOLOGY_FILE;
  const result = synthTopologyFile(file, env.CDKTF_OUTDIR || CDKTF_DEFAULT_OUTDIR, { hcl: env.SYNTH_HCL_OUTPUT === 'true' });
  writeWarnings(result.warnings, stderr);
  if (!result.ok) {
    stderr(`${result.message}\n`);
    return EXIT_BAD_INPUT;
  }
  return 0;
}

if (require.main === module) {
  // The app is a short run like the binary's synth: the same V8 budget (lib/cli/jit.ts), so
  // `cdktf synth` spends on the app what `vault-a2a synth` spends. Not when imported (tests).
  tuneJit(process);
  process.exitCode = main();
}
