/**
 * The access plan: plain data saying what to create in Vault and what each principal may do.
 * Produced by the pure compiler (`compile.ts`) from a normalized topology and rendered by the
 * `A2aVaultTopology` construct. No CDKTF types here, so the plan is easy to test and to print.
 *
 * Cross-object references are by name (`entities: ['end-user']`); the construct layer turns them
 * into Terraform references.
 */
import type { AuthMountType } from '../topology/schema';
import type { Capability } from '../vault/capabilities';
import type { OidcKeyAlgorithm } from '../vault/jwt';
import type { PolicyRule } from './policy-rule';
import type { RegistryPlan } from './registry-types';
import type { NormalizedAudit } from '../topology/normalized-audit';

/** Vault ACL capabilities (one list, in lib/vault). */
export type { Capability } from '../vault/capabilities';
export type { PolicyRule } from './policy-rule';

export type PrincipalRef =
  | { readonly kind: 'agent'; readonly name: string }
  | { readonly kind: 'user'; readonly name: string }
  | { readonly kind: 'group'; readonly name: string };

/**
 * A grant: a principal may perform an action on a resource. Grants are first-class (as in AWS
 * CDK's aws-iam): policies, assignments and provider scope lists are all derived from them, and
 * reports explain access by listing them with their `reason`.
 */
export type Grant =
  | {
      /** Vault ACL: capabilities on one exact path. */
      readonly kind: 'vault-path';
      readonly principal: PrincipalRef;
      readonly path: string;
      readonly capabilities: readonly Capability[];
      readonly reason: string;
    }
  | {
      /** An OAuth scope the principal's OIDC client may request. */
      readonly kind: 'scope';
      readonly principal: PrincipalRef;
      readonly client: string;
      readonly scope: string;
      readonly server: string;
      readonly grant: string;
      readonly reason: string;
    }
  | {
      /** An identity token (headless flow) the principal may mint. */
      readonly kind: 'identity-token';
      readonly principal: PrincipalRef;
      readonly role: string;
      readonly server: string;
      readonly scopes: readonly string[];
      readonly reason: string;
    }
  | {
      /** A user or group may sign in through a client agent (OIDC assignment). */
      readonly kind: 'sign-in';
      readonly principal: PrincipalRef;
      readonly client: string;
      readonly reason: string;
    }
  | DelegationGrant;

/** Grants of RFC 8693 delegation (see `DelegationPlan`). */
export type DelegationGrant =
  | {
      /** The actor agent may act for `user`: the user's ID tokens from `clients` name it in may_act. */
      readonly kind: 'act-for';
      readonly principal: PrincipalRef;
      readonly user: string;
      /** The sign-in partitions (Vault clients) whose ID tokens for `user` name the actor. */
      readonly clients: readonly string[];
      readonly reason: string;
    }
  | {
      /** The actor agent may mint its actor token (sub = its entity id) from `role`. */
      readonly kind: 'actor-token';
      readonly principal: PrincipalRef;
      readonly role: string;
      readonly scopes: readonly string[];
      readonly reason: string;
    };

export interface KeyPlan {
  readonly name: string;
  readonly algorithm: OidcKeyAlgorithm;
  readonly rotationPeriodSeconds: number;
  readonly verificationTtlSeconds: number;
  /** Exactly the clients and identity-token roles that sign with this key. */
  readonly allowedClients: readonly ({ readonly kind: 'client'; readonly name: string } | { readonly kind: 'identity-token-role'; readonly name: string })[];
}

export interface MountPlan {
  readonly name: string;
  readonly type: AuthMountType;
  readonly path: string;
}

export type AliasName =
  /** Known in advance: userpass user name, `<namespace>/<serviceaccount>`, JWT subject. */
  | { readonly kind: 'static'; readonly value: string }
  /** AppRole aliases are the role's generated `role_id`: a reference to the agent's login role. */
  | { readonly kind: 'approle-role-id'; readonly loginRole: string };

export interface EntityPlan {
  readonly name: string;
  readonly kind: 'user' | 'agent';
  readonly alias?: { readonly mount: string; readonly name: AliasName };
  /** Agents: `a2a_agent` (its name) and `a2a_owner`, which its token templates read. */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Policies on the entity itself: only for agents a resource server's JWTs resolve to
   * (registry.entityAliases), whose requests carry no login token: their own policy.
   */
  readonly policies?: readonly string[];
}

export interface GroupPlan {
  readonly name: string;
  readonly description?: string;
  /** Entity names (none for an external group). */
  readonly members: readonly string[];
  /**
   * An external group: Vault adds a login on `mount` to it when the mount's groups claim names
   * `alias` (one vault_identity_group_alias). No policies, no listed members.
   */
  readonly external?: { readonly mount: string; readonly alias: string };
}

export interface ScopePlan {
  /** Vault scope name and OAuth scope string: `<server>.<skill>.<action>`. */
  readonly name: string;
  readonly server: string;
  readonly skill: string;
  readonly action: string;
  /** The one top-level claim this scope adds. */
  readonly claim: string;
  /** Vault scope template (JSON). */
  readonly template: string;
  readonly description: string;
}

/**
 * The scope of a client agent's provider that names the agent (and the signed-in user) in ID
 * tokens and userinfo: `a2a-agent.<agent>`, claims `a2a_agent` and `a2a_user`.
 */
export interface AgentScopePlan {
  readonly name: string;
  readonly agent: string;
  readonly template: string;
  readonly description: string;
}

export interface ClientPlan {
  /** Agent name = client name = provider name = assignment name. */
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly clientType: 'confidential';
  readonly idTokenTtlSeconds: number;
  readonly accessTokenTtlSeconds: number;
  /**
   * Raising it replaces the client: Vault has no way to rotate a client secret, so a new client
   * (new client_id and secret, same name) is the rotation. Starts at 1.
   */
  readonly generation: number;
  readonly assignment: {
    readonly name: string;
    /** Entity names of users assigned directly. */
    readonly entities: readonly string[];
    readonly groups: readonly string[];
  };
  /** This client's own provider: allowed_client_ids = [this client], scopes = its grants. */
  readonly provider: { readonly name: string; readonly scopes: readonly string[] };
}

export interface IdentityTokenRolePlan {
  readonly name: string;
  readonly agent: string;
  readonly server: string;
  readonly scopes: readonly string[];
  readonly template: string;
  readonly ttlSeconds: number;
}

export interface PolicyPlan {
  readonly name: string;
  readonly agent: string;
  readonly rules: readonly PolicyRule[];
}

interface LoginRoleBase {
  readonly agent: string;
  readonly roleName: string;
  /** Name of the auth mount in the topology. */
  readonly mount: string;
  readonly mountPath: string;
  /** Exactly the agent's own policy, or nothing when it needs no Vault access. */
  readonly policies: readonly string[];
  readonly tokenTtlSeconds: number;
  readonly tokenMaxTtlSeconds: number;
}

export type LoginRolePlan =
  | (LoginRoleBase & {
      readonly kind: 'kubernetes';
      readonly serviceAccount: string;
      readonly namespace: string;
      /** The audience the service account token must carry; absent: any (Vault warns). */
      readonly audience?: string;
    })
  | (LoginRoleBase & { readonly kind: 'jwt'; readonly subject: string; readonly audiences: readonly string[] })
  | (LoginRoleBase & {
      readonly kind: 'approle';
      /** Secret ids expire (Vault's default is never) and allow a bounded number of logins (default unlimited). */
      readonly secretId: { readonly ttlSeconds: number; readonly numUses: number; readonly boundCidrs: readonly string[] };
      /** Networks the login token may be used from; empty: anywhere. */
      readonly tokenBoundCidrs: readonly string[];
    })
  | (LoginRoleBase & {
      readonly kind: 'cert';
      /** PEM of the CA (certificates only). */
      readonly certificate: string;
      /** The one name a client certificate must carry: allowed_common_names or allowed_uri_sans = [value]. */
      readonly name: { readonly kind: 'common-name' | 'uri-san'; readonly value: string };
    });

export interface AccessPlan {
  readonly name: string;
  readonly vault: { readonly address: string; readonly namespace?: string; readonly issuerHost: string };
  readonly key: KeyPlan;
  readonly mounts: readonly MountPlan[];
  readonly entities: readonly EntityPlan[];
  readonly groups: readonly GroupPlan[];
  readonly scopes: readonly ScopePlan[];
  /** One per client agent (sorted by name); absent when there is none. Its provider(s) offer it. */
  readonly agentScopes?: readonly AgentScopePlan[];
  readonly clients: readonly ClientPlan[];
  readonly identityTokenRoles: readonly IdentityTokenRolePlan[];
  /**
   * `vault_identity_oidc.issuer` (scheme://host:port; Vault appends `/v1/<ns>/identity/oidc`),
   * set only when identity tokens are minted.
   */
  readonly identityTokenIssuer?: string;
  readonly policies: readonly PolicyPlan[];
  readonly loginRoles: readonly LoginRolePlan[];
  readonly grants: readonly Grant[];
  /** Agent registry and resource-server profiles (Vault Enterprise); absent when the topology has none. */
  readonly registry?: RegistryPlan;
  /** Least-privilege findings the topology accepts for an agent, each with the reason shown in reports. */
  readonly suppressions: readonly SuppressionPlan[];
  /** RFC 8693 delegation; present only when some agent acts for users. */
  readonly delegation?: DelegationPlan;
  /** Audit devices and audited request headers; present only when the topology has `audit`. */
  readonly audit?: AuditPlan;
  /**
   * Objects this plan refers to that another stack of its organization creates (lib/plan/organization.ts):
   * entities and groups are looked up by name, scopes are named. Absent in a single-stack plan.
   */
  readonly elsewhere?: ElsewherePlan;
}

/** Names of objects another stack creates, each sorted. */
export interface ElsewherePlan {
  readonly entities: readonly string[];
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
}

/**
 * The audit trail, as the topology normalized it. Audit devices and audited headers are
 * cluster-wide: `sys/config/auditing/request-headers` is a restricted endpoint callable only from
 * the root namespace, so with a `vault.namespace` they are written through a provider without one.
 */
export interface AuditPlan extends NormalizedAudit {
  /** True when the stack's provider is namespaced and these must be written from the root namespace. */
  readonly fromRootNamespace: boolean;
}

export interface SuppressionPlan {
  readonly agent: string;
  readonly rule: string;
  /** Only this Terraform address or principal id; absent = every finding of the rule about the agent. */
  readonly resource?: string;
  readonly reason: string;
}

/**
 * Delegation (RFC 8693). Vault scope templates are the same for every user of a provider, and a
 * provider's scopes are offered to each of its clients, so a may_act claim that differs per user
 * needs one client + provider + assignment per *delegation set*: a client agent whose users
 * delegate differently is split into sign-in partitions (see `SignInPartitionPlan`). The split
 * clients are ordinary `ClientPlan`s in `AccessPlan.clients`; this plan says what they are for.
 */
export interface DelegationPlan {
  /** Sorted by agent. */
  readonly actors: readonly ActorPlan[];
  /** Every partition of every split client agent, sorted by client name. */
  readonly partitions: readonly SignInPartitionPlan[];
  /** One per partition with actors, named like it; sorted by name. */
  readonly mayActScopes: readonly MayActScopePlan[];
  readonly tokenExchange?: TokenExchangePlan;
}

export interface ActorPlan {
  readonly agent: string;
  /** Entity whose id is the actor's may_act `sub`. */
  readonly entity: string;
  /** Users it acts for (groups expanded), sorted. */
  readonly users: readonly string[];
  /** Its identity-token role; the role's client_id is the actor's may_act `client_id`. */
  readonly tokenRole: ActorTokenRolePlan;
}

export interface ActorTokenRolePlan {
  /** `a2a.actor.<agent>`. */
  readonly name: string;
  readonly agent: string;
  /** The actor's grants as scope names, sorted. */
  readonly scopes: readonly string[];
  /**
   * Claims besides Vault's own (`sub` = entity id, `aud` = this role's client_id). The grants sit
   * under one claim, not one claim per grant as in call tokens, so no server mistakes an actor
   * token for a call token.
   */
  readonly template: string;
  readonly ttlSeconds: number;
}

export interface SignInPartitionPlan {
  /** The client agent that was split. */
  readonly agent: string;
  /** Name of the partition's Vault client, provider and assignment (and may_act scope). */
  readonly client: string;
  /** The delegation set: actors every user of this partition delegates to, sorted. */
  readonly actors: readonly string[];
  /** Users who sign in here, sorted: exactly the agent's users whose delegation set is `actors`. */
  readonly users: readonly string[];
  /** External groups of the agent's users (sorted), in the partition without actors: their members delegate nothing. */
  readonly externalGroups?: readonly string[];
  /** The may_act scope its provider offers; absent when `actors` is empty. */
  readonly mayActScope?: string;
  /**
   * With a token-exchange engine: the delegation bound for these users, per actor of `actors`
   * (sorted): the actor's grants that every user here can also obtain by signing in (through any
   * client agent listing them). Users are split so this is the same for all of them, which makes
   * each exchange role's `context` exact. An empty list: the actor can do nothing for them, and
   * no exchange role is created.
   */
  readonly bounds?: readonly PartitionBound[];
}

/** The grants an actor's delegated tokens carry for the users of one partition. */
export interface PartitionBound {
  readonly actor: string;
  /** Scope names, sorted: the actor's grants ∩ the grants each of the partition's users can obtain. */
  readonly scopes: readonly string[];
}

export interface MayActScopePlan {
  /** Scope name = OAuth scope string = the partition's name. */
  readonly name: string;
  readonly claim: 'may_act';
  /** RFC 8693 §4.4: one object (exactly one actor); array: a list of objects (the seed PoC's form). */
  readonly form: 'rfc8693' | 'array';
  /** One may_act entry each, sorted by agent; rendered as Terraform references. */
  readonly actors: readonly { readonly agent: string; readonly entity: string; readonly tokenRole: string }[];
  readonly description: string;
}

/** The identity-delegation secrets plugin: mount, config, signing key, one role per exchange. */
export interface TokenExchangePlan {
  readonly mount: string;
  /** Plugin name in Vault's catalog (the mount type). */
  readonly plugin: string;
  /** `iss` of delegated tokens. */
  readonly issuer: string;
  readonly defaultTtlSeconds: number;
  /**
   * The provider whose JWKS (`<issuer>/.well-known/keys`) verifies subject tokens. A provider's
   * JWKS holds the keys of its clients only; every client signs with the topology's one key, so
   * any subject provider's JWKS verifies every subject token, and nothing else Vault signs with
   * another key. The first subject provider by name is chosen.
   */
  readonly subjectJwksProvider: string;
  readonly key: { readonly name: string; readonly algorithm: 'RS256'; readonly keySize: 2048 };
  /** Sorted by name. */
  readonly roles: readonly ExchangeRolePlan[];
}

export interface ExchangeRolePlan {
  /** `<actor>.<partition>`. */
  readonly name: string;
  readonly actor: string;
  /** The sign-in partition whose ID tokens this role accepts: bound_issuer = its provider's issuer, bound_audiences = [its client_id]. */
  readonly partition: string;
  /** Users whose tokens it accepts (all of them delegate to `actor`). */
  readonly users: readonly string[];
  /**
   * The delegated token's scope: the partition's bound for this actor (its grants ∩ what the
   * users can obtain by signing in), never empty. See `SignInPartitionPlan.bounds`.
   */
  readonly context: readonly string[];
  /** URLs of the server agents the `context` grants are for: the delegated token's `aud`, sorted. */
  readonly audiences: readonly string[];
  readonly ttlSeconds: number;
}
