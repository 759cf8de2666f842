/**
 * `vault-a2a check <file-or-dir>...`: least-privilege checks over synthesized stacks.
 * Exit 0: no unsuppressed error; 1: at least one; 2: unreadable input or bad usage.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Option } from 'commander';
import { analyzeStacks, hasBlockingFindings, type CheckOptions } from '../../checks/check';
import { loadStacks, StackLoadError } from '../../analysis/load';
import { formatJson } from '../../checks/reporters/json';
import { indexJsonKeys, locate, TextPosition } from '../../checks/reporters/locate';
import { formatSarif } from '../../checks/reporters/sarif';
import { formatText } from '../../checks/reporters/text';
import type { Finding } from '../../checks/rule';
import { topologyContext } from '../topology-context';
import { RULES } from '../../checks/rules';
import { readSuppressionFile, Suppression, SuppressionError } from '../../checks/suppressions';
import { parseTtlOption } from '../../analysis/ttl';
import { packageVersion } from '../version';
import { CliError, ExitCode } from '../io';
import type { RegisterCommand } from './command';

interface CheckFlags {
  readonly format: 'text' | 'json' | 'sarif';
  readonly suppressions?: string;
  readonly topology?: string;
  readonly maxAccessTtl: string;
  readonly maxLoginTtl: string;
}

const RULE_HELP = `\nRules (docs/checks.md explains each and its fix):\n${RULES.map((r) => `  ${r.id.padEnd(28)} ${r.severity}`).join('\n')}\n`;

export const registerCheck: RegisterCommand = (program, io, setExit) => {
  program
    .command('check')
    .description('Check synthesized stacks (cdk.tf.json files, stack directories or a cdktf.out directory) for least-privilege violations.')
    .argument('<file-or-dir...>', 'cdk.tf.json files or directories holding them')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--suppressions <file>', 'YAML or JSON file of { rule, resource?, reason } suppressions')
    .option('--topology <file>', "the topology the stacks were synthesized from: compare providers with its grants and apply its per-agent suppressions")
    .option('--max-access-ttl <duration>', 'ceiling for ID-, access- and identity-token TTLs', '30m')
    .option('--max-login-ttl <duration>', 'ceiling for Vault login-token TTLs', '1h')
    .addHelpText('after', RULE_HELP)
    .action(async (inputs: string[], flags: CheckFlags) => {
      const problems: string[] = [];
      const maxAccessTtl = parseTtlOption(flags.maxAccessTtl);
      if (maxAccessTtl === undefined) problems.push(`--max-access-ttl: "${flags.maxAccessTtl}" is not a duration such as 30m, 1h or 900`);
      const maxLoginTtl = parseTtlOption(flags.maxLoginTtl);
      if (maxLoginTtl === undefined) problems.push(`--max-login-ttl: "${flags.maxLoginTtl}" is not a duration such as 30m, 1h or 900`);
      let suppressions: Suppression[] = [];
      if (flags.suppressions) {
        try {
          suppressions = readSuppressionFile(path.resolve(io.cwd, flags.suppressions), new Set(RULES.map((r) => r.id)), flags.suppressions);
        } catch (err) {
          if (!(err instanceof SuppressionError)) throw err;
          problems.push(...err.problems);
        }
      }
      let intent: Pick<CheckOptions, 'intent' | 'delegations' | 'exchangeActors' | 'auditRequired'> = {};
      if (flags.topology) {
        const context = topologyContext(flags.topology);
        if (context.ok) {
          intent = { intent: context.intent, delegations: context.delegations, exchangeActors: context.exchangeActors, auditRequired: context.auditRequired };
          suppressions = [...suppressions, ...context.suppressions];
        } else problems.push(...context.problems);
      }
      let stacks: ReturnType<typeof loadStacks> = [];
      try {
        stacks = loadStacks(inputs, io.cwd);
      } catch (err) {
        if (!(err instanceof StackLoadError)) throw err;
        problems.push(...err.problems);
      }
      if (problems.length > 0) throw new CliError(`vault-a2a check: cannot run:\n${problems.map((p) => `  ${p}`).join('\n')}`, ExitCode.invalidInput);

      const findings: Finding[] = [];
      for (const stack of stacks) {
        const [analysis] = await analyzeStacks(stack, { maxAccessTtl: maxAccessTtl!, maxLoginTtl: maxLoginTtl!, suppressions, ...intent });
        findings.push(...analysis!.findings);
      }
      io.stdout(render(flags.format, findings, stacks.length, io.cwd));
      setExit(hasBlockingFindings(findings) ? ExitCode.findings : ExitCode.ok);
    });
};

function render(format: CheckFlags['format'], findings: readonly Finding[], stackCount: number, cwd: string): string {
  switch (format) {
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return formatSarif(findings, { rules: RULES, toolVersion: packageVersion(), locate: locator(cwd) });
    case 'text':
      return formatText(findings, stackCount);
  }
}

/** Finds each finding's resource in its file; files are read once. */
function locator(cwd: string): (f: Finding) => TextPosition | undefined {
  const indexes = new Map<string, ReturnType<typeof indexJsonKeys> | undefined>();
  return (f) => {
    if (!f.file) return undefined;
    if (!indexes.has(f.file)) {
      const full = path.resolve(cwd, f.file);
      indexes.set(f.file, fs.existsSync(full) ? indexJsonKeys(fs.readFileSync(full, 'utf8')) : undefined);
    }
    const index = indexes.get(f.file);
    return index ? locate(index, f.resource) : undefined;
  };
}
