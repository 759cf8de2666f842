/**
 * The normalized agent registration and resource servers (see normalized.ts): defaults applied,
 * every exception to a secure default carried together with its reason.
 */
import type { JwtAlgorithm, JwtType } from '../vault/jwt';

/** Whether tokens must carry `authorization_details` (RAR). Optional only with a reason. */
export type AuthorizationDetailsRequirement =
  | { readonly kind: 'required' }
  | { readonly kind: 'optional'; readonly reason: string };

/** What caps a registered agent: its own grants (the default), or named policies with a reason. */
export type NormalizedCeiling =
  | { readonly kind: 'derived' }
  | { readonly kind: 'explicit'; readonly policies: readonly string[]; readonly reason: string };

export interface NormalizedRegistration {
  readonly owner?: string;
  readonly description?: string;
  readonly ceiling: NormalizedCeiling;
  readonly authorizationDetails: AuthorizationDetailsRequirement;
  /** The agent's user-claim value at each resource server that maps JWTs to entities; sorted by server; absent when none. */
  readonly subjects?: readonly { readonly resourceServer: string; readonly subject: string }[];
}

/** Where a resource server's JWTs resolve to entities: an accessor named literally, or an auth mount's. */
export type NormalizedEntityAliases = { readonly kind: 'accessor'; readonly accessor: string } | { readonly kind: 'mount'; readonly mount: string };

export interface NormalizedPublicKey {
  readonly keyId: string;
  readonly pem: string;
}

export type NormalizedKeySource =
  | { readonly kind: 'jwks'; readonly uri: string }
  | { readonly kind: 'public-keys'; readonly keys: readonly NormalizedPublicKey[] };

export interface NormalizedResourceServer {
  readonly name: string;
  readonly issuer: string;
  readonly keySource: NormalizedKeySource;
  /** Sorted, no duplicates. */
  readonly audiences: readonly string[];
  /** Sorted, no duplicates. */
  readonly algorithms: readonly JwtAlgorithm[];
  readonly clockSkewLeewaySeconds: number;
  readonly userClaim: string;
  readonly jwtType: JwtType;
  readonly authorizationDetails: AuthorizationDetailsRequirement;
  /** The opt-in mapping of JWTs to agents' entities; absent: JWTs resolve to no entity the topology makes. */
  readonly entityAliases?: NormalizedEntityAliases;
}
