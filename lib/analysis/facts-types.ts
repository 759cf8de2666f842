/**
 * Access facts (issue #9): what every principal of a stack can do in Vault, keyed by Vault names
 * only, so two stacks that grant the same access have the same facts whatever their Terraform
 * addresses or spelling. Each fact carries the Terraform addresses that give it.
 *
 * Computed by `accessFacts` (facts.ts) from a stack model, and compared by `compareFacts`
 * (facts-compare.ts). Applied to the model of a synthesized stack it gives the *effective*
 * access; applied to `modelFromPlan(plan)` it gives the *intended* access.
 *
 * Principal keys:
 * - `entity:<name>` an identity entity (every agent and user); `entity-id:<id>` one named only by
 *   a literal id (outside the stack);
 * - `group:<name>`;
 * - `login:<mount path>:<credential>` a workload: one credential that can log in (a Kubernetes
 *   `<namespace>/<service account>`, a JWT's bound claims and audience, an AppRole role, or a
 *   user name on a mount the stack has no login roles for);
 * - `oidc-client:<name>`, `identity-token-role:<name>`, `key:<name>`,
 *   `exchange-role:<mount>/<name>`, `exchange-engine:<mount>`, `profile:<name>`,
 *   `auth-mount:<path>`: what an object yields to whoever can use it;
 * - `stack`: what the model could not read (see model-inventory.ts).
 *
 * Fact keys, by principal (the vocabulary docs/checks.md documents):
 * - entity: `alias:<mount>:<name>`, `member:<group>`, `sign-in:<client>`, `logged-in-by:<login>`,
 *   `unknown-policy:<name>`, `metadata:<k>=<v>`, `registered:<name>`, `rar:optional`,
 *   `ceiling:default-ceiling`, `ceiling-unknown-policy:<name>`;
 * - group: `member-of:<group>`, `sign-in:<client>`, `alias:<mount>:<name>`, `external`,
 *   `unknown-policy:<name>`, `metadata:<k>=<v>`;
 * - login: `lands-on:<entity>` (or `lands-on:?` when the alias name is not predictable),
 *   `unknown-policy:<name>`, `groups-from-claim:<claim>`, `claim-mapping:<claim>=<key>`,
 *   `alias-metadata:<k>=<v>`, `redirect:<uri>`;
 * - oidc-client: `issuer:<provider>`, `scope:<scope>`, `claim:<scope>:<k>=<json>`,
 *   `may-act:<scope>:<actor entity>/<actor client>`, `redirect:<uri>`, `type:<type>`,
 *   `key:<key>`, `sign-in:everyone`, `unknown-scope:<scope>`;
 * - identity-token-role: `claim:<k>=<json>`, `may-act:<actor>/<client>`, `key:<key>`, `client-id:<id>`;
 * - key: `allows:<client or role>`;
 * - exchange-role: `issuer:<provider>`, `audience:<client>`, `context:<scope>`,
 *   `actor:<template>`, `subject:<template>`, `key:<key>`, `accepts-user:<entity>` (every user
 *   whose ID token the role accepts: the scopes it yields are its `context:` facts);
 * - exchange-engine: `issuer:<url>`, `jwks:<source>`, `key:<name>:<settings>`;
 * - profile: `issuer:`, `aud:`, `alg:`, `jwks:`, `jwks-ca:`, `public-key:`, `user-claim:`,
 *   `jwt-type:`, `default-policy`, `rar:optional`, `enabled`;
 * - auth-mount: `config:<argument>=<json>`;
 * - stack: `unreadable:<key>`.
 * Vault paths are not facts of their own: each principal that can hold a token carries its ACLs
 * (`acls`), compared by witnesses (facts-compare.ts); limits (TTLs, uses, CIDRs) compare by order.
 */
import type { AclRule } from './acl';

export type FactPrincipalKind =
  | 'entity'
  | 'group'
  | 'login'
  | 'oidc-client'
  | 'identity-token-role'
  | 'key'
  | 'exchange-role'
  | 'exchange-engine'
  | 'profile'
  | 'auth-mount'
  | 'stack';

/** Where a fact comes from: the Terraform addresses that give it, and how, in words. */
export interface Provenance {
  readonly addresses: readonly string[];
  readonly via: string;
}

export interface Fact {
  readonly key: string;
  /** The fact in words, for messages: `may sign in through client "chat"`. */
  readonly text: string;
  readonly sources: readonly Provenance[];
  /**
   * Only there because a part of the stack is unreadable (A2A-MODEL-UNREADABLE reports that
   * part; an access comparison still counts the fact as more access).
   */
  readonly fromUnreadable?: boolean;
}

/**
 * A bounded value: larger is wider. `number`: seconds, uses, … (`Infinity` = unbounded).
 * `set`: CIDRs or audiences a credential is restricted to (`all` = unrestricted).
 */
export type LimitValue = { readonly kind: 'number'; readonly value: number } | { readonly kind: 'set'; readonly values: readonly string[] | 'all' };

export interface Limit {
  readonly key: string;
  /** What is limited, in words: `login token TTL`. */
  readonly text: string;
  /** How to show a number: a duration in seconds, a count, or a yes (1) / no (0) flag. */
  readonly unit?: 'seconds' | 'count' | 'flag';
  readonly value: LimitValue;
  readonly sources: readonly Provenance[];
}

/**
 * One token a principal can hold and the ACL it carries. A workload that can log in through
 * several roles holds several tokens: a request is allowed when any one of them allows it
 * (their policies are never merged into one token).
 */
export interface TokenAcl {
  /** `login role kubernetes/chat, entity chat`. */
  readonly label: string;
  readonly rules: readonly AclRule[];
  /** Policy name → how it is attached, with the addresses of the attachment and of the policy. */
  readonly policies: ReadonlyMap<string, Provenance>;
  /** Policy name → the `vault_policy` resources that define it (empty for built-in and unknown ones). */
  readonly policyResources?: ReadonlyMap<string, readonly string[]>;
}

export interface PrincipalFacts {
  readonly key: string;
  readonly kind: FactPrincipalKind;
  readonly name: string;
  /** Terraform addresses that define the principal. */
  readonly addresses: readonly string[];
  readonly facts: ReadonlyMap<string, Fact>;
  /** Bounds only: a limit that is absent is unbounded. */
  readonly limits: ReadonlyMap<string, Limit>;
  /** Vault ACLs of the tokens it can hold (empty for objects that hold no token). */
  readonly acls: readonly TokenAcl[];
  /** Registered agents (entity): the registry ceiling each request must also pass. */
  readonly ceiling?: readonly TokenAcl[];
}

export interface AccessFacts {
  readonly stack: string;
  /** By principal key. */
  readonly principals: ReadonlyMap<string, PrincipalFacts>;
}
