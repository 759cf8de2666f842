/**
 * Builds the `vault-a2a` command tree. Each command lives in `commands/<name>.ts` and exports a
 * `register(program, io, setExit)` function; this file only wires them together.
 */
import { Command, CommanderError } from 'commander';
import { CliError, CliIo, ExitCode } from './io';
import { COMMANDS } from './commands';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command()
    .name('vault-a2a')
    .description('Least-privilege Vault OIDC configuration for A2A agents, from one topology file.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  for (const register of COMMANDS) register(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.invalidInput;
    }
    if (err instanceof CliError) {
      io.stderr(err.message.endsWith('\n') ? err.message : `${err.message}\n`);
      return err.code;
    }
    throw err;
  }
  return exitCode;
}
