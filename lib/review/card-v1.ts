/**
 * The security part of an A2A 1.0 Agent Card. Two forms:
 * - the in-memory form `@a2a-js/sdk` 1.3.0 types (ts-proto: a oneof is `{ $case, value }`); the
 *   types below mirror exactly the parts we fill, and test/review checks they assign to the SDK's;
 * - the JSON a server serves (proto3 JSON mapping: the oneof case becomes the key, empty strings
 *   and lists are left out), written by `cardSecurityV1Json`.
 *
 * Requirements on the HTTP bearer schemes list the claim (identity tokens) or scope (delegated
 * tokens) they need: A2A 1.0 follows OpenAPI 3.2, which allows role names there.
 *
 * Headless callers are described as an HTTP bearer scheme with format JWT, not as OpenID Connect
 * on the identity-token discovery document: that document has no authorization or token endpoint
 * (identity tokens are minted by reading `identity/oidc/token/<role>`, not by an OAuth flow), so
 * an `openIdConnect` scheme would send clients looking for a flow that does not exist.
 */
import {
  cardRequirements,
  describeScheme,
  hasExtendedCard,
  skillRequirements,
  skillsOnCard,
  type Requirement,
} from './card-content';
import type { JsonObject } from './json';
import type { AccessScheme, ServerAccess } from './server-access';

export interface V1StringList {
  list: string[];
}

export interface V1SecurityRequirement {
  schemes: { [scheme: string]: V1StringList };
}

export interface V1OpenIdConnectSecurityScheme {
  description: string;
  openIdConnectUrl: string;
}

export interface V1HttpAuthSecurityScheme {
  description: string;
  scheme: string;
  bearerFormat: string;
}

export interface V1SecurityScheme {
  scheme:
    | { $case: 'openIdConnectSecurityScheme'; value: V1OpenIdConnectSecurityScheme }
    | { $case: 'httpAuthSecurityScheme'; value: V1HttpAuthSecurityScheme };
}

export interface V1AgentCapabilities {
  extensions: never[];
  extendedAgentCard: boolean;
}

/** A skill's id and what it requires; the rest of the skill is the server author's. */
export interface V1SkillSecurity {
  id: string;
  securityRequirements: V1SecurityRequirement[];
}

export interface V1CardSecurity {
  capabilities: V1AgentCapabilities;
  securitySchemes: { [scheme: string]: V1SecurityScheme };
  securityRequirements: V1SecurityRequirement[];
  skills: V1SkillSecurity[];
}

/** The public card and, when some skill is not public, the authenticated extended card. */
export interface V1CardSecurityDocument {
  agentCard: V1CardSecurity;
  extendedAgentCard?: V1CardSecurity;
}

function scheme(server: ServerAccess, access: AccessScheme, which: 'public' | 'extended'): V1SecurityScheme {
  const description = describeScheme(server, access, which);
  switch (access.kind) {
    case 'oidc-provider':
      return { scheme: { $case: 'openIdConnectSecurityScheme', value: { description, openIdConnectUrl: access.discoveryUrl } } };
    case 'identity-token':
    case 'delegated-token':
      return { scheme: { $case: 'httpAuthSecurityScheme', value: { description, scheme: 'Bearer', bearerFormat: 'JWT' } } };
  }
}

function requirement(r: Requirement): V1SecurityRequirement {
  return { schemes: { [r.scheme]: { list: [...r.scopes] } } };
}

function card(access: ServerAccess, which: 'public' | 'extended'): V1CardSecurity {
  return {
    capabilities: { extensions: [], extendedAgentCard: hasExtendedCard(access) },
    securitySchemes: Object.fromEntries(access.schemes.map((s) => [s.name, scheme(access, s, which)])),
    securityRequirements: cardRequirements(access).map(requirement),
    skills: skillsOnCard(access, which).map((skill) => ({
      id: skill.id,
      securityRequirements: skillRequirements(access, skill).map(requirement),
    })),
  };
}

export function cardSecurityV1(access: ServerAccess): V1CardSecurityDocument {
  return {
    agentCard: card(access, 'public'),
    ...(hasExtendedCard(access) ? { extendedAgentCard: card(access, 'extended') } : {}),
  };
}

// Proto3 JSON mapping of the parts above, as the SDK's `toJSON` codecs write it.

function schemeJson(s: V1SecurityScheme): JsonObject {
  const value: Record<string, string> = {};
  for (const [key, field] of Object.entries(s.scheme.value)) if (field !== '') value[key] = field;
  return { [s.scheme.$case]: value };
}

function requirementJson(r: V1SecurityRequirement): JsonObject {
  return {
    schemes: Object.fromEntries(
      Object.entries(r.schemes).map(([name, scopes]) => [name, scopes.list.length > 0 ? { list: scopes.list } : {}]),
    ),
  };
}

function cardJson(c: V1CardSecurity): JsonObject {
  const requirements = (rs: V1SecurityRequirement[]) => (rs.length > 0 ? { securityRequirements: rs.map(requirementJson) } : {});
  return {
    capabilities: { extendedAgentCard: c.capabilities.extendedAgentCard },
    ...(Object.keys(c.securitySchemes).length > 0
      ? { securitySchemes: Object.fromEntries(Object.entries(c.securitySchemes).map(([name, s]) => [name, schemeJson(s)])) }
      : {}),
    ...requirements(c.securityRequirements),
    ...(c.skills.length > 0 ? { skills: c.skills.map((s) => ({ id: s.id, ...requirements(s.securityRequirements) })) } : {}),
  };
}

export function cardSecurityV1Json(doc: V1CardSecurityDocument): JsonObject {
  return {
    agentCard: cardJson(doc.agentCard),
    ...(doc.extendedAgentCard ? { extendedAgentCard: cardJson(doc.extendedAgentCard) } : {}),
  };
}
