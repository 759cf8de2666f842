/**
 * A topology after validation and normalization: every reference resolved, defaults applied,
 * durations in seconds, maps turned into arrays sorted by name, set-like lists sorted and
 * de-duplicated. Two topologies that differ only in key or list order normalize to equal values,
 * which is what makes synthesized output byte-identical.
 */
import type { NormalizedAudit } from './normalized-audit';
import type { NormalizedRegistration, NormalizedResourceServer } from './normalized-registry';
import type { AuthMountType } from './schema';
import type { BackendSpec } from './schema-organization';
import type { OidcKeyAlgorithm } from '../vault/jwt';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../vault/ttl-limits';

export interface NormalizedSkill {
  readonly id: string;
  readonly actions: readonly string[];
  readonly description?: string;
  /** Listed on the public Agent Card; false ⇒ only on the authenticated extended card. */
  readonly public: boolean;
}

export type NormalizedLogin =
  | { readonly kind: 'kubernetes'; readonly mount: string; readonly serviceAccount: string; readonly namespace: string; readonly audience?: string }
  | { readonly kind: 'jwt'; readonly mount: string; readonly subject: string; readonly audiences: readonly string[] }
  | ({ readonly kind: 'approle'; readonly mount: string } & NormalizedAppRoleSettings)
  | NormalizedCertLogin;

/** What an AppRole login states about its secret ids and tokens; absent fields get the compiler's defaults. */
export interface NormalizedAppRoleSettings {
  readonly secretIdTtlSeconds?: number;
  readonly secretIdNumUses?: number;
  /** Sorted, no duplicates. */
  readonly secretIdBoundCidrs?: readonly string[];
  /** Sorted, no duplicates. */
  readonly tokenBoundCidrs?: readonly string[];
}

/** An agent's own token TTLs (each at most the topology's), only those it sets. */
export interface NormalizedAgentTtl {
  readonly accessTokenSeconds?: number;
  readonly idTokenSeconds?: number;
  readonly identityTokenSeconds?: number;
  readonly loginTokenSeconds?: number;
}

/** The topology's signing key, as written (defaults applied by the compiler). */
export interface NormalizedSigningKey {
  readonly rotationPeriodSeconds?: number;
  readonly verificationTtlSeconds?: number;
  readonly algorithm?: OidcKeyAlgorithm;
}

/**
 * A client-certificate login: the CA (PEM, certificates only, as read from the file the topology
 * names) and the one name a certificate must carry. Vault's cert auth names the entity alias after
 * the certificate's subject common name, whichever the binding.
 */
export interface NormalizedCertLogin {
  readonly kind: 'cert';
  readonly mount: string;
  /** The certificate blocks of the CA file, line endings normalized, one final newline. */
  readonly caCertificate: string;
  readonly name: { readonly kind: 'common-name' | 'uri-san'; readonly value: string };
}

/** A Vault external group: logins on `mount` whose groups claim names `alias` are its members. */
export interface NormalizedExternalGroup {
  readonly name: string;
  readonly mount: string;
  readonly alias: string;
  readonly description?: string;
}

export interface NormalizedGrant {
  readonly skill: string;
  readonly action: string;
}

export interface NormalizedCall {
  readonly agent: string;
  /** Sorted by skill, then action; no duplicates. */
  readonly grants: readonly NormalizedGrant[];
}

export interface NormalizedMembers {
  readonly users: readonly string[];
  readonly groups: readonly string[];
}

/** A least-privilege finding accepted for an agent; `reason` appears in every report. */
export interface NormalizedSuppression {
  readonly rule: string;
  readonly resource?: string;
  readonly reason: string;
}

export interface NormalizedAgent {
  readonly name: string;
  readonly description?: string;
  /** Who answers for the agent (`owner`, else `registry.owner`); written into its metadata and tokens. */
  readonly owner?: string;
  /** TTLs this agent shortens; absent when it uses the topology's. */
  readonly ttl?: NormalizedAgentTtl;
  /** Sorted by rule, then resource; absent when there are none. */
  readonly suppressions?: readonly NormalizedSuppression[];
  readonly url?: string;
  readonly skills: readonly NormalizedSkill[];
  readonly login?: NormalizedLogin;
  readonly oidc?: {
    readonly redirectUris: readonly string[];
    readonly members: NormalizedMembers;
    /** Raised to replace the client (a new client_id and secret); absent means 1. */
    readonly clientGeneration?: number;
  };
  readonly headless: boolean;
  /** Present when the agent is registered in Vault's agent registry. */
  readonly registry?: NormalizedRegistration;
  /** Sorted by agent name; calls to the same agent merged. */
  readonly calls: readonly NormalizedCall[];
  /** Users and groups this agent may act for (RFC 8693); absent when it acts for nobody. */
  readonly actsFor?: NormalizedMembers;
}

/** The identity-delegation secrets plugin's mount; the compiler derives the default issuer. */
export interface NormalizedTokenExchange {
  readonly mount: string;
  readonly plugin: string;
  readonly issuer?: string;
  readonly ttlSeconds: number;
}

/** RFC 8693 §4.4 (one object) or the seed PoC's list of objects. */
export type MayActForm = 'rfc8693' | 'array';

export const DEFAULT_MAY_ACT_FORM: MayActForm = 'rfc8693';

export interface NormalizedTopology {
  readonly name: string;
  readonly vault: { readonly address: string; readonly namespace?: string };
  readonly ttl: {
    readonly accessTokenSeconds: number;
    readonly idTokenSeconds: number;
    readonly identityTokenSeconds: number;
    readonly loginTokenSeconds: number;
  };
  /** The signing key's settings as written; absent means Vault's and the project's defaults (24h, 24h, RS256). */
  readonly signingKey?: NormalizedSigningKey;
  readonly mounts: readonly { readonly name: string; readonly type: AuthMountType; readonly path: string; readonly groupsClaim?: string }[];
  readonly users: readonly { readonly name: string; readonly mount: string; readonly alias: string; readonly groups: readonly string[] }[];
  readonly groups: readonly { readonly name: string; readonly description?: string }[];
  /** Sorted by name; absent when there are none. */
  readonly externalGroups?: readonly NormalizedExternalGroup[];
  /** OAuth resource-server profiles, sorted by name; absent when there are none. */
  readonly resourceServers?: readonly NormalizedResourceServer[];
  readonly agents: readonly NormalizedAgent[];
  readonly tokenExchange?: NormalizedTokenExchange;
  /** Delegation settings; absent means the defaults (may_act in the RFC 8693 form). */
  readonly delegation?: { readonly mayActForm: MayActForm };
  /** The audit trail; absent when the topology has no `audit`. */
  readonly audit?: NormalizedAudit;
  /** Present when the topology was read from a directory (org.yaml + teams/): its teams and stacks settings. */
  readonly organization?: NormalizedOrganization;
}

/** A topology directory's teams, state backend and stack ceiling (see directory.ts). */
export interface NormalizedOrganization {
  /** The directory as given, and its organization file. */
  readonly directory: string;
  readonly file: string;
  readonly backend: BackendSpec;
  readonly maxResources: number;
  /** Sorted by name. */
  readonly teams: readonly NormalizedTeam[];
}

export interface NormalizedTeam {
  /** The team file's name without extension. */
  readonly name: string;
  readonly file: string;
  /** Relative to the topology's vault.namespace. */
  readonly namespace?: string;
  readonly shards: number;
  /** Names of its agents, sorted. */
  readonly agents: readonly string[];
}

export const DEFAULT_TOPOLOGY_NAME = 'a2a';
/** Default token TTL of a topology (see lib/vault/ttl-limits.ts). */
export const DEFAULT_TTL_SECONDS = DEFAULT_TOKEN_TTL_SECONDS;
