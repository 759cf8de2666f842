/**
 * `vault-a2a check <file-or-dir>...`: least-privilege checks over synthesized stacks.
 * Exit 0: no unsuppressed error; 1: at least one; 2: unreadable input or bad usage.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Option } from 'commander';
import type { CheckOptions } from '../../checks/check';
import type { Finding, Rule } from '../../checks/rule';
import type { TextPosition } from '../../checks/reporters/locate';
import type { Suppression } from '../../checks/suppressions';
import type { AccessPlan } from '../../plan/types';
import { packageVersion } from '../version';
import { CliError, ExitCode, progressOf } from '../io';
import type { RegisterCommand } from './command';

interface CheckFlags {
  readonly format: 'text' | 'json' | 'sarif';
  readonly suppressions?: string;
  readonly topology?: string;
  readonly maxAccessTtl: string;
  readonly maxLoginTtl: string;
}

/** The rule table of `check --help`, from the rule objects (docs/checks.md has the same table, written by `npm run docs`). */
export function ruleHelp(rules: readonly Rule[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const rows = rules.map((r) => `  ${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.statement}`);
  return `\nRules (docs/checks.md explains each, with its fix):\n${rows.join('\n')}\n`;
}

function loadRules(): readonly Rule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../checks/rules') as typeof import('../../checks/rules')).RULES;
}

export const registerCheck: RegisterCommand = (program, io, setExit) => {
  program
    .command('check')
    .description('Check synthesized stacks (cdk.tf.json files, stack directories or a cdktf.out directory) for least-privilege violations.')
    .argument('<file-or-dir...>', 'cdk.tf.json files or directories holding them')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--suppressions <file>', 'YAML or JSON file of { rule, resource?, reason } suppressions')
    .option('--topology <file>', "the topology the stacks were synthesized from: compare every principal's effective access with what it grants, and apply its per-agent suppressions")
    .option('--max-access-ttl <duration>', 'ceiling for ID-, access- and identity-token TTLs', '30m')
    .option('--max-login-ttl <duration>', 'ceiling for Vault login-token TTLs', '1h')
    .addHelpText('after', () => ruleHelp(loadRules()))
    .action(async (inputs: string[], flags: CheckFlags) => {
      const RULES = loadRules();
      const progress = progressOf(io, 'vault-a2a check');
      const { parseTtlOption } = await import('../../analysis/ttl');
      const { readSuppressionFile, SuppressionError } = await import('../../checks/suppressions');
      const { loadStacks, StackLoadError } = await import('../../analysis/load');
      const { analyzeStacks, hasBlockingFindings } = await import('../../checks/check');
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
      // Per stack of the topology (one, or an organization's): its intent, plan and suppressions.
      const byStack = new Map<string, StackIntent>();
      let organization = false;
      if (flags.topology) {
        progress.step(`reading ${flags.topology}`);
        // Loaded only with --topology: the topology's schema and validation are not needed to check a stack.
        const { topologyContext } = await import('../topology-context');
        const context = topologyContext(flags.topology, io.cwd);
        if (context.ok) {
          organization = context.organization;
          for (const c of context.stacks) {
            byStack.set(c.name, {
              intent: { intent: c.intent, delegations: c.delegations, exchangeActors: c.exchangeActors, auditRequired: c.auditRequired },
              // The intended access is computed once per plan (and only as far as the proof needs it).
              plan: { plan: c.plan },
              suppressions: c.suppressions,
            });
          }
        } else problems.push(...context.problems);
      }
      let stacks: ReturnType<typeof loadStacks> = [];
      progress.step('reading the stacks');
      try {
        stacks = loadStacks(inputs, io.cwd);
      } catch (err) {
        if (!(err instanceof StackLoadError)) throw err;
        problems.push(...err.problems);
      }
      if (problems.length > 0) throw new CliError(`vault-a2a check: cannot run:\n${problems.map((p) => `  ${p}`).join('\n')}`, ExitCode.invalidInput);

      if (organization) {
        // Every stack of an organization is read together: one not given is access not proven.
        const given = new Set(stacks.map((s) => s.name));
        const missing = [...byStack.keys()].filter((n) => !given.has(n));
        if (missing.length > 0) {
          throw new CliError(
            `vault-a2a check: cannot run:\n  ${flags.topology}: the organization's stack${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among the stacks given. Fix: pass the cdktf.out directory that \`vault-a2a synth ${flags.topology}\` wrote`,
            ExitCode.invalidInput,
          );
        }
      }
      const findings: Finding[] = [];
      const only = byStack.size === 1 ? [...byStack.values()][0] : undefined;
      for (const stack of stacks) {
        // A single topology is one stack: with several stacks given, its plan is compared with the
        // stack of its name only; an organization's plans with the stacks of their names.
        // A single topology's intent and suppressions apply to every stack given.
        const context = organization ? byStack.get(stack.name) : only;
        const ofPlan = organization || (only !== undefined && (stacks.length === 1 || stack.name === only.plan.plan.name));
        progress.step(`checking stack ${stack.name} (${stack.blocks.size} blocks)`);
        const [analysis] = await analyzeStacks(stack, {
          maxAccessTtl: maxAccessTtl!,
          maxLoginTtl: maxLoginTtl!,
          suppressions: [...suppressions, ...(context?.suppressions ?? [])],
          // The other stacks given: one Vault object written from two states is unreadable.
          alsoApplied: stacks,
          ...(context?.intent ?? {}),
          ...(ofPlan ? (context?.plan ?? {}) : {}),
        });
        findings.push(...analysis!.findings);
      }
      progress.done();
      io.stdout(await render(flags.format, findings, stacks.length, io.cwd, RULES));
      setExit(hasBlockingFindings(findings) ? ExitCode.findings : ExitCode.ok);
    });
};

interface StackIntent {
  readonly intent: Pick<CheckOptions, 'intent' | 'delegations' | 'exchangeActors' | 'auditRequired'>;
  readonly plan: Pick<CheckOptions, 'plan'> & { readonly plan: AccessPlan };
  readonly suppressions: readonly Suppression[];
}

async function render(format: CheckFlags['format'], findings: readonly Finding[], stackCount: number, cwd: string, rules: readonly Rule[]): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../../checks/reporters/json')).formatJson(findings);
    case 'sarif': {
      const { formatSarif } = await import('../../checks/reporters/sarif');
      const { indexJsonKeys, locate } = await import('../../checks/reporters/locate');
      return formatSarif(findings, { rules, toolVersion: packageVersion(), locate: locator(cwd, indexJsonKeys, locate) });
    }
    case 'text':
      return (await import('../../checks/reporters/text')).formatText(findings, stackCount);
  }
}

/** Finds each finding's resource in its file; files are read once. */
type Locate = typeof import('../../checks/reporters/locate');

function locator(cwd: string, indexJsonKeys: Locate['indexJsonKeys'], locate: Locate['locate']): (f: Finding) => TextPosition | undefined {
  const indexes = new Map<string, ReturnType<Locate['indexJsonKeys']> | undefined>();
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
