import * as path from 'path';
import type { Command } from 'commander';
import { ExitCode, progressOf } from '../io';
import { addTtlOptions, ttlLimits, type TtlFlags } from '../ttl-options';
import type { RegisterCommand } from './command';

/** Where `synth` writes when `--out` is not given: the directory `cdktf synth` uses. */
export const DEFAULT_OUT = 'cdktf.out';

/**
 * `vault-a2a synth <topology> [--out <dir>] [--hcl]`: writes `<dir>/stacks/<name>/cdk.tf.json`
 * (or `cdk.tf` with --hcl), the layout `cdktf synth` uses. The topology is validated completely
 * before anything is written, and synthesis (with the least-privilege checks, under the same
 * limits `validate` takes) happens in a staging directory: an invalid or refused topology leaves
 * `<dir>` untouched. Warnings go to stderr, as `validate` prints them, whatever the outcome.
 */
export const registerSynth: RegisterCommand = (program: Command, io, setExit) => {
  addTtlOptions(
    program
      .command('synth')
      .description('Synthesize a topology into Terraform JSON (or HCL) in the cdktf.out layout.')
      .argument('<topology>', 'topology file (YAML or JSON) or directory (org.yaml + teams/)')
      .option('--out <dir>', 'output directory: writes <dir>/stacks/<name>/cdk.tf.json', DEFAULT_OUT)
      .option('--hcl', 'write HCL (cdk.tf) instead of Terraform JSON'),
  ).action(async (file: string, options: TtlFlags & { out: string; hcl?: boolean }) => {
    const limits = ttlLimits('synth', options);
    const { synthTopologyFile, writeWarnings } = await import('../../app');
    const progress = progressOf(io, 'vault-a2a synth');
    const result = synthTopologyFile(file, options.out, { hcl: options.hcl === true, cwd: io.cwd, onStep: (step) => progress.step(step), ...limits });
    progress.done();
    writeWarnings(result.warnings, io.stderr);
    if (!result.ok) {
      io.stderr(`${result.message}\n`);
      setExit(ExitCode.invalidInput);
      return;
    }
    // One line per stack written: the topology's, or an organization's shared and team stacks.
    for (const name of result.stackNames) io.stdout(`${path.join(options.out, 'stacks', name, options.hcl ? 'cdk.tf' : 'cdk.tf.json')}\n`);
    setExit(ExitCode.ok);
  });
};
