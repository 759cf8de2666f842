/**
 * The access report: for each principal of a stack (agent, user, group, and any login role or
 * agent registration that cannot be tied to an agent), what it can do, one grant per row, each
 * naming what grants it. Everything is keyed by Vault names, never by Terraform addresses, so a
 * renamed construct reports the same access. Plain data; `vault-a2a access --format json` prints it.
 */
import type { Capability } from '../vault/capabilities';
import type { Lifetime } from './lifetime';

export type ReportPrincipalKind = 'agent' | 'user' | 'group' | 'entity' | 'login-role' | 'agent-registration';

/** Why a principal may sign in through a client (see SignInAssignment in lib/analysis). */
export interface SignInVia {
  readonly assignment: string;
  /** `direct`: the assignment lists it; `group:<name>`: lists a group it is in; `everyone`: `allow_all`. */
  readonly member: string;
}

export type AccessGrant =
  | {
      /** A login role that logs in as this principal. */
      readonly kind: 'login';
      /** `<mount path>/<role name>`. */
      readonly role: string;
      readonly method: 'kubernetes' | 'jwt' | 'approle' | 'cert';
      /** Who can log in with it, in words: `service account default/test-client`. */
      readonly binding: string;
      /** Policies on the tokens it issues. */
      readonly policies: readonly string[];
      /** False when the role removes Vault's `default` policy from its tokens. */
      readonly defaultPolicy: boolean;
      readonly tokenTtl: Lifetime;
      readonly tokenMaxTtl: Lifetime;
    }
  | {
      /** A Vault Enterprise agent registration of this principal's entity. */
      readonly kind: 'registration';
      readonly registration: string;
      readonly ceilingPolicies: readonly string[];
      /** True unless `no_default_ceiling_policy`: Vault then adds its default ceiling policy. */
      readonly defaultCeilingPolicy: boolean;
      /** Whether requests must carry RAR `authorization_details` (Vault's default: required). */
      readonly authorizationDetails: 'required' | 'optional';
    }
  | { readonly kind: 'member-of'; readonly group: string }
  | {
      readonly kind: 'policy';
      readonly policy: string;
      /** How it is attached: `token:<login role id>`, `entity`, `group:<name>`, `default`, `ceiling`. */
      readonly attached: readonly string[];
      /** False when the stack does not define it (and it is not built in): what it grants is unknown. */
      readonly known: boolean;
    }
  | { readonly kind: 'vault-path'; readonly path: string; readonly capabilities: readonly Capability[]; readonly policies: readonly string[] }
  | {
      /** Can read the client's id and secret, so can obtain whatever the client can. */
      readonly kind: 'client-credentials';
      readonly client: string;
      readonly idTokenTtl: Lifetime;
      readonly accessTokenTtl: Lifetime;
      readonly policies: readonly string[];
    }
  | { readonly kind: 'identity-token'; readonly role: string; readonly claims: readonly string[]; readonly ttl: Lifetime; readonly policies: readonly string[] }
  | { readonly kind: 'introspect'; readonly policies: readonly string[] }
  | { readonly kind: 'token-exchange'; readonly mount: string; readonly role: string; readonly actor?: string; readonly policies: readonly string[] }
  | {
      /** May sign in through the client as an end user. */
      readonly kind: 'sign-in';
      readonly client: string;
      readonly idTokenTtl: Lifetime;
      readonly accessTokenTtl: Lifetime;
      readonly assignments: readonly SignInVia[];
    }
  | {
      readonly kind: 'scope';
      readonly scope: string;
      /** Top-level claims the scope adds to the token. */
      readonly claims: readonly string[];
      readonly client: string;
      readonly provider: string;
      /** `client`: holds the client's credentials; `end-user`: signs in through the client. */
      readonly as: 'client' | 'end-user';
    }
  | {
      /** RFC 8693: may act for `subject`, whose tokens name it in `may_act`. */
      readonly kind: 'acts-for';
      /** Report principal id, kind and name of the subject. */
      readonly subjectId: string;
      readonly subjectKind: ReportPrincipalKind;
      readonly subject: string;
      /** `scope:<name>` or `identity-token-role:<name>` whose template carries the claim. */
      readonly via: string;
    }
  | {
      /** RFC 8693: this principal's tokens let `actor` act for it. */
      readonly kind: 'may-act';
      /** Entity name of the actor. */
      readonly actor: string;
      readonly actorClient: string;
      readonly actorClientKind: 'oidc-client' | 'identity-token-role' | 'any' | 'unresolved';
      readonly via: string;
    };

export type GrantKind = AccessGrant['kind'];

/** The order grants are listed in: how a principal gets in, then what it can reach. */
export const GRANT_KINDS: readonly GrantKind[] = [
  'login',
  'registration',
  'member-of',
  'policy',
  'vault-path',
  'client-credentials',
  'identity-token',
  'introspect',
  'token-exchange',
  'sign-in',
  'scope',
  'acts-for',
  'may-act',
];

export interface PrincipalReport {
  /** The access model's id of the principal shown (`entity:test-client`). */
  readonly id: string;
  readonly kind: ReportPrincipalKind;
  readonly name: string;
  /** Other access-model principals folded in: the agent's login roles and registration. */
  readonly includes: readonly string[];
  /** Groups only: names of the entities in it (nested groups included). */
  readonly members?: readonly string[];
  /** External groups only: the IdP groups (group aliases) that add a login on `mount` to it, sorted. */
  readonly idpGroups?: readonly { readonly mount: string; readonly group: string }[];
  /** Sorted by GRANT_KINDS order, then by what is granted. */
  readonly grants: readonly AccessGrant[];
}

export interface StackAccessReport {
  readonly stack: string;
  readonly file?: string;
  /** Agents, users, groups, then other principals; by name within each kind. */
  readonly principals: readonly PrincipalReport[];
}
