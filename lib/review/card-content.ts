/**
 * What a server's Agent Card says about security, independent of the card's protocol version.
 * Each requirement is one alternative (A2A, like OpenAPI, reads a list of requirements as OR):
 * "a token of scheme S carrying X". One alternative per (skill action, scheme), never one listing
 * several grants, because a requirement's scopes must ALL be present and no caller is meant to
 * hold every grant.
 *
 * A requirement names, under a scheme, only what that scheme can deliver: an OIDC provider's
 * requirement lists only scopes the provider supports (`openid` and the scopes in its
 * `scopes_supported`), an identity-token requirement only claims some role's tokens carry, a
 * delegated-token requirement only scopes some actor's grants include. So an action nobody is
 * granted appears under no scheme, and a skill none of whose actions anyone is granted is on no
 * card at all (`unreachableSkills`): a skill without requirements would read as inheriting the
 * card-level ones, and listing a scope a provider does not offer would advertise a grant that
 * cannot be obtained. The server refuses such skills (claims.json lists them with no holder).
 */
import type { AccessScheme, ActionAccess, ServerAccess, SkillAccess } from './server-access';
import { OPENID_SCOPE } from './server-access';

export interface Requirement {
  readonly scheme: string;
  /** What the scheme's token must carry: OAuth scopes (OIDC), claims or scopes (HTTP bearer, A2A 1.0). */
  readonly scopes: readonly string[];
}

/** The scheme is an HTTP bearer (JWT) scheme: OpenAPI 3.0 (A2A 0.3) lets its requirements list no scopes. */
export function isBearerScheme(scheme: AccessScheme): boolean {
  return scheme.kind !== 'oidc-provider';
}

/**
 * Browser tokens come from an OAuth authorization request, which Vault refuses without `openid`,
 * so that scope is part of what a client must ask for. Identity tokens are not requested with
 * scopes: the role's template fixes their claims, so the requirement names the claim; delegated
 * tokens carry the actor's grants in `scope` (A2A 1.0 follows OpenAPI 3.2, where a non-OAuth
 * scheme's list names required roles).
 */
function scopesFor(scheme: AccessScheme, action: ActionAccess): string[] {
  switch (scheme.kind) {
    case 'oidc-provider':
      return [OPENID_SCOPE, action.scope];
    case 'identity-token':
      return [action.claim];
    case 'delegated-token':
      return [action.scope];
  }
}

/** The scheme can deliver the action: its provider offers the scope, or some token of it carries the grant. */
function carries(scheme: AccessScheme, action: ActionAccess): boolean {
  switch (scheme.kind) {
    case 'oidc-provider':
      return action.browser.some((h) => h.scheme === scheme.name) && scheme.scopes.includes(action.scope);
    case 'identity-token':
      return action.headless.some((h) => h.scheme === scheme.name);
    case 'delegated-token':
      return action.delegated.some((h) => h.scheme === scheme.name);
  }
}

export function isGranted(action: ActionAccess): boolean {
  return action.browser.length > 0 || action.headless.length > 0 || action.delegated.length > 0;
}

/** One alternative per scheme that can deliver the action; none for an action nobody is granted. */
export function actionRequirements(access: ServerAccess, action: ActionAccess): Requirement[] {
  return access.schemes.filter((scheme) => carries(scheme, action)).map((scheme) => ({ scheme: scheme.name, scopes: scopesFor(scheme, action) }));
}

export function skillRequirements(access: ServerAccess, skill: SkillAccess): Requirement[] {
  return skill.actions.flatMap((action) => actionRequirements(access, action));
}

/**
 * Card level: any one grant on this server. That is what a caller needs to talk to the agent at
 * all and to fetch the authenticated extended card; each skill then narrows it to its own actions.
 */
export function cardRequirements(access: ServerAccess): Requirement[] {
  return access.skills.flatMap((skill) => skill.actions.flatMap((action) => actionRequirements(access, action)));
}

/** Skills nobody may use: on no card (see the file comment), refused by the server. */
export function unreachableSkills(access: ServerAccess): SkillAccess[] {
  return access.skills.filter((s) => !s.actions.some(isGranted));
}

/** The skills one card lists: those someone may use; the public card only the public ones. */
export function skillsOnCard(access: ServerAccess, card: 'public' | 'extended'): SkillAccess[] {
  return access.skills.filter((s) => s.actions.some(isGranted) && (card === 'extended' || s.public));
}

/** An extended card is worth serving only when it lists a skill the public card does not. */
export function hasExtendedCard(access: ServerAccess): boolean {
  return skillsOnCard(access, 'extended').some((s) => !s.public);
}

/**
 * What a scheme's token must carry, per skill on the card: `hello_world: hello-world.hello_world.read`.
 * A2A 0.3 cards cannot say this in requirements (OpenAPI 3.0: a bearer requirement lists no
 * scopes), so every card says it in the scheme's description.
 */
function requiredBySkill(scheme: AccessScheme, skills: readonly SkillAccess[]): string {
  const parts = skills.flatMap((skill) => {
    const names = skill.actions.filter((a) => carries(scheme, a)).map((a) => scopesFor(scheme, a).filter((s) => s !== OPENID_SCOPE)[0]);
    return names.length > 0 ? [`${skill.id}: ${names.join(' or ')}`] : [];
  });
  return parts.length > 0 ? ` Required, one of, by skill: ${parts.join('; ')}.` : '';
}

/** The scheme's description on one card. Never contains secrets: names and URLs only. */
export function describeScheme(access: ServerAccess, scheme: AccessScheme, card: 'public' | 'extended'): string {
  const required = requiredBySkill(scheme, skillsOnCard(access, card));
  switch (scheme.kind) {
    case 'oidc-provider':
      return (
        `Users sign in through client agent "${scheme.agent}" at Vault OIDC provider "${scheme.provider}" ` +
        `(authorization code flow; Vault requires the "${OPENID_SCOPE}" scope). The access token is an opaque Vault token: ` +
        `the server reads ${scheme.userinfoUrl} with it and checks the claim named like each required scope (value true).` +
        required
      );
    case 'identity-token':
      return (
        `Vault identity token (JWT, iss ${scheme.issuer}) sent as a bearer token by a headless client agent, ` +
        `minted by reading ${scheme.roles.map((r) => `identity/oidc/token/${r.role}`).join(', ')}; ` +
        `aud is that role's client_id. The server checks that the required claim is true.` +
        required
      );
    case 'delegated-token':
      return (
        `Delegated token (RFC 8693, JWT, iss ${scheme.issuer}, aud ${scheme.audience}) sent as a bearer token by an agent acting for a user: ` +
        `sub is the user's Vault entity id, act.sub the actor's, scope the actor's grants that the user can obtain too. ` +
        `The server checks that scope lists the required grant and that the topology lets the actor act for the user.` +
        required
      );
  }
}
