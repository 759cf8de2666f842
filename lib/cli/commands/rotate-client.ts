import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../io';
import type { RegisterCommand } from './command';

/**
 * `vault-a2a rotate-client <topology> <agent>`: raises the agent's `oidc.clientGeneration` in the
 * file (comments and layout kept). Applying the synthesized stack then replaces the agent's OIDC
 * client: a new client_id and client_secret (Vault has no other way to rotate a client secret).
 */
export const registerRotateClient: RegisterCommand = (program: Command, io, setExit) => {
  program
    .command('rotate-client')
    .description("Raise an agent's oidc.clientGeneration so the next apply replaces its OIDC client (new client_id and secret).")
    .argument('<topology>', 'topology file (YAML or JSON), edited in place')
    .argument('<agent>', 'the client agent whose OIDC client to replace')
    .action(async (file: string, agent: string) => {
      // Loaded when the command runs, like every command's modules (--help stays fast).
      const { formatIssues } = await import('../../topology/errors');
      const { rotateClientText } = await import('../../topology/rotate-client');
      const absolute = resolve(io.cwd, file);
      let text: string;
      try {
        text = readFileSync(absolute, 'utf8');
      } catch (err) {
        throw new CliError(`${file}: cannot read the topology (${(err as Error).message}). Fix: give the path of a topology file.`);
      }
      const result = rotateClientText(text, file, agent);
      if (!result.ok) throw new CliError(formatIssues(result.issues), ExitCode.invalidInput);
      writeFileSync(absolute, result.text);
      io.stdout(
        [
          `${file}: agents.${agent}.oidc.clientGeneration ${result.from} -> ${result.to}`,
          'Next: synth and apply. Terraform replaces the client (and its sign-in partitions): new client_id and client_secret.',
          `Then the app behind "${agent}" reads both again from identity/oidc/client/<client> (its policy allows exactly that), and users sign in again.`,
          '',
        ].join('\n'),
      );
      setExit(ExitCode.ok);
    });
};
