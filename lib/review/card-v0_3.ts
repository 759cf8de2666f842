/**
 * The security part of an A2A 0.3 Agent Card (the shape of the published Vault + A2A articles):
 * `securitySchemes` with OpenAPI 3.0 style objects tagged by `type`, `security` as a list of
 * `{ scheme: [scopes] }`, and `supportsAuthenticatedExtendedCard`. 0.3 cards are plain JSON, so
 * the in-memory form is what is written. test/review checks these types assign to the 0.3 types
 * of `@a2a-js/sdk` and that the SDK's own 0.3 → 1.0 translation of this card gives `card-v1.ts`.
 *
 * Identity tokens are an HTTP bearer JWT scheme for the reason given in card-v1.ts. OpenAPI 3.0
 * wants the scope list of a non-OAuth scheme empty; it names the required claim here anyway, as
 * in the 1.0 card, because an empty list would say any identity token will do.
 */
import {
  cardRequirements,
  describeScheme,
  hasExtendedCard,
  skillRequirements,
  skillsOnCard,
  type Requirement,
} from './card-content';
import type { AccessScheme, ServerAccess } from './server-access';

export type V03SecurityScheme =
  | { type: 'openIdConnect'; openIdConnectUrl: string; description: string }
  | { type: 'http'; scheme: 'Bearer'; bearerFormat: 'JWT'; description: string };

export type V03SecurityRequirement = { [scheme: string]: string[] };

export interface V03SkillSecurity {
  id: string;
  security: V03SecurityRequirement[];
}

export interface V03CardSecurity {
  securitySchemes: { [scheme: string]: V03SecurityScheme };
  security: V03SecurityRequirement[];
  supportsAuthenticatedExtendedCard: boolean;
  skills: V03SkillSecurity[];
}

export interface V03CardSecurityDocument {
  agentCard: V03CardSecurity;
  extendedAgentCard?: V03CardSecurity;
}

function scheme(access: AccessScheme): V03SecurityScheme {
  const description = describeScheme(access);
  switch (access.kind) {
    case 'oidc-provider':
      return { type: 'openIdConnect', openIdConnectUrl: access.discoveryUrl, description };
    case 'identity-token':
      return { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT', description };
  }
}

function requirement(r: Requirement): V03SecurityRequirement {
  return { [r.scheme]: [...r.scopes] };
}

function card(access: ServerAccess, which: 'public' | 'extended'): V03CardSecurity {
  return {
    securitySchemes: Object.fromEntries(access.schemes.map((s) => [s.name, scheme(s)])),
    security: cardRequirements(access).map(requirement),
    supportsAuthenticatedExtendedCard: hasExtendedCard(access),
    skills: skillsOnCard(access, which).map((skill) => ({
      id: skill.id,
      security: skillRequirements(access, skill).map(requirement),
    })),
  };
}

export function cardSecurityV03(access: ServerAccess): V03CardSecurityDocument {
  return {
    agentCard: card(access, 'public'),
    ...(hasExtendedCard(access) ? { extendedAgentCard: card(access, 'extended') } : {}),
  };
}
