/**
 * A least-privilege rule (cdk-nag style): an id, a one-line statement of what compliant means,
 * a severity, why it matters, how to fix it, and a pure check over the stack's model and access.
 */
import type { EffectiveAccess } from '../analysis/access-types';
import type { FactComparison } from '../analysis/facts-compare';
import type { AccessFacts } from '../analysis/facts-types';
import type { StackModel } from '../analysis/model';
import type { SynthesizedStack } from '../analysis/stack';
import { DEFAULT_MAX_ACCESS_TTL_SECONDS, DEFAULT_MAX_LOGIN_TTL_SECONDS } from '../vault/ttl-limits';

export type Severity = 'error' | 'warning';

/** Which scopes each OIDC client (by name) is meant to have: the topology's intent. */
export type ClientScopeIntent = Readonly<Record<string, readonly string[]>>;

/** The Vault server and namespace a stack is meant to write to: the topology's `vault` settings. */
export interface VaultTarget {
  readonly address: string;
  /** Absent or empty: the root namespace. */
  readonly namespace?: string;
}

/** Which actors each user (entity name) delegates to (RFC 8693): the topology's intent. */
export type DelegationIntent = Readonly<Record<string, readonly string[]>>;

/**
 * Which entity (by name) each token-exchange role is meant for, keyed `<mount>/<role>`: the
 * topology's intent. The plugin names whoever exchanges as the actor, so this is what says which
 * single principal may write `<mount>/token/<role>`.
 */
export type ExchangeActorIntent = Readonly<Record<string, string>>;

export interface RuleSettings {
  /** Ceiling for ID-token, access-token and identity-token TTLs, in seconds. Default 30 min. */
  readonly maxAccessTtlSeconds: number;
  /** Ceiling for Vault login-token TTLs (token_ttl, token_max_ttl), in seconds. Default 1 h. */
  readonly maxLoginTtlSeconds: number;
  /** When given, providers are compared with it (A2A-PROVIDER-SCOPE-EXCESS). */
  readonly intent?: ClientScopeIntent;
  /** When given, may_act claims are compared with it (A2A-MAYACT-EXCESS). */
  readonly delegations?: DelegationIntent;
  /** When given, the writers of each exchange role's token path are compared with it (A2A-EXCHANGE-NON-ACTOR). */
  readonly exchangeActors?: ExchangeActorIntent;
  /**
   * The intended access: the facts of the plan's model (`accessFacts(modelFromPlan(plan))`),
   * computed on first read (the intent rules read `intentComparison`, which a stack whose model is
   * the plan's answers without them). When given, every principal's effective access is compared
   * with it (A2A-INTENT-EXCESS, A2A-INTENT-MISSING).
   */
  readonly intended?: AccessFacts;
  /** When given, the stack's vault provider is compared with it (A2A-INTENT-TARGET). */
  readonly vaultTarget?: VaultTarget;
  /** The topology requires an audit trail: the stack must enable an audit device (A2A-AUDIT-REQUIRED). */
  readonly auditRequired?: boolean;
}

export const DEFAULT_SETTINGS: RuleSettings = { maxAccessTtlSeconds: DEFAULT_MAX_ACCESS_TTL_SECONDS, maxLoginTtlSeconds: DEFAULT_MAX_LOGIN_TTL_SECONDS };

export interface RuleContext {
  readonly stack: SynthesizedStack;
  readonly model: StackModel;
  readonly access: EffectiveAccess;
  readonly settings: RuleSettings;
  /** The stack's access facts (lib/analysis/facts.ts), computed once on first use. */
  readonly facts: AccessFacts;
  /** `compareFacts(settings.intended, facts)` when the check has an intent, computed once on first use. */
  readonly intentComparison?: FactComparison;
}

/** What a rule reports: the resource to fix, and for whom it widens access when that is known. */
export interface RuleFinding {
  /** Terraform address (`vault_identity_oidc_key.a2a`, `output.secret`). */
  readonly resource: string;
  readonly message: string;
  /** Principal id (see access-types.ts) the finding is about, for grouping in reports. */
  readonly principal?: string;
}

export interface Rule {
  /** `A2A-<AREA>-<WHAT>`. */
  readonly id: string;
  /** One line: what a compliant stack does. */
  readonly statement: string;
  readonly severity: Severity;
  readonly explanation: string;
  readonly fix: string;
  check(context: RuleContext): readonly RuleFinding[];
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly file?: string;
  readonly resource: string;
  readonly principal?: string;
  readonly message: string;
  readonly fix: string;
  readonly suppressed?: true;
  readonly reason?: string;
}
