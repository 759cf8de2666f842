/**
 * The claims that say which agent a token comes from and for which user (issue #13, part 3;
 * docs/token-claims.md), as template text:
 *
 * - identity tokens and actor tokens (minted by the agent itself): `a2a_agent` read from the
 *   minting entity's metadata with Vault's identity templating, `{{identity.entity.metadata.…}}`
 *   unquoted in value position (Vault writes the value as JSON; a missing key as "");
 * - ID tokens and userinfo of a client agent's provider: one scope whose template names the agent
 *   literally (the template is rendered with the *user's* entity) and the user from that entity;
 * - delegated tokens (token-exchange plugin, mustache inside JSON strings): `a2a_agent` from the
 *   exchanging actor's metadata, `a2a_user` from the subject token's claim.
 */
import { AGENT_CLAIM, AGENT_METADATA, USER_CLAIM } from './naming';

export type AgentFlow = 'browser' | 'headless';

const metadata = (key: string): string => `{{identity.entity.metadata.${key}}}`;

/** `,"a2a_agent":{…}` read from the minting entity's metadata, as Vault JSON-mode template text. */
function agentFromMetadata(): string {
  return `"${AGENT_CLAIM}":{"name":${metadata(AGENT_METADATA.name)},"owner":${metadata(AGENT_METADATA.owner)},"type":"headless"}`;
}

/**
 * A token template (a JSON object of claims, as text) with `a2a_agent` added from the minting
 * entity's metadata. Tokens minted without a browser are of type "headless".
 */
export function withAgentClaim(template: string): string {
  const body = template.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) throw new Error(`withAgentClaim: ${JSON.stringify(template)} is not a JSON object`);
  const inner = body.slice(1, -1).trim();
  return `{${inner}${inner === '' ? '' : ','}${agentFromMetadata()}}`;
}

/** The template of a client agent's metadata scope: the agent named literally, the user from the signing-in entity. */
export function agentScopeTemplate(agent: string, owner: string | undefined): string {
  const named = JSON.stringify({ name: agent, owner: owner ?? '', type: 'browser' });
  return `{"${AGENT_CLAIM}":${named},"${USER_CLAIM}":{"name":{{identity.entity.name}}}}`;
}

/** The entity metadata the agent templates read. */
export function agentMetadata(agent: string, owner: string | undefined): Readonly<Record<string, string>> {
  return { [AGENT_METADATA.name]: agent, ...(owner !== undefined ? { [AGENT_METADATA.owner]: owner } : {}) };
}

/** The token-exchange plugin's actor claims (mustache inside JSON strings, rendered with the exchanging entity). */
export const EXCHANGE_ACTOR_CLAIMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [AGENT_CLAIM]: { name: `{{identity.entity.metadata.${AGENT_METADATA.name}}}`, owner: `{{identity.entity.metadata.${AGENT_METADATA.owner}}}`, type: 'headless' },
};

/** The token-exchange plugin's subject template: the user's name from the subject (ID) token's `a2a_user`. */
export const EXCHANGE_SUBJECT_TEMPLATE = JSON.stringify({ [USER_CLAIM]: { name: `{{identity.subject.${USER_CLAIM}.name}}` } });
