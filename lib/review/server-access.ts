/**
 * Who can reach each skill action of each server agent, read off the access plan. Agent Cards
 * (1.0 and 0.3) and the claims file are both rendered from this one model, and the model is
 * derived from the same plan the Vault configuration is synthesized from, so a card cannot name
 * a scope Vault does not offer to exactly the clients the card implies.
 */
import { compile } from '../plan/compile';
import { clientOwner } from '../plan/compile-delegation';
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
/** The one scheme for delegated tokens (RFC 8693): every one comes from the exchange engine. */
export const DELEGATED_TOKEN_SCHEME = 'vault-delegated-token';
/** Vault's authorize endpoint refuses a request whose scopes do not include `openid`. */
export const OPENID_SCOPE = 'openid';

/** A client agent that signs users in through its own provider, which offers the scope. */
export interface BrowserHolder {
  /** The client agent. */
  readonly agent: string;
  /** Its Vault OIDC client: the agent's own, or one of its sign-in partitions (delegation). */
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

/** An actor whose delegated tokens (its grants as `scope`) carry the action. */
export interface DelegatedHolder {
  readonly actor: string;
  readonly scheme: string;
}

export interface ActionAccess {
  readonly action: string;
  /** OAuth scope and Vault scope name `<server>.<skill>.<action>`. */
  readonly scope: string;
  /** Claim the server checks (value `true`): in userinfo (browser) or in the identity token (headless). */
  readonly claim: string;
  /** All empty when no client is granted the action: nobody can obtain it. */
  readonly browser: readonly BrowserHolder[];
  readonly headless: readonly HeadlessHolder[];
  readonly delegated: readonly DelegatedHolder[];
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
      /** The client agent, and its Vault client (a sign-in partition when delegation splits it). */
      readonly agent: string;
      readonly client: string;
      readonly provider: string;
      readonly issuer: string;
      readonly discoveryUrl: string;
      readonly userinfoUrl: string;
      /** Scopes of this provider that concern this server, sorted. */
      readonly scopes: readonly string[];
      readonly accessTokenTtlSeconds: number;
    }
  | {
      readonly kind: 'identity-token';
      readonly name: string;
      readonly issuer: string;
      /** Identity-token roles minting tokens for this server; each role's client_id is an accepted `aud`. */
      readonly roles: readonly { readonly role: string; readonly client: string }[];
      readonly algorithms: readonly string[];
      /** `<issuer>/.well-known/keys`: published without authentication. */
      readonly jwksUrl: string;
      readonly verification: IdentityTokenVerification;
    }
  | {
      readonly kind: 'delegated-token';
      readonly name: string;
      /** `iss` of the exchange engine's tokens. */
      readonly issuer: string;
      readonly algorithms: readonly string[];
      /** `<vault>/v1/[<ns>/]<mount>/jwks`: the plugin publishes it without authentication. */
      readonly jwksUrl: string;
      /** This server's URL: the exchange roles put it in `aud`. */
      readonly audience: string;
      /** Actors calling this server with delegated tokens, and the users each may act for. */
      readonly actors: readonly { readonly actor: string; readonly subjects: readonly string[] }[];
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
  const delegatedActors = delegatedActorsOf(server, plan);
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
          .map((c) => ({ agent: clientOwner(plan.delegation, c.name), client: c.name, provider: c.provider.name, scheme: oidcSchemeName(c.name) })),
        headless: roles
          .filter((r) => r.scopes.includes(scope))
          .map((r) => ({ client: r.agent, role: r.name, scheme: IDENTITY_TOKEN_SCHEME })),
        delegated: delegatedActors
          .filter((a) => a.scopes.includes(scope))
          .map((a) => ({ actor: a.actor, scheme: DELEGATED_TOKEN_SCHEME })),
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
        agent: clientOwner(plan.delegation, client.name),
        client: client.name,
        provider: client.provider.name,
        issuer,
        discoveryUrl: discoveryUrl(address, namespace, client.provider.name),
        userinfoUrl: `${issuer}/userinfo`,
        scopes,
        accessTokenTtlSeconds: client.accessTokenTtlSeconds,
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
      algorithms: [plan.key.algorithm],
      jwksUrl: `${issuer}/.well-known/keys`,
      verification: canIntrospect
        ? { method: 'introspect', path: INTROSPECT_PATH, url: `${apiBase(address, namespace)}/${INTROSPECT_PATH}` }
        : { method: 'jwks', jwksUrl: `${issuer}/.well-known/keys` },
    });
  }
  const exchange = plan.delegation?.tokenExchange;
  if (exchange && server.url !== undefined && delegatedActors.length > 0) {
    schemes.push({
      kind: 'delegated-token',
      name: DELEGATED_TOKEN_SCHEME,
      issuer: exchange.issuer,
      algorithms: [exchange.key.algorithm],
      jwksUrl: `${apiBase(address, namespace)}/${exchange.mount}/jwks`,
      audience: server.url,
      actors: delegatedActors.map((a) => ({ actor: a.actor, subjects: a.subjects })),
    });
  }
  schemes.sort((a, b) => compareStrings(a.name, b.name));
  return { server: server.name, ...(server.url !== undefined ? { url: server.url } : {}), schemes, skills };
}

/**
 * Actors that call `server` with delegated tokens: the exchange engine mints them (one role per
 * actor and sign-in partition) with `scope` = the delegation bound (the actor's grants the
 * partition's users can obtain too) and `aud` = the URLs of the servers those grants are for.
 * Subjects are the users whose ID tokens some role of the actor accepts for this server; scopes
 * are every grant on it some role of the actor carries.
 */
function delegatedActorsOf(server: NormalizedAgent, plan: AccessPlan): { actor: string; scopes: readonly string[]; subjects: string[] }[] {
  const exchange = plan.delegation?.tokenExchange;
  if (!exchange || server.url === undefined) return [];
  const byActor = new Map<string, { scopes: Set<string>; subjects: Set<string> }>();
  for (const role of exchange.roles) {
    if (!role.audiences.includes(server.url)) continue;
    const entry = byActor.get(role.actor) ?? { scopes: new Set<string>(), subjects: new Set<string>() };
    for (const s of role.context) entry.scopes.add(s);
    for (const u of role.users) entry.subjects.add(u);
    byActor.set(role.actor, entry);
  }
  return [...byActor]
    .map(([actor, e]) => ({ actor, scopes: [...e.scopes].filter((s) => s.startsWith(`${server.name}.`)).sort(compareStrings), subjects: [...e.subjects].sort(compareStrings) }))
    .filter((a) => a.scopes.length > 0)
    .sort((a, b) => compareStrings(a.actor, b.actor));
}
