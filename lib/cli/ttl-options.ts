/**
 * `--max-access-ttl` and `--max-login-ttl`: the token ceilings of the least-privilege checks.
 * `validate`, `synth` and `check` take the same two options with the same defaults, so a topology
 * is judged by one limit wherever it is judged.
 */
import type { Command } from 'commander';
import { parseTtlOption } from '../analysis/ttl';
import type { TopologyLimits } from '../app';
import { CliError, ExitCode } from './io';

export interface TtlFlags {
  readonly maxAccessTtl: string;
  readonly maxLoginTtl: string;
}

export function addTtlOptions(command: Command): Command {
  return command
    .option('--max-access-ttl <duration>', 'ceiling for ID-, access- and identity-token TTLs', '30m')
    .option('--max-login-ttl <duration>', 'ceiling for Vault login-token TTLs', '1h');
}

/** The limits in seconds; a CliError (exit 2) naming every bad value. */
export function ttlLimits(command: string, flags: TtlFlags): Required<TopologyLimits> {
  const problems: string[] = [];
  const parse = (value: string, option: string): number => {
    const seconds = parseTtlOption(value);
    if (seconds === undefined) problems.push(`${option}: "${value}" is not a duration such as 30m, 1h or 900`);
    return seconds ?? 0;
  };
  const limits = { maxAccessTtlSeconds: parse(flags.maxAccessTtl, '--max-access-ttl'), maxLoginTtlSeconds: parse(flags.maxLoginTtl, '--max-login-ttl') };
  if (problems.length > 0) throw new CliError(`vault-a2a ${command}: cannot run:\n${problems.map((p) => `  ${p}`).join('\n')}`, ExitCode.invalidInput);
  return limits;
}
