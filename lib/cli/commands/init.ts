/**
 * `vault-a2a init [file] [--force]`: writes a commented starter topology (default
 * `topology.yaml`) that validates and synthesizes as written. An existing file is kept unless
 * `--force` is given.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { CliError, ExitCode } from '../io';
import { starterTopology } from '../starter-topology';
import { topologySchemaFile } from '../version';
import type { RegisterCommand } from './command';

export const DEFAULT_TOPOLOGY = 'topology.yaml';

export const registerInit: RegisterCommand = (program, io, setExit) => {
  program
    .command('init')
    .description('Write a commented starter topology to edit: a server agent, a client agent people sign in to, a headless agent.')
    .argument('[file]', 'where to write it', DEFAULT_TOPOLOGY)
    .option('--force', 'overwrite the file if it exists')
    .action((file: string, options: { force?: boolean }) => {
      const target = resolve(io.cwd, file);
      if (existsSync(target) && !options.force) {
        throw new CliError(`vault-a2a init: ${file} already exists; nothing written. Fix: pass --force to overwrite it, or name another file.`, ExitCode.invalidInput);
      }
      // The editor finds the schema of the installed package, relative to the file.
      const schema = relative(dirname(target), topologySchemaFile()).split(sep).join('/');
      try {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, starterTopology(schema));
      } catch (err) {
        throw new CliError(`vault-a2a init: cannot write ${file}: ${(err as Error).message}`, ExitCode.invalidInput);
      }
      io.stdout(`wrote ${file}. Next: vault-a2a validate ${file} && vault-a2a synth ${file}\n`);
      setExit(ExitCode.ok);
    });
};
