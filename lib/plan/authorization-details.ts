/**
 * The authorization-details artifact: for each registered agent, the `authorization_details`
 * (RFC 9396, type `vault:path_access`) its access tokens should carry, and the resource-server
 * profiles Vault will check them against. Written next to the stack's `cdk.tf.json` as
 * `authorization-details.json`, so the IdP side is configured from the same topology as Vault.
 *
 * Pure: plan in, text out. Field order is fixed here and every list comes sorted from the plan,
 * so equal plans give byte-identical files.
 */
import type { AccessPlan } from './types';
import type { AuthorizationDetailsRequirement, PathAccessDetail } from './registry-types';

export const AUTHORIZATION_DETAILS_FILE = 'authorization-details.json';
/** Bumped when the document's shape changes incompatibly. */
export const AUTHORIZATION_DETAILS_FORMAT = 1;

/** `required`, or `optional` together with the reason the topology gave. */
export type RequirementEntry = { readonly authorizationDetails: 'required' } | { readonly authorizationDetails: 'optional'; readonly reason: string };

export interface AuthorizationDetailsDocument {
  readonly format: typeof AUTHORIZATION_DETAILS_FORMAT;
  readonly topology: string;
  /** Paths are relative to this namespace, as in the agents' ACL policies. */
  readonly vault: { readonly address: string; readonly namespace?: string };
  readonly resourceServers: readonly ({
    readonly name: string;
    readonly issuer: string;
    readonly audiences: readonly string[];
    readonly algorithms: readonly string[];
    readonly jwtType: string;
    readonly userClaim: string;
  } & RequirementEntry)[];
  readonly agents: readonly ({
    readonly agent: string;
    /** The claim value, exactly as the token should carry it. */
    readonly authorization_details: readonly PathAccessDetail[];
  } & RequirementEntry)[];
}

function requirement(r: AuthorizationDetailsRequirement): RequirementEntry {
  return r.kind === 'required' ? { authorizationDetails: 'required' } : { authorizationDetails: 'optional', reason: r.reason };
}

/** The document for `plan`, or undefined when the plan registers no agent and trusts no issuer. */
export function authorizationDetailsDocument(plan: AccessPlan): AuthorizationDetailsDocument | undefined {
  const registry = plan.registry;
  if (registry === undefined) return undefined;
  return {
    format: AUTHORIZATION_DETAILS_FORMAT,
    topology: plan.name,
    vault: { address: plan.vault.address, ...(plan.vault.namespace !== undefined ? { namespace: plan.vault.namespace } : {}) },
    resourceServers: registry.resourceServerProfiles.map((p) => ({
      name: p.name,
      issuer: p.issuer,
      audiences: p.audiences,
      algorithms: p.algorithms,
      jwtType: p.jwtType,
      userClaim: p.userClaim,
      ...requirement(p.authorizationDetails),
    })),
    agents: registry.authorizationDetails.map((a) => ({
      agent: a.agent,
      ...requirement(a.authorizationDetails),
      authorization_details: a.entries.map((e) => ({ type: e.type, path: e.path, capabilities: e.capabilities })),
    })),
  };
}

/** The file's text: two-space JSON with a final newline; undefined when there is nothing to write. */
export function renderAuthorizationDetails(plan: AccessPlan): string | undefined {
  const document = authorizationDetailsDocument(plan);
  return document === undefined ? undefined : `${JSON.stringify(document, null, 2)}\n`;
}
