/**
 * What a server's Agent Card says about security, independent of the card's protocol version.
 * Each requirement is one alternative (A2A, like OpenAPI, reads a list of requirements as OR):
 * "a token of scheme S carrying scopes X". One alternative per (skill action, scheme), never one
 * listing several grants, because a requirement's scopes must ALL be present and no caller is
 * meant to hold every grant.
 */
import type { AccessScheme, ActionAccess, ServerAccess, SkillAccess } from './server-access';
import { OPENID_SCOPE } from './server-access';

export interface Requirement {
  readonly scheme: string;
  readonly scopes: readonly string[];
}

/**
 * Browser tokens come from an OAuth authorization request, which Vault refuses without `openid`,
 * so that scope is part of what a client must ask for. Identity tokens are not requested with
 * scopes: the role's template fixes their claims, so the requirement names the claim (A2A 1.0
 * follows OpenAPI 3.2, where a non-OAuth scheme's list names required roles).
 */
function scopesFor(scheme: AccessScheme, action: ActionAccess): string[] {
  return scheme.kind === 'oidc-provider' ? [OPENID_SCOPE, action.scope] : [action.claim];
}

function isGranted(action: ActionAccess): boolean {
  return action.browser.length > 0 || action.headless.length > 0;
}

/**
 * A granted action is listed on exactly the schemes that can carry it. An action nobody is granted
 * is listed on every scheme of the card with its exact scope, which no client can obtain: leaving
 * it out would not do, because a skill without requirements inherits the card-level ones (and in
 * A2A 1.0 an empty list cannot be told apart from an absent one), which would advertise that
 * holders of another grant may use it.
 */
export function actionRequirements(access: ServerAccess, action: ActionAccess): Requirement[] {
  const carriers = new Set([...action.browser.map((h) => h.scheme), ...action.headless.map((h) => h.scheme)]);
  const schemes = isGranted(action) ? access.schemes.filter((s) => carriers.has(s.name)) : access.schemes;
  return schemes.map((scheme) => ({ scheme: scheme.name, scopes: scopesFor(scheme, action) }));
}

export function skillRequirements(access: ServerAccess, skill: SkillAccess): Requirement[] {
  return skill.actions.flatMap((action) => actionRequirements(access, action));
}

/**
 * Card level: any one grant on this server. That is what a caller needs to talk to the agent at
 * all and to fetch the authenticated extended card; each skill then narrows it to its own actions.
 */
export function cardRequirements(access: ServerAccess): Requirement[] {
  return access.skills.flatMap((skill) => skill.actions.filter(isGranted).flatMap((action) => actionRequirements(access, action)));
}

export function hasExtendedCard(access: ServerAccess): boolean {
  return access.skills.some((s) => !s.public);
}

/** The skills one card lists: the public card only public skills, the extended card all of them. */
export function skillsOnCard(access: ServerAccess, card: 'public' | 'extended'): SkillAccess[] {
  return access.skills.filter((s) => card === 'extended' || s.public);
}

/** The scheme's description, the same on both card versions. Never contains secrets: names and URLs only. */
export function describeScheme(scheme: AccessScheme): string {
  switch (scheme.kind) {
    case 'oidc-provider':
      return (
        `Users sign in through client agent "${scheme.client}" at Vault OIDC provider "${scheme.provider}" ` +
        `(authorization code flow; Vault requires the "${OPENID_SCOPE}" scope). The access token is an opaque Vault token: ` +
        `the server reads ${scheme.userinfoUrl} with it and checks the claim named like each required scope (value true).`
      );
    case 'identity-token':
      return (
        `Vault identity token (JWT, iss ${scheme.issuer}) sent as a bearer token by a headless client agent, ` +
        `minted by reading ${scheme.roles.map((r) => `identity/oidc/token/${r.role}`).join(', ')}; ` +
        `aud is that role's client_id. The server checks the claim named in each requirement (value true).`
      );
  }
}
