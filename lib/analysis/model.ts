/**
 * The Vault objects of one stack as typed plain data: what the access model and the rules read.
 * Built from resolved Terraform blocks by model-build.ts; every object keeps its Terraform
 * address so findings point at the resource to fix.
 */
import type { Json } from './json';
import type { PolicyParseResult } from './policy-document';
import type { Ttl } from './ttl';
import type { IdValue } from './values';

interface Located {
  /** Terraform address, e.g. `vault_identity_oidc_client.test-client`. */
  readonly address: string;
}

export interface OidcKey extends Located {
  readonly name: string;
  readonly allowedClientIds: readonly IdValue[];
  readonly rotationPeriod: Ttl;
  readonly verificationTtl: Ttl;
  /** As written; undefined means Vault's default (RS256). */
  readonly algorithm?: string;
}

/**
 * A part of the stack the model cannot evaluate (design of issue #9, section 5): an unknown
 * resource type or data source, an argument whose value is an expression, a meta-argument such
 * as `count`, a duplicate Vault name. It is never skipped silently: A2A-MODEL-UNREADABLE reports
 * it, and the access facts carry it so a diff that adds one counts as an escalation.
 */
export interface Unreadable extends Located {
  /** What cannot be read: `resource type`, `argument token_policies`, `count`, `duplicate name`, ... */
  readonly what: string;
  readonly reason: string;
  /**
   * Identity without the Terraform address (type, what, and the block's configuration): equal
   * for the same unreadable block in two versions of a stack, different when it changed.
   */
  readonly key: string;
}

/** `vault_identity_oidc_key_allowed_client_id`: one client or role allowed to use a key. */
export interface KeyAllowedClient extends Located {
  readonly keyName: string;
  readonly clientId: IdValue;
}

export interface OidcClient extends Located {
  readonly name: string;
  readonly key: string;
  /** Assignment names (Vault lower-cases nothing here: names are matched as written). */
  readonly assignments: readonly string[];
  readonly redirectUris: readonly string[];
  readonly clientType: string;
  readonly idTokenTtl: Ttl;
  readonly accessTokenTtl: Ttl;
  /** `lifecycle.replace_triggered_by` addresses: what replaces the client (a new client_id and secret). */
  readonly replaceTriggeredBy: readonly string[];
}

/**
 * `terraform_data`: Terraform's built-in resource. It grants nothing in Vault; a stack uses it
 * to replace other resources (`replace_triggered_by`), e.g. an OIDC client's generation.
 */
export interface TerraformData extends Located {
  readonly triggersReplace?: Json;
  readonly input?: Json;
}

export interface OidcProvider extends Located {
  readonly name: string;
  readonly allowedClientIds: readonly IdValue[];
  /** The whole list is an expression: which clients it admits is unknown. */
  readonly allowedClientIdsComputed: boolean;
  readonly scopes: readonly string[];
  readonly httpsEnabled: boolean;
  readonly issuerHost?: string;
}

export interface OidcScope extends Located {
  readonly name: string;
  readonly template?: string;
  readonly claims: ClaimTemplate;
}

/** A scope or role template, parsed as JSON once the references in it are accounted for. */
export type ClaimTemplate =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly error: string }
  | { readonly kind: 'claims'; readonly keys: readonly string[]; readonly value: { readonly [k: string]: Json }; readonly mayAct?: readonly MayActEntry[] };

/** One actor listed in a `may_act` claim. */
export interface MayActEntry {
  readonly clientId: IdValue;
  readonly sub: IdValue;
}

export interface OidcAssignment extends Located {
  readonly name: string;
  readonly entityIds: readonly IdValue[];
  readonly groupIds: readonly IdValue[];
}

export interface OidcRole extends Located {
  readonly name: string;
  readonly key: string;
  readonly ttl: Ttl;
  readonly template?: string;
  readonly claims: ClaimTemplate;
  /** `client_id` when set in the configuration (Vault generates one otherwise). */
  readonly clientId?: string;
}

export interface Entity extends Located {
  readonly name: string;
  readonly policies: readonly string[];
  readonly disabled: boolean;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface EntityAlias extends Located {
  readonly name: IdValue;
  readonly mountAccessor: IdValue;
  readonly canonicalId: IdValue;
  /** `custom_metadata`: readable by claim templates (`identity.entity.aliases.<accessor>.custom_metadata`). */
  readonly customMetadata?: Readonly<Record<string, string>>;
}

export interface Group extends Located {
  readonly name: string;
  readonly type: 'internal' | 'external';
  readonly policies: readonly string[];
  readonly memberEntityIds: readonly IdValue[];
  readonly memberGroupIds: readonly IdValue[];
  readonly metadata?: Readonly<Record<string, string>>;
}

/** `vault_identity_group_alias`: logins on `mountAccessor` whose IdP groups include `name` join the external group. */
export interface GroupAlias extends Located {
  readonly name: string;
  readonly mountAccessor: IdValue;
  readonly canonicalId: IdValue;
}

/** Policies or members attached to an entity or group by a separate resource. */
export interface Attachment extends Located {
  readonly target: IdValue;
  readonly policies: readonly string[];
  readonly memberEntityIds: readonly IdValue[];
  /** `vault_identity_group_member_group_ids`: groups made members (subgroups) of the target. */
  readonly memberGroupIds?: readonly IdValue[];
}

export interface Policy extends Located {
  readonly name: string;
  readonly source: 'hcl' | 'json' | 'policy-document' | 'computed';
  /** Document text as parsed (unresolved parts shown as `<expr>`). */
  readonly text?: string;
  readonly parsed: PolicyParseResult;
}

export interface AuthMount extends Located {
  /** Mount path without `auth/`. */
  readonly path: string;
  readonly type?: string;
}

interface LoginRoleBase extends Located {
  readonly roleName: string;
  readonly mountPath: string;
  readonly policies: readonly string[];
  readonly noDefaultPolicy: boolean;
  readonly tokenTtl: Ttl;
  readonly tokenMaxTtl: Ttl;
  readonly tokenExplicitMaxTtl: Ttl;
  readonly tokenPeriod: Ttl;
  readonly tokenBoundCidrs: readonly string[];
  /** 0 = unlimited (Vault's default). */
  readonly tokenNumUses?: number;
  /** `alias_metadata`: set on the alias at login, readable by claim templates. */
  readonly aliasMetadata?: Readonly<Record<string, string>>;
}

export type LoginRole =
  | (LoginRoleBase & {
      readonly method: 'kubernetes';
      /** Undefined when the argument is missing (Vault then rejects the role or allows all, see rules). */
      readonly serviceAccounts?: readonly string[];
      readonly namespaces?: readonly string[];
      readonly namespaceSelector?: string;
      readonly aliasNameSource: string;
      /** `audience`: when set, the service account token's `aud` must contain it. */
      readonly audience?: string;
    })
  | (LoginRoleBase & {
      readonly method: 'jwt';
      readonly roleType: string;
      readonly boundSubject?: string;
      readonly boundAudiences: readonly string[];
      readonly boundClaims: Readonly<Record<string, Json>>;
      readonly userClaim: string;
      /** `string` (default, exact) or `glob`. */
      readonly boundClaimsType?: string;
      /** The provider splits string values of bound_claims at commas unless this is true. */
      readonly disableBoundClaimsParsing?: boolean;
      readonly userClaimJsonPointer?: boolean;
      /** Values of this claim join external groups with a matching group alias. */
      readonly groupsClaim?: string;
      /** claim → alias metadata key (readable by claim templates). */
      readonly claimMappings?: Readonly<Record<string, string>>;
      /** Seconds; undefined = Vault's default (0 in the provider means the default too). */
      readonly clockSkewLeeway?: number;
      readonly expirationLeeway?: number;
      readonly notBeforeLeeway?: number;
      /** `role_type = oidc`: redirect URIs the browser flow may return to. */
      readonly allowedRedirectUris?: readonly string[];
    })
  | (LoginRoleBase & {
      readonly method: 'approle';
      readonly bindSecretId: boolean;
      readonly secretIdBoundCidrs: readonly string[];
      /** `role_id` when set in the configuration (the alias name of logins through this role). */
      readonly roleId?: string;
      /** Unset or 0: Vault's default, secret ids never expire. */
      readonly secretIdTtl: Ttl;
      /** Undefined when unset (Vault: unlimited) or only known after apply. */
      readonly secretIdNumUses?: number;
    })
  | (LoginRoleBase & {
      readonly method: 'cert';
      /** `certificate`: the trusted CA (or, when not a CA, the one trusted client certificate), as written. */
      readonly certificate: string;
      /** The allowed_* constraints (go-glob patterns, any-of within one list; every non-empty list must match). */
      readonly allowedCommonNames: readonly string[];
      readonly allowedUriSans: readonly string[];
      readonly allowedDnsSans: readonly string[];
      readonly allowedEmailSans: readonly string[];
      /** Deprecated `allowed_names`: matched against the common name, DNS and email SANs. */
      readonly allowedNames: readonly string[];
      readonly allowedOrganizationalUnits: readonly string[];
      /** `required_extensions` ("oid:value" patterns): every one must match. */
      readonly requiredExtensions: readonly string[];
    });

export interface AgentRegistration extends Located {
  readonly displayName: string;
  readonly entityId: IdValue;
  readonly ceilingPolicies: readonly string[];
  readonly noDefaultCeilingPolicy: boolean;
  readonly optionalAuthorizationDetails?: boolean;
}

/** `vault_oauth_resource_server_config_profile` (Vault Enterprise): an issuer whose JWTs Vault accepts. */
export interface ResourceServerProfile extends Located {
  readonly name: string;
  /** Claim naming the entity alias (provider default `sub`). */
  readonly userClaim?: string;
  readonly jwtType?: string;
  /** Provider default false: Vault's default policy is added. */
  readonly noDefaultPolicy?: boolean;
  /** Key ids and a digest of each PEM, sorted. */
  readonly publicKeys?: readonly string[];
  readonly jwksCaPem?: string;
  readonly issuer: string;
  /** Provider default: true. */
  readonly useJwks: boolean;
  /** Literal URL; undefined when absent or only known after apply. */
  readonly jwksUri?: string;
  readonly jwksUriComputed: boolean;
  readonly publicKeyCount: number;
  /** Literal audiences; `audiencesComputed` when the list is an expression. */
  readonly audiences: readonly string[];
  readonly audiencesComputed: boolean;
  /** Undefined when the argument is absent: the provider then accepts all nine algorithms. */
  readonly supportedAlgorithms?: readonly string[];
  /** Seconds; provider default 0; undefined when only known after apply. */
  readonly clockSkewLeeway?: number;
  /** Provider default: true. */
  readonly enabled: boolean;
  /** Provider default: false (RAR mandatory). */
  readonly optionalAuthorizationDetails: boolean;
}

/** A role of an identity-delegation (RFC 8693 token-exchange) engine, written with vault_generic_endpoint. */
export interface ExchangeRole extends Located {
  /** Mount path of the engine. */
  readonly mount: string;
  readonly name: string;
  /** Absent when missing or empty: the plugin then accepts any issuer its JWKS verifies. */
  readonly boundIssuer?: IdValue;
  /** Empty when missing: the plugin then accepts any audience. */
  readonly boundAudiences: readonly IdValue[];
  /** Whom the delegated token names as actor (`act.sub` of the actor template). */
  readonly actor: ExchangeActor;
  /**
   * `context`: the scopes its delegated tokens carry (a list, or one string of scopes separated by
   * "," or spaces). `unreadable` when it is an expression the model cannot evaluate.
   */
  readonly context: { readonly kind: 'scopes'; readonly scopes: readonly string[] } | { readonly kind: 'unreadable'; readonly text: string };
  readonly key?: string;
  readonly ttl?: Ttl;
  /** `actor_template` and `subject_template` as parsed claims. */
  readonly actorTemplate?: ClaimTemplate;
  readonly subjectTemplate?: ClaimTemplate;
}

/** `<mount>/config` of an identity-delegation engine. */
export interface ExchangeConfig extends Located {
  readonly mount: string;
  readonly issuer?: string;
  /** Raw value (a literal URL or a template with a provider's issuer). */
  readonly subjectJwksUri?: string;
  readonly defaultTtl?: Ttl;
}

/**
 * Configuration of an auth mount or method the model does not evaluate argument by argument
 * (`vault_jwt_auth_backend`, `vault_kubernetes_auth_backend_config`): it decides whose
 * credentials a mount trusts, so each argument is compared as it is written.
 */
export interface MountConfig extends Located {
  readonly type: string;
  readonly mountPath: string;
  /** Argument → its value as canonical JSON (references shown by address). */
  readonly arguments: Readonly<Record<string, string>>;
}

/**
 * The plugin renders `actor_template` with the requesting entity (identity-delegation plugin,
 * path_token_handlers.go), and uses `entity:<id>` when `act.sub` is absent. So the actor is:
 * - `caller`: `act.sub` is `{{identity.entity.id}}` (or absent): whoever writes `<mount>/token/<role>`;
 *   the ACL alone decides who that may be;
 * - `fixed`: a literal or referenced id, written into every delegated token whoever exchanges;
 * - `unreadable`: anything else (another template, not JSON): the checks cannot tell.
 */
export type ExchangeActor =
  | { readonly kind: 'caller' }
  | { readonly kind: 'fixed'; readonly sub: IdValue }
  | { readonly kind: 'unreadable'; readonly text: string };

/** A configuration write to an exchange engine (config, key or role), whose path no principal should be able to write. */
export interface ExchangeEndpoint extends Located {
  readonly mount: string;
  readonly path: string;
}

/** `vault_audit`: a device Vault logs every request and response to. */
export interface AuditDevice extends Located {
  readonly type: string;
  /** sys/audit/<path>; the provider's default is the type. */
  readonly path: string;
  /** Literal options (Vault takes strings); an expression-valued option is absent here and listed in `computedOptions`. */
  readonly options: Readonly<Record<string, string>>;
  readonly computedOptions: readonly string[];
}

/** `vault_audit_request_header`: a request header written into every audit entry. */
export interface AuditRequestHeader extends Located {
  readonly name: string;
  /** Provider and API default: false (the value is logged in plaintext). */
  readonly hmac: boolean;
}

export interface Output extends Located {
  readonly name: string;
  readonly value: Json;
  readonly sensitive: boolean;
}

export interface StackModel {
  readonly name: string;
  readonly file?: string;
  readonly keys: readonly OidcKey[];
  readonly keyAllowedClients: readonly KeyAllowedClient[];
  readonly clients: readonly OidcClient[];
  /** `terraform_data` resources (no Vault object; read so that nothing in a stack goes unread). */
  readonly terraformData: readonly TerraformData[];
  readonly providers: readonly OidcProvider[];
  readonly scopes: readonly OidcScope[];
  readonly assignments: readonly OidcAssignment[];
  readonly roles: readonly OidcRole[];
  readonly entities: readonly Entity[];
  readonly aliases: readonly EntityAlias[];
  readonly groups: readonly Group[];
  readonly groupAliases?: readonly GroupAlias[];
  readonly entityPolicies: readonly Attachment[];
  readonly groupPolicies: readonly Attachment[];
  readonly groupMembers: readonly Attachment[];
  readonly policies: readonly Policy[];
  readonly mounts: readonly AuthMount[];
  readonly loginRoles: readonly LoginRole[];
  readonly registrations: readonly AgentRegistration[];
  readonly resourceServerProfiles: readonly ResourceServerProfile[];
  /** `terraform.required_providers.vault.version` as written; undefined when absent or not a literal. */
  readonly vaultProviderConstraint?: string;
  /** The vault provider's `namespace` (part of every issuer URL); undefined when unset. */
  readonly vaultNamespace?: string;
  readonly outputs: readonly Output[];
  readonly auditDevices: readonly AuditDevice[];
  readonly auditRequestHeaders: readonly AuditRequestHeader[];
  readonly exchangeRoles: readonly ExchangeRole[];
  readonly exchangeEndpoints: readonly ExchangeEndpoint[];
  readonly exchangeConfigs?: readonly ExchangeConfig[];
  readonly mountConfigs?: readonly MountConfig[];
  /**
   * Entities and groups named by a lookup (`data.vault_identity_entity` / `_group` by name):
   * data-source address → the name it looks up.
   */
  readonly lookups?: Readonly<Record<string, { readonly kind: 'entity' | 'group'; readonly name: string }>>;
  /** Reference cycles between blocks (Terraform refuses them at plan time). */
  readonly cycles: readonly (readonly string[])[];
  /** What the model cannot evaluate (fail closed); empty for a stack read completely. */
  readonly unreadable?: readonly Unreadable[];
}
