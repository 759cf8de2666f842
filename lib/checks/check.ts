/**
 * Runs the least-privilege checks: read stacks → parse policies → model → effective access →
 * rules → suppressions. `checkStack` parses policies with the async HCL entry point;
 * `checkStackSync` with the synchronous one (same parser, see hcl.ts) for Aspects and matchers.
 * Both give the same findings.
 */
import * as path from 'path';
import type { EffectiveAccess } from '../analysis/access-types';
import { computeEffectiveAccess } from '../analysis/access';
import { parsePolicies, parsePoliciesSync } from '../analysis/analyze';
import { accessFacts } from '../analysis/facts';
import { compareFacts, type FactComparison } from '../analysis/facts-compare';
import { IntendedAccess, proveIntent, type IntentProof } from '../analysis/facts-intended';
import type { AccessFacts } from '../analysis/facts-types';
import type { AccessPlan } from '../plan/types';
import { loadStacks } from '../analysis/load';
import type { StackModel, Unreadable } from '../analysis/model';
import { crossStackDuplicates, withUnreadable } from '../analysis/model-inventory';
import { buildModel } from '../analysis/model-build';
import type { PolicyParseResult } from '../analysis/policy-document';
import { delegationIntentFromPlan, exchangeActorsFromPlan, intentFromPlan, vaultTargetFromPlan } from './intent';
import { ClientScopeIntent, DEFAULT_SETTINGS, DelegationIntent, ExchangeActorIntent, Finding, Rule, RuleContext, RuleSettings, VaultTarget } from './rule';
import { RULES } from './rules';
import { readStack, SynthesizedStack } from '../analysis/stack';
import { documentSuppressions } from './document-suppressions';
import { applySuppressions, Suppression, SuppressionError, validateSuppressions } from './suppressions';
import { parseTtlOption } from '../analysis/ttl';
import { compareStrings } from '../vault/order';

export interface CheckOptions {
  /** Ceiling for ID, access and identity-token TTLs: seconds or a duration ("30m"). Default 30m. */
  readonly maxAccessTtl?: number | string;
  /** Ceiling for login-token TTLs: seconds or a duration ("1h"). Default 1h. */
  readonly maxLoginTtl?: number | string;
  /**
   * The plan the stack was synthesized from (`compile(topology)`, or `AgentTopologyStack.plan`):
   * every principal's effective access is compared with what the plan grants
   * (A2A-INTENT-EXCESS, A2A-INTENT-MISSING), and `intent`, `delegations` and `exchangeActors`
   * default to the plan's.
   */
  readonly plan?: AccessPlan;
  /**
   * Intended access facts to compare with instead of `plan`'s (e.g. another stack's). The plan's
   * are computed once per plan object, only when needed: a stack whose model is the plan's is
   * proven equal to it structurally (lib/analysis/facts-intended.ts).
   */
  readonly intended?: AccessFacts;
  /** Always compare the intent fact by fact, never structurally (both give the same findings; for tests). */
  readonly fullIntentProof?: boolean;
  /** The topology's intent: client name → scopes it is meant to request. */
  readonly intent?: ClientScopeIntent;
  /** The topology's delegations: user → the actors it lets act for it (see `delegationIntentFromPlan`). */
  readonly delegations?: DelegationIntent;
  /** The topology's exchange roles: `<mount>/<role>` → its actor's entity (see `exchangeActorsFromPlan`). */
  readonly exchangeActors?: ExchangeActorIntent;
  /** The Vault address and namespace the stack must write to (A2A-INTENT-TARGET); default: the plan's `vault`. */
  readonly vaultTarget?: VaultTarget;
  /** The topology requires an audit device in the stack (`audit.required`). */
  readonly auditRequired?: boolean;
  /** Accepted findings; each needs a non-empty reason. */
  readonly suppressions?: readonly Suppression[];
  /**
   * The rest of an organization's stacks (docs/organization.md), when the checked stacks are some
   * of them. A Vault object that another stack of the organization on the same provider also
   * writes is unreadable (A2A-MODEL-UNREADABLE): the last apply wins. The stacks given together
   * in `input` are compared with each other as well.
   */
  readonly alsoApplied?: readonly SynthesizedStack[];
  /** Rules to run instead of the built-in RULES (e.g. RULES plus your own). */
  readonly rules?: readonly Rule[];
  /** Base directory for relative paths. Default: process.cwd(). */
  readonly cwd?: string;
}

/**
 * What to check: a path (file or directory), the JSON text of a stack (as `Testing.synth`
 * returns it), the parsed JSON object, or an already read SynthesizedStack.
 */
export type StackInput = string | object | SynthesizedStack;

export interface StackAnalysis {
  readonly stack: SynthesizedStack;
  readonly model: StackModel;
  readonly access: EffectiveAccess;
  /** Sorted by rule, resource, message; suppressed ones included and marked. */
  readonly findings: readonly Finding[];
  /** How the intent was proven, when it was (`structural`: the stack's model is the plan's). */
  readonly intentProof?: IntentProof['by'];
}

export class CheckOptionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid check options:\n  ${problems.join('\n  ')}`);
    this.name = 'CheckOptionsError';
  }
}

export async function analyzeStacks(input: StackInput, options: CheckOptions = {}): Promise<StackAnalysis[]> {
  const settings = settingsOf(options);
  const stacks = toStacks(input, options.cwd);
  const across = duplicatesAcross(stacks, options);
  const out: StackAnalysis[] = [];
  for (const stack of stacks) {
    out.push(analyze(stack, await parsePolicies(stack), settings, options, across.get(stack)));
  }
  return out;
}

export function analyzeStacksSync(input: StackInput, options: CheckOptions = {}): StackAnalysis[] {
  const settings = settingsOf(options);
  const stacks = toStacks(input, options.cwd);
  const across = duplicatesAcross(stacks, options);
  return stacks.map((stack) => analyze(stack, parsePoliciesSync(stack), settings, options, across.get(stack)));
}

/** Vault objects the checked stacks and the others applied to the same Vault both write. */
function duplicatesAcross(stacks: readonly SynthesizedStack[], options: CheckOptions): Map<SynthesizedStack, Unreadable[]> {
  const others = (options.alsoApplied ?? []).filter((s) => !stacks.includes(s));
  return stacks.length + others.length > 1 ? crossStackDuplicates([...stacks, ...others]) : new Map();
}

/** All findings (suppressed ones marked) of every stack in `input`. */
export async function checkStack(input: StackInput, options: CheckOptions = {}): Promise<Finding[]> {
  return (await analyzeStacks(input, options)).flatMap((a) => a.findings);
}

export function checkStackSync(input: StackInput, options: CheckOptions = {}): Finding[] {
  return analyzeStacksSync(input, options).flatMap((a) => a.findings);
}

/** True when some finding is an unsuppressed error: what fails `vault-a2a check` and the Aspect. */
export function hasBlockingFindings(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' && !f.suppressed);
}

/**
 * The effective access, the facts and the comparison with the intent are computed once, by the
 * first rule that reads them (a stack without delegation never needs the effective access).
 */
class Context implements RuleContext {
  private accessMemo?: EffectiveAccess;
  private factsMemo?: AccessFacts;
  private proofMemo?: IntentProof;

  constructor(
    readonly stack: SynthesizedStack,
    readonly model: StackModel,
    readonly settings: RuleSettings,
    private readonly intended: Intended | undefined,
  ) {}

  get access(): EffectiveAccess {
    return (this.accessMemo ??= computeEffectiveAccess(this.model));
  }

  get facts(): AccessFacts {
    return (this.factsMemo ??= accessFacts(this.model));
  }

  /** How the intent was proven, when a rule asked for it. */
  get provenBy(): IntentProof['by'] | undefined {
    return this.proofMemo?.by;
  }

  get intentComparison(): FactComparison | undefined {
    return this.intentProof?.comparison;
  }

  get intentProof(): IntentProof | undefined {
    const intended = this.intended;
    if (!intended) return undefined;
    if (!this.proofMemo) {
      this.proofMemo =
        intended.kind === 'plan'
          ? proveIntent(intended.access, this.model, () => this.facts, { full: intended.full })
          : { comparison: compareFacts(intended.facts, this.facts), by: 'facts' };
    }
    return this.proofMemo;
  }
}

/** The intent a check compares with: a plan's (structural proof possible), or given facts. */
type Intended = { readonly kind: 'plan'; readonly access: IntendedAccess; readonly full: boolean } | { readonly kind: 'facts'; readonly facts: AccessFacts };

function analyze(
  stack: SynthesizedStack,
  parsed: ReadonlyMap<string, PolicyParseResult>,
  settings: { readonly rules: RuleSettings; readonly intended?: Intended },
  options: CheckOptions,
  across: readonly Unreadable[] = [],
): StackAnalysis {
  const model = withUnreadable(buildModel(stack, parsed), across);
  const context = new Context(stack, model, settings.rules, settings.intended);
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    for (const f of rule.check(context)) {
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        stack: stack.name,
        ...(stack.file ? { file: stack.file } : {}),
        resource: f.resource,
        ...(f.principal ? { principal: f.principal } : {}),
        message: f.message,
        fix: rule.fix,
      });
    }
  }
  const sorted = dedupe(findings).sort(compareFindings);
  // Suppressions given by the caller win over those the document carries (first match wins).
  const carried = documentSuppressions(stack, new Set((options.rules ?? RULES).map((r) => r.id)));
  const result = applySuppressions(sorted, [...(options.suppressions ?? []), ...carried]);
  return {
    stack,
    model,
    get access() {
      return context.access;
    },
    findings: result,
    ...(context.provenBy ? { intentProof: context.provenBy } : {}),
  };
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\u0000${f.resource}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareStrings(a.stack, b.stack) || compareStrings(a.rule, b.rule) || compareStrings(a.resource, b.resource) || compareStrings(a.message, b.message);
}

function settingsOf(options: CheckOptions): { readonly rules: RuleSettings; readonly intended?: Intended } {
  const problems: string[] = [];
  const ttl = (value: number | string | undefined, name: string, fallback: number): number => {
    if (value === undefined) return fallback;
    const seconds = parseTtlOption(value);
    if (seconds === undefined) problems.push(`${name}: ${JSON.stringify(value)} is not a positive duration such as "30m", "1h" or 900`);
    return seconds ?? fallback;
  };
  const plan = options.plan;
  const intent = options.intent ?? (plan ? intentFromPlan(plan) : undefined);
  const delegations = options.delegations ?? (plan ? delegationIntentFromPlan(plan) : undefined);
  const exchangeActors = options.exchangeActors ?? (plan ? exchangeActorsFromPlan(plan) : undefined);
  const vaultTarget = options.vaultTarget ?? (plan ? vaultTargetFromPlan(plan) : undefined);
  // The plan's intended access is computed once per plan object, and only what the proof needs.
  const intended: Intended | undefined = options.intended
    ? { kind: 'facts', facts: options.intended }
    : plan
      ? { kind: 'plan', access: IntendedAccess.of(plan), full: options.fullIntentProof === true }
      : undefined;
  const settings: RuleSettings = {
    maxAccessTtlSeconds: ttl(options.maxAccessTtl, 'maxAccessTtl', DEFAULT_SETTINGS.maxAccessTtlSeconds),
    maxLoginTtlSeconds: ttl(options.maxLoginTtl, 'maxLoginTtl', DEFAULT_SETTINGS.maxLoginTtlSeconds),
    ...(intent ? { intent } : {}),
    ...(delegations ? { delegations } : {}),
    ...(exchangeActors ? { exchangeActors } : {}),
    ...(vaultTarget ? { vaultTarget } : {}),
    ...((options.auditRequired ?? plan?.audit?.required) ? { auditRequired: true } : {}),
  };
  const rules = options.rules ?? RULES;
  problems.push(...validateSuppressions(options.suppressions ?? [], new Set(rules.map((r) => r.id))));
  if (problems.length > 0) throw new CheckOptionsError(problems);
  // Rules written elsewhere may read the intended facts: computed when they do.
  if (intended) Object.defineProperty(settings, 'intended', { enumerable: true, get: () => (intended.kind === 'facts' ? intended.facts : intended.access.facts) });
  return { rules: settings, ...(intended ? { intended } : {}) };
}

function isSynthesizedStack(input: unknown): input is SynthesizedStack {
  return typeof input === 'object' && input !== null && (input as SynthesizedStack).blocks instanceof Map;
}

function toStacks(input: StackInput, cwd: string = process.cwd()): SynthesizedStack[] {
  if (isSynthesizedStack(input)) return [input];
  if (typeof input === 'string') {
    if (input.trimStart().startsWith('{')) return [readStack(JSON.parse(input) as unknown)];
    return loadStacks([path.resolve(cwd, input)], cwd);
  }
  return [readStack(input)];
}

export { SuppressionError };
