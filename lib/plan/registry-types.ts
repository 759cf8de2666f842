/**
 * The registry part of the access plan (scenario 5): agent registrations with their ceilings,
 * OAuth resource-server profiles, and the `authorization_details` each registered agent's tokens
 * should carry. Plain data, like types.ts; `A2aVaultTopology` renders it with the bindings in
 * lib/constructs/bindings and writes the authorization details next to the stack.
 */
import type { AuthorizationDetailsRequirement, NormalizedEntityAliases, NormalizedResourceServer } from '../topology/normalized-registry';
import type { Capability } from '../vault/capabilities';
import type { PolicyRule } from './policy-rule';

export type { AuthorizationDetailsRequirement } from '../topology/normalized-registry';

/**
 * What caps a registered agent. `derived`: the policy `a2a-ceiling-<agent>` (see
 * `CeilingPolicyPlan`) with exactly the agent's grants. `explicit`: existing policies the topology
 * names, with the reason it gave.
 */
export type CeilingPlan =
  | { readonly kind: 'derived'; readonly policy: string }
  | { readonly kind: 'explicit'; readonly policies: readonly string[]; readonly reason: string };

export interface RegistrationPlan {
  /** Agent name = registration display name. */
  readonly agent: string;
  readonly displayName: string;
  /** Name of the agent's identity entity (in `AccessPlan.entities`). */
  readonly entity: string;
  readonly owner?: string;
  readonly description?: string;
  readonly ceiling: CeilingPlan;
  /**
   * Always true: Vault's default ceiling policy is not ours to review, so the ceiling is exactly
   * the policies above, never more.
   */
  readonly noDefaultCeilingPolicy: true;
  readonly authorizationDetails: AuthorizationDetailsRequirement;
}

/**
 * A derived ceiling: the same paths and capabilities as the agent's own policy, kept as a policy
 * of its own so that widening the agent's policy does not widen its ceiling. Empty `rules` for an
 * agent without Vault grants: a ceiling that allows nothing (rendered as a policy document without
 * path stanzas), never an empty ceiling list, which Vault could read as "no ceiling".
 */
export interface CeilingPolicyPlan {
  readonly name: string;
  readonly agent: string;
  readonly rules: readonly PolicyRule[];
}

/** A resource server of the topology (name = profile name), as a profile that never adds Vault's default policy. */
export interface ResourceServerProfilePlan extends NormalizedResourceServer {
  /**
   * Always true: a JWT-authenticated request gets the entity's policies, not also Vault's default
   * policy (token self-management, cubbyhole, …), which no agent call needs.
   */
  readonly noDefaultPolicy: true;
}

/** One RAR entry (RFC 9396) of Vault's type: exact path, exact capabilities. */
export interface PathAccessDetail {
  readonly type: 'vault:path_access';
  readonly path: string;
  readonly capabilities: readonly Capability[];
}

/** The `authorization_details` a registered agent's tokens should carry, for the IdP side. */
export interface AgentAuthorizationDetailsPlan {
  readonly agent: string;
  readonly authorizationDetails: AuthorizationDetailsRequirement;
  /** Sorted by path; empty when the agent has no Vault grants (its tokens may do nothing). */
  readonly entries: readonly PathAccessDetail[];
}

/**
 * An entity alias that makes a resource server's JWTs resolve to a registered agent's entity:
 * (accessor, the agent's user-claim value). The accessor is the topology's explicit opt-in
 * (`resourceServers.<s>.entityAliases`): Vault's documentation says the alias is "bound to the
 * profile's issuer and the value of the configured user_claim" but not which accessor.
 */
export interface JwtEntityAliasPlan {
  readonly agent: string;
  /** Entity name (in `AccessPlan.entities`); it holds the agent's policy as its baseline (EntityPlan.policies). */
  readonly entity: string;
  readonly resourceServer: string;
  /** The alias name: the agent's value of the profile's user claim. */
  readonly name: string;
  readonly accessor: NormalizedEntityAliases;
}

export interface RegistryPlan {
  readonly registrations: readonly RegistrationPlan[];
  readonly ceilingPolicies: readonly CeilingPolicyPlan[];
  readonly resourceServerProfiles: readonly ResourceServerProfilePlan[];
  readonly authorizationDetails: readonly AgentAuthorizationDetailsPlan[];
  /** Sorted by resource server, then agent; absent when no agent has a subject at an opted-in server. */
  readonly entityAliases?: readonly JwtEntityAliasPlan[];
}
