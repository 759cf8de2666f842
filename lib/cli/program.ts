/**
 * Builds the `vault-a2a` command tree. Each command lives in `commands/<name>.ts` and exports a
 * `register(program, io, setExit)` function; this file only wires them together.
 *
 * Commands load what they need (cdktf, the analysis, the renderers) when they run, so `--help`,
 * `--version`, `init` and usage errors answer at once.
 */
import { Command, CommanderError } from 'commander';
import { CliError, CliIo, ExitCode, progressOf } from './io';
import { SILENT_PROGRESS, type Progress } from './progress';
import { COMMANDS } from './commands';
import { packageVersion } from './version';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command()
    .name('vault-a2a')
    .description('Least-privilege Vault OIDC configuration for A2A agents, from one topology file.')
    .version(packageVersion(), '-V, --version', 'print the version of cdktf-vault-a2a')
    .option('-q, --quiet', 'no progress line on stderr (there is none when stderr is not a terminal or in CI)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // A usage error is one line and where to look, not the whole help.
    .showHelpAfterError("Run 'vault-a2a --help' for the commands.");
  // Progress is silenced by --quiet, known only once the arguments are parsed: decided per call.
  // A command erases its line before it prints its result; one that throws cannot: its reporters
  // are kept so that the line is erased before the error is printed.
  const reporters: Progress[] = [];
  const endProgress = (): void => reporters.splice(0).forEach((p) => p.done());
  const commandIo: CliIo = {
    ...io,
    progress: (command) => {
      const reporter = program.opts().quiet === true ? SILENT_PROGRESS : progressOf(io, command);
      reporters.push(reporter);
      return reporter;
    },
  };
  for (const register of COMMANDS) register(program, commandIo, (code) => (exitCode = code));
  for (const command of program.commands) command.showHelpAfterError(`Run 'vault-a2a ${command.name()} --help' for its usage.`);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    endProgress();
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
