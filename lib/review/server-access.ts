/**
 * Who can reach each skill action of each server agent, read off the access plan. Agent Cards
 * (1.0 and 0.3) and the claims file are both rendered from this one model, and the model is
 * derived from the same plan the Vault configuration is synthesized from, so a card cannot name
 * a scope Vault does not offer to exactly the clients the card implies.
 */
import { compile } from '../plan/compile';
import {
  apiBase,
  discoveryUrl,
  grantClaim,
  identityTokenIssuer,
  INTROSPECT_PATH,
  providerIssuer,
  scopeName,
} from '../plan/naming';
import type { AccessPlan } from '../plan/types';
import type { NormalizedAgent, NormalizedTopology } from '../topology/normalized';
import { compareStrings } from '../vault/order';

/** The Agent Card security scheme of the browser flow through one client agent's provider. */
export const oidcSchemeName = (client: string): string => `vault-oidc-${client}`;
/** The one scheme for identity tokens: every headless caller's token has the same issuer. */
export const IDENTITY_TOKEN_SCHEME = 'vault-identity-token';
/** Vault's authorize endpoint refuses a request whose scopes do not include `openid`. */
export const OPENID_SCOPE = 'openid';

/** A client agent that signs users in through its own provider, which offers the scope. */
export interface BrowserHolder {
  readonly client: string;
  readonly provider: string;
  readonly scheme: string;
}

/** A client agent whose identity-token role for this server carries the claim. */
export interface HeadlessHolder {
  readonly client: string;
  readonly role: string;
  readonly scheme: string;
}

export interface ActionAccess {
  readonly action: string;
  /** OAuth scope and Vault scope name `<server>.<skill>.<action>`. */
  readonly scope: string;
  /** Claim the server checks (value `true`): in userinfo (browser) or in the identity token (headless). */
  readonly claim: string;
  /** Empty for both when no client is granted the action: nobody can obtain it. */
  readonly browser: readonly BrowserHolder[];
  readonly headless: readonly HeadlessHolder[];
}

export interface SkillAccess {
  readonly id: string;
  readonly description?: string;
  /** false ⇒ listed only on the authenticated extended card. */
  readonly public: boolean;
  readonly actions: readonly ActionAccess[];
}

/** How a server verifies identity tokens: through Vault when it can log in, else by signature. */
export type IdentityTokenVerification =
  | { readonly method: 'introspect'; readonly path: string; readonly url: string }
  | { readonly method: 'jwks'; readonly jwksUrl: string };

export type AccessScheme =
  | {
      readonly kind: 'oidc-provider';
      readonly name: string;
      readonly client: string;
      readonly provider: string;
      readonly issuer: string;
      readonly discoveryUrl: string;
      readonly userinfoUrl: string;
      /** Scopes of this provider that concern this server, sorted. */
      readonly scopes: readonly string[];
    }
  | {
      readonly kind: 'identity-token';
      readonly name: string;
      readonly issuer: string;
      /** Identity-token roles minting tokens for this server; each role's client_id is an accepted `aud`. */
      readonly roles: readonly { readonly role: string; readonly client: string }[];
      readonly verification: IdentityTokenVerification;
    };

export interface ServerAccess {
  readonly server: string;
  readonly url?: string;
  /** Sorted by name. Empty when no client is granted anything on this server. */
  readonly schemes: readonly AccessScheme[];
  readonly skills: readonly SkillAccess[];
}

/** Every server agent (an agent with skills) of the topology, by name. */
export function serverAccess(topology: NormalizedTopology, plan: AccessPlan = compile(topology)): ServerAccess[] {
  return topology.agents.filter((a) => a.skills.length > 0).map((server) => accessOf(server, plan));
}

function accessOf(server: NormalizedAgent, plan: AccessPlan): ServerAccess {
  const { address, namespace } = plan.vault;
  const roles = plan.identityTokenRoles.filter((r) => r.server === server.name);
  const skills: SkillAccess[] = server.skills.map((skill) => ({
    id: skill.id,
    ...(skill.description !== undefined ? { description: skill.description } : {}),
    public: skill.public,
    actions: skill.actions.map((action): ActionAccess => {
      const scope = scopeName(server.name, skill.id, action);
      return {
        action,
        scope,
        claim: grantClaim(server.name, skill.id, action),
        browser: plan.clients
          .filter((c) => c.provider.scopes.includes(scope))
          .map((c) => ({ client: c.name, provider: c.provider.name, scheme: oidcSchemeName(c.name) })),
        headless: roles
          .filter((r) => r.scopes.includes(scope))
          .map((r) => ({ client: r.agent, role: r.name, scheme: IDENTITY_TOKEN_SCHEME })),
      };
    }),
  }));

  const ownScopes = new Set(skills.flatMap((s) => s.actions.map((a) => a.scope)));
  const schemes: AccessScheme[] = plan.clients.flatMap((client): AccessScheme[] => {
    const scopes = client.provider.scopes.filter((s) => ownScopes.has(s));
    if (scopes.length === 0) return [];
    const issuer = providerIssuer(address, namespace, client.provider.name);
    return [
      {
        kind: 'oidc-provider',
        name: oidcSchemeName(client.name),
        client: client.name,
        provider: client.provider.name,
        issuer,
        discoveryUrl: discoveryUrl(address, namespace, client.provider.name),
        userinfoUrl: `${issuer}/userinfo`,
        scopes,
      },
    ];
  });
  if (roles.length > 0) {
    // The plan pins `vault_identity_oidc.issuer` whenever it creates identity-token roles.
    const issuer = identityTokenIssuer(plan.identityTokenIssuer ?? address, namespace);
    // The compiler grants `update` on the introspection endpoint exactly to servers that log in.
    const canIntrospect = plan.grants.some(
      (g) => g.kind === 'vault-path' && g.principal.kind === 'agent' && g.principal.name === server.name && g.path === INTROSPECT_PATH,
    );
    schemes.push({
      kind: 'identity-token',
      name: IDENTITY_TOKEN_SCHEME,
      issuer,
      roles: roles.map((r) => ({ role: r.name, client: r.agent })),
      verification: canIntrospect
        ? { method: 'introspect', path: INTROSPECT_PATH, url: `${apiBase(address, namespace)}/${INTROSPECT_PATH}` }
        : { method: 'jwks', jwksUrl: `${issuer}/.well-known/keys` },
    });
  }
  schemes.sort((a, b) => compareStrings(a.name, b.name));
  return { server: server.name, ...(server.url !== undefined ? { url: server.url } : {}), schemes, skills };
}
