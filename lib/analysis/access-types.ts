/**
 * Effective access: for every principal of a stack, what it can do, as plain JSON-ready data.
 * Read by rules, by the jest matchers, and by `vault-a2a access`, `diff` and `graph` (lib/review).
 */
import type { AclRule } from './acl';

export type PrincipalKind =
  /** Identity entities, classified: see `classifyEntity` in access.ts. */
  | 'user'
  | 'agent'
  | 'entity'
  | 'group'
  /** A Vault login role: whoever passes its bindings gets its token. */
  | 'login-role'
  | 'oidc-client'
  | 'identity-token-role'
  | 'agent-registration';

export interface AttachedPolicy {
  readonly name: string;
  /** How it is attached: `token` (login role), `entity`, `group:<name>`, `default`, `ceiling`. */
  readonly via: string;
  /** False when no `vault_policy` of that name is in the stack (and it is not built in). */
  readonly known: boolean;
}

export interface ScopeAccess {
  readonly provider: string;
  readonly client: string;
  readonly scope: string;
  /** Top-level claims the scope adds; empty when its template is unknown. */
  readonly claims: readonly string[];
  /** `client`: holds the client's credentials; `end-user`: may sign in through the client. */
  readonly as: 'client' | 'end-user';
}

export interface IdentityTokenAccess {
  readonly role: string;
  readonly claims: readonly string[];
  /** Seconds, when known. */
  readonly ttl?: number;
}

export interface DelegationEntry {
  /** Scope or identity-token role whose template carries the `may_act` claim. */
  readonly via: string;
  /**
   * The `client_id` the claim names, by Vault name: an OIDC client, an identity-token role (whose
   * client_id is the `aud` of its tokens), `*`, or the value as written when it names neither.
   */
  readonly actorClient: string;
  readonly actorClientKind: 'oidc-client' | 'identity-token-role' | 'any' | 'unresolved';
  readonly actorEntity: string;
  /** Principal id of the subject (for `actsFor`) or empty for `actors`. */
  readonly subject?: string;
}

/** Why a principal may sign in through a client: the assignment listing it (or one of its groups). */
export interface SignInAssignment {
  readonly client: string;
  readonly assignment: string;
  /** `direct`: the assignment lists it; `group:<name>`: lists a group it is in; `everyone`: the built-in `allow_all`. */
  readonly member: 'direct' | 'everyone' | `group:${string}`;
}

/** A role of a token-exchange (RFC 8693) engine this principal can write `<mount>/token/<role>` of. */
export interface TokenExchangeAccess {
  readonly mount: string;
  readonly role: string;
  /**
   * Entity name the delegated tokens name as actor: this principal's own entity when the role's
   * `act.sub` is the caller (`{{identity.entity.id}}`), else the fixed entity the role names;
   * absent when that is no entity of the stack.
   */
  readonly actor?: string;
}

export interface PrincipalAccess {
  /** Stable id: `<kind-family>:<vault name>`, e.g. `entity:test-client`, `login-role:kubernetes/test-client`. */
  readonly id: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  /** Terraform addresses that define this principal. */
  readonly resources: readonly string[];
  readonly policies: readonly AttachedPolicy[];
  /** Merged ACL of every attached policy (the default policy included when attached). */
  readonly acl: readonly AclRule[];
  /** Agent registrations: the ceiling every request must also pass; absent = no ceiling modelled. */
  readonly ceiling?: readonly AclRule[];
  /** OIDC clients whose id and secret this principal can read. */
  readonly clientCredentials: readonly string[];
  /** Identity-token roles this principal can mint tokens of. */
  readonly identityTokens: readonly IdentityTokenAccess[];
  readonly canIntrospect: boolean;
  /** Providers whose authorize endpoint it may call (the default policy grants every provider). */
  readonly authorize: readonly string[];
  /** OIDC clients it may sign in through as an end user. */
  readonly signIn: readonly string[];
  /** The assignments behind `signIn`, sorted by client, assignment, member. */
  readonly signInAssignments: readonly SignInAssignment[];
  /** Entities: the groups it is a member of, nested groups included, by name. */
  readonly groups: readonly string[];
  /** Token-exchange roles it can exchange subject tokens with. */
  readonly tokenExchanges: readonly TokenExchangeAccess[];
  readonly scopes: readonly ScopeAccess[];
  /** For a subject: the actors its tokens allow to act for it. */
  readonly mayActActors: readonly DelegationEntry[];
  /** For an actor: whom it may act for. */
  readonly actsFor: readonly DelegationEntry[];
  /** Login role ↔ entity link (predictable alias). */
  readonly linked: readonly string[];
  /** Who can obtain this principal's credentials or tokens (oidc-client, identity-token-role). */
  readonly obtainableBy: readonly string[];
}

export interface EffectiveAccess {
  readonly stack: string;
  /** Sorted by id. */
  readonly principals: Readonly<Record<string, PrincipalAccess>>;
}
