/**
 * The security part of an A2A 0.3 Agent Card (the shape of the published Vault + A2A articles):
 * `securitySchemes` with OpenAPI 3.0 style objects tagged by `type`, `security` as a list of
 * `{ scheme: [scopes] }`, and `supportsAuthenticatedExtendedCard`. 0.3 cards are plain JSON, so
 * the in-memory form is what is written. test/review checks these types assign to the 0.3 types
 * of `@a2a-js/sdk` and that the SDK's own 0.3 → 1.0 translation of this card gives `card-v1.ts`.
 *
 * Identity and delegated tokens are HTTP bearer JWT schemes for the reason given in card-v1.ts.
 * A2A 0.3 follows OpenAPI 3.0: a requirement on a scheme other than oauth2 or openIdConnect MUST
 * list no scopes. So those requirements are `{ "<scheme>": [] }` (one per scheme: the alternatives
 * of different actions become identical), and the claim each skill needs is named in the scheme's
 * description, the same text the 1.0 card carries.
 */
import {
  cardRequirements,
  describeScheme,
  hasExtendedCard,
  isBearerScheme,
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

function scheme(server: ServerAccess, access: AccessScheme, which: 'public' | 'extended'): V03SecurityScheme {
  const description = describeScheme(server, access, which);
  switch (access.kind) {
    case 'oidc-provider':
      return { type: 'openIdConnect', openIdConnectUrl: access.discoveryUrl, description };
    case 'identity-token':
    case 'delegated-token':
      return { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT', description };
  }
}

/** OpenAPI 3.0 requirements: scopes only for OpenID Connect; duplicates (bearer schemes) once. */
function requirements(access: ServerAccess, rs: readonly Requirement[]): V03SecurityRequirement[] {
  const bearer = new Set(access.schemes.filter(isBearerScheme).map((s) => s.name));
  const seen = new Set<string>();
  return rs.flatMap((r) => {
    const out = { [r.scheme]: bearer.has(r.scheme) ? [] : [...r.scopes] };
    const key = JSON.stringify(out);
    if (seen.has(key)) return [];
    seen.add(key);
    return [out];
  });
}

function card(access: ServerAccess, which: 'public' | 'extended'): V03CardSecurity {
  return {
    securitySchemes: Object.fromEntries(access.schemes.map((s) => [s.name, scheme(access, s, which)])),
    security: requirements(access, cardRequirements(access)),
    supportsAuthenticatedExtendedCard: hasExtendedCard(access),
    skills: skillsOnCard(access, which).map((skill) => ({
      id: skill.id,
      security: requirements(access, skillRequirements(access, skill)),
    })),
  };
}

export function cardSecurityV03(access: ServerAccess): V03CardSecurityDocument {
  return {
    agentCard: card(access, 'public'),
    ...(hasExtendedCard(access) ? { extendedAgentCard: card(access, 'extended') } : {}),
  };
}
