import * as path from 'path';
import type { Command } from 'commander';
import { synthTopologyFile } from '../../app';
import { ExitCode } from '../io';
import type { RegisterCommand } from './command';

/**
 * `vault-a2a synth <topology> --out <dir> [--hcl]`: writes `<dir>/stacks/<name>/cdk.tf.json`
 * (or `cdk.tf` with --hcl), the layout `cdktf synth` uses. The topology is validated completely
 * before anything is written, and synthesis (with the least-privilege checks) happens in a staging
 * directory: an invalid or refused topology leaves `<dir>` untouched.
 */
export const registerSynth: RegisterCommand = (program: Command, io, setExit) => {
  program
    .command('synth')
    .description('Synthesize a topology into Terraform JSON (or HCL) in the cdktf.out layout.')
    .argument('<topology>', 'topology file (YAML or JSON)')
    .requiredOption('--out <dir>', 'output directory, e.g. cdktf.out')
    .option('--hcl', 'write HCL (cdk.tf) instead of Terraform JSON')
    .action((file: string, options: { out: string; hcl?: boolean }) => {
      const result = synthTopologyFile(file, options.out, { hcl: options.hcl === true, cwd: io.cwd });
      if (!result.ok) {
        io.stderr(`${result.message}\n`);
        setExit(ExitCode.invalidInput);
        return;
      }
      io.stdout(`${path.join(options.out, 'stacks', result.stackName, options.hcl ? 'cdk.tf' : 'cdk.tf.json')}\n`);
      setExit(ExitCode.ok);
    });
};
