/**
 * What a server agent must check on each request, as plain data (`claims.json`): which issuers
 * it accepts and how to verify their tokens, and for each skill action the claim to require and
 * who can present it. Rendered from the same ServerAccess model as the Agent Cards, in the shape
 * `lib/verify` (`createVerifier`) reads: the type lives there (claims-file.ts), in one place.
 */
import type { AccessPlan } from '../plan/types';
import {
  CLAIMS_FILE_VERSION,
  type ClaimsFile,
  type ClaimsIssuer,
  type SigningAlgorithm,
} from '../verify/claims-file';
import { isGranted } from './card-content';
import type { AccessScheme, ServerAccess } from './server-access';

export type { ClaimsFile as ServerClaims, ClaimsIssuer, ClaimsAction } from '../verify/claims-file';

const CHECKS = (issuer: string, aud: string) => `require iss = ${issuer}, aud ${aud}, and exp and nbf to hold (with a small clock skew)`;

function issuer(scheme: AccessScheme): ClaimsIssuer {
  switch (scheme.kind) {
    case 'oidc-provider':
      return {
        flow: 'browser',
        scheme: scheme.name,
        issuer: scheme.issuer,
        agent: scheme.agent,
        client: scheme.client,
        provider: scheme.provider,
        userinfo: scheme.userinfoUrl,
        scopes: scheme.scopes,
        accessTokenTtlSeconds: scheme.accessTokenTtlSeconds,
        how:
          'GET userinfo with the access token as bearer; Vault answers 200 only for live tokens of this provider, with the claims of the scopes granted to it; ' +
          'require the claim of the action to be true',
      };
    case 'identity-token':
      return {
        flow: 'headless',
        scheme: scheme.name,
        issuer: scheme.issuer,
        algorithms: scheme.algorithms as SigningAlgorithm[],
        jwks: scheme.jwksUrl,
        ...(scheme.verification.method === 'introspect'
          ? { introspect: { path: scheme.verification.path, url: scheme.verification.url } }
          : {}),
        audiences: scheme.roles.map((r) => ({
          client: r.client,
          role: r.role,
          resolve: `read identity/oidc/role/${r.role} after apply and take its client_id (Terraform output identity_token_audiences)`,
        })),
        how:
          `verify the signature with a key of jwks (only the listed algorithms); ${CHECKS(scheme.issuer, 'one of the audiences')}; ` +
          'require the claim of the action to be true and aud to be a role listed for that action' +
          (scheme.verification.method === 'introspect' ? '; or POST {"token": <token>} to introspect with the server\'s own Vault token' : ''),
      };
    case 'delegated-token':
      return {
        flow: 'delegated',
        scheme: scheme.name,
        issuer: scheme.issuer,
        algorithms: scheme.algorithms as SigningAlgorithm[],
        jwks: scheme.jwksUrl,
        audience: scheme.audience,
        actors: scheme.actors,
        resolve: 'entity ids of actors and users: vault read -field=id identity/entity/name/<name> after apply',
        how:
          `verify the signature with a key of jwks; ${CHECKS(scheme.issuer, `containing ${scheme.audience}`)}; ` +
          'require scope (space-separated) to list the scope of the action, act.sub to be the entity id of an actor listed for that action, and sub the entity id of one of that actor\'s subjects',
      };
  }
}

export function serverClaims(access: ServerAccess, _plan?: AccessPlan): ClaimsFile {
  const granted = access.skills.flatMap((s) => s.actions.filter(isGranted));
  const onExtendedOnly = access.skills.some((s) => !s.public && s.actions.some(isGranted));
  return {
    version: CLAIMS_FILE_VERSION,
    server: access.server,
    ...(access.url !== undefined ? { url: access.url } : {}),
    issuers: access.schemes.map(issuer),
    skills: access.skills.map((skill) => ({
      skill: skill.id,
      public: skill.public,
      actions: skill.actions.map((a) => ({
        action: a.action,
        scope: a.scope,
        claim: a.claim,
        value: true,
        browser: a.browser.map((h) => ({ agent: h.agent, client: h.client, scheme: h.scheme })),
        headless: a.headless.map((h) => ({ client: h.client, role: h.role, scheme: h.scheme })),
        delegated: a.delegated.map((h) => ({ actor: h.actor, scheme: h.scheme })),
      })),
    })),
    extendedCard: onExtendedOnly ? { available: true, anyOfClaims: granted.map((a) => a.claim) } : { available: false },
  };
}
