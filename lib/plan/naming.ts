/**
 * How topology names become Vault object names, OAuth scopes and claims. Every module that needs
 * a name (compiler, cards, graph, checks against a topology) asks here, so there is one
 * convention.
 *
 * Vault object names must match `\w([\w.-]*\w)?` (Vault's GenericNameRegex): no ":" and no "/".
 * That is why the topology's `<skill>:<action>` grant on server `<server>` becomes the OAuth scope
 * `<server>.<skill>.<action>`: "." cannot occur in any topology name, so the join is unambiguous,
 * and qualifying by server keeps two servers with the same skill id from sharing a scope (a token
 * for one would otherwise be accepted by the other).
 */
import { sha256Hex } from '../vault/digest';
import { sorted } from '../vault/order';

/** The OAuth scope (and Vault OIDC scope name) for grant `<skill>:<action>` on `server`. */
export function scopeName(server: string, skill: string, action: string): string {
  return `${server}.${skill}.${action}`;
}

/**
 * The claim a granted scope adds to userinfo / ID tokens, and that identity tokens carry: one
 * top-level key per grant, equal to the scope name, value `true`. One key per scope means scopes
 * can be requested one by one and never collide; the "." makes it impossible to hit a registered
 * claim name (`iss`, `sub`, `aud`, …).
 */
export function grantClaim(server: string, skill: string, action: string): string {
  return scopeName(server, skill, action);
}

/** Grant as written in a topology. */
export function grantLabel(skill: string, action: string): string {
  return `${skill}:${action}`;
}

export const clientName = (agent: string): string => agent;
/** One provider per client agent: scopes are provider-wide in Vault. */
export const providerName = (agent: string): string => agent;
export const assignmentName = (agent: string): string => agent;
/** One identity-token role per (client, server): a token carries only the grants for the server it is sent to. */
export const identityTokenRoleName = (client: string, server: string): string => `${client}.${server}`;
/** Prefixed so that no agent name can replace a built-in policy such as `default`. */
export const agentPolicyName = (agent: string): string => `a2a-agent-${agent}`;
export const loginRoleName = (agent: string): string => agent;
export const entityName = (name: string): string => name;
export const groupName = (name: string): string => name;

/** `https://vault.example.com:8200` + namespace → `https://vault.example.com:8200/v1/<ns>`. */
export function apiBase(address: string, namespace?: string): string {
  const base = `${address.replace(/\/+$/, '')}/v1`;
  return namespace ? `${base}/${namespace}` : base;
}

/** Issuer Vault puts in tokens of provider `provider`. */
export function providerIssuer(address: string, namespace: string | undefined, provider: string): string {
  return `${apiBase(address, namespace)}/identity/oidc/provider/${provider}`;
}

export function discoveryUrl(address: string, namespace: string | undefined, provider: string): string {
  return `${providerIssuer(address, namespace, provider)}/.well-known/openid-configuration`;
}

/** Issuer of identity tokens (headless flow) when `vault_identity_oidc.issuer` is the Vault address. */
export function identityTokenIssuer(address: string, namespace: string | undefined): string {
  return `${apiBase(address, namespace)}/identity/oidc`;
}

// Vault ACL paths. Exact paths only: no globs, no `+`.
export const clientSecretPath = (client: string): string => `identity/oidc/client/${client}`;
export const identityTokenPath = (role: string): string => `identity/oidc/token/${role}`;
export const INTROSPECT_PATH = 'identity/oidc/introspect';

// Agent registry (Vault Enterprise). Registration = agent name; profile = resource-server name.
export const registrationName = (agent: string): string => agent;
/** A ceiling of its own, not the agent policy: widening one must not silently widen the other. */
export const ceilingPolicyName = (agent: string): string => `a2a-ceiling-${agent}`;
export const resourceServerProfileName = (server: string): string => server;
/** The RAR type Vault understands (RFC 9396 `authorization_details[].type`). */
export const PATH_ACCESS_DETAIL_TYPE = 'vault:path_access';
// Delegation (RFC 8693). Agent and user names contain no ".", so each name below splits back
// into its parts, and none can equal a client (no "."), a call role `<client>.<server>` (one
// "."), or a grant scope `<server>.<skill>.<action>` (skill ids contain no "-").

/**
 * Sign-in partition of client agent `client` for users whose delegation set is `actors`: its
 * Vault client, provider, assignment and may_act scope all carry this name. Users who delegate
 * to nobody keep the agent's own name.
 *
 * `bound` (see `boundTag`) is given when the delegated tokens of some actor must carry less than
 * all its grants for these users (the delegation bound): the marker segment becomes
 * `may-act-<bound>`, so `<client>.may-act[-<bound>].<actor>.<actor>…` still splits back into its
 * parts (the marker holds a "-", which neither agent nor skill names place there).
 */
export function partitionName(client: string, actors: readonly string[], bound?: string): string {
  if (actors.length === 0) return clientName(client);
  const marker = bound === undefined ? 'may-act' : `may-act-${bound}`;
  return `${client}.${marker}.${[...actors].sort().join('.')}`;
}

/**
 * A short, stable tag for the bounded grant sets of a partition: for each actor (sorted), the
 * scopes its delegated tokens carry for the partition's users. Equal bounds give equal tags on
 * every machine, so a partition keeps its name until its users' bounds change.
 */
export function boundTag(bounds: readonly { readonly actor: string; readonly scopes: readonly string[] }[]): string {
  const text = sorted(bounds.map((b) => `${b.actor}=${sorted(b.scopes).join(' ')}`)).join(';');
  return sha256Hex(text).slice(0, 8);
}
/** The claim a may_act scope adds (RFC 8693 §4.4). */
export const MAY_ACT_CLAIM = 'may_act';
/** Identity-token role minting an actor's own token; two "." so it never equals a call role. */
export const actorTokenRoleName = (actor: string): string => `a2a.actor.${actor}`;
/** Exchange role of `actor` for subject tokens from sign-in partition `partition`. */
export const exchangeRoleName = (actor: string, partition: string): string => `${actor}.${partition}`;
export const exchangeTokenPath = (mount: string, role: string): string => `${mount}/token/${role}`;
/** Default `iss` of delegated tokens: the plugin mount's own API path. */
export function exchangeIssuer(address: string, namespace: string | undefined, mount: string): string {
  return `${apiBase(address, namespace)}/${mount}`;
}

// Agent metadata in tokens (docs/token-claims.md). Both claims are top-level keys without ".",
// so no grant claim (`<server>.<skill>.<action>`) can equal them, and neither is reserved.
/** Which agent a token comes from: `{"name", "type", "owner"}`. */
export const AGENT_CLAIM = 'a2a_agent';
/** Which user signed in (ID tokens, userinfo) or is acted for (delegated tokens): `{"name"}`. */
export const USER_CLAIM = 'a2a_user';
/** Entity metadata keys of an agent's entity, read by token templates. */
export const AGENT_METADATA = { name: 'a2a_agent', owner: 'a2a_owner' } as const;
/**
 * The scope that adds `a2a_agent` and `a2a_user` to the ID tokens and userinfo of client agent
 * `agent`. One "." and a "-" in the first part: never a grant scope (two "."), a may_act scope
 * (two or more ".") or a client name (no ".").
 */
export const agentScopeName = (agent: string): string => `a2a-agent.${agent}`;

/** Terraform output names the L3 writes; fixed so scripts can rely on them (one topology per stack). */
export const OUTPUT_NAMES = {
  discoveryUrls: 'oidc_discovery_urls',
  clientIds: 'oidc_client_ids',
  identityTokenAudiences: 'identity_token_audiences',
  delegationSignInClients: 'delegation_sign_in_clients',
} as const;
