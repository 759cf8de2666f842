/**
 * What a server agent must check on each request, as plain data (`claims.json`): which issuers
 * it accepts and how to verify their tokens, and for each skill action the claim to require and
 * who can present it. Rendered from the same ServerAccess model as the Agent Cards.
 */
import type { AccessPlan } from '../plan/types';
import type { AccessScheme, ServerAccess } from './server-access';

export type ClaimsIssuer =
  | {
      readonly flow: 'browser';
      readonly scheme: string;
      readonly issuer: string;
      readonly client: string;
      readonly provider: string;
      readonly verify: { readonly method: 'userinfo'; readonly url: string; readonly how: string };
    }
  | {
      readonly flow: 'headless';
      readonly scheme: string;
      readonly issuer: string;
      readonly algorithms: readonly string[];
      /** Accepted `aud` values: each role's client_id, which Vault generates at apply time. */
      readonly audiences: readonly { readonly client: string; readonly role: string; readonly resolve: string }[];
      readonly verify:
        | { readonly method: 'introspect'; readonly path: string; readonly url: string; readonly how: string }
        | { readonly method: 'jwks'; readonly url: string; readonly how: string };
    };

export interface ClaimsAction {
  readonly action: string;
  readonly scope: string;
  readonly claim: string;
  readonly value: true;
  readonly browser: readonly { readonly client: string; readonly scheme: string }[];
  readonly headless: readonly { readonly client: string; readonly role: string; readonly scheme: string }[];
}

export interface ServerClaims {
  readonly server: string;
  readonly issuers: readonly ClaimsIssuer[];
  readonly skills: readonly { readonly skill: string; readonly public: boolean; readonly actions: readonly ClaimsAction[] }[];
  /** The authenticated extended card: served to a caller presenting any of these claims. */
  readonly extendedCard: { readonly available: false } | { readonly available: true; readonly anyOfClaims: readonly string[] };
}

function issuer(scheme: AccessScheme, plan: AccessPlan): ClaimsIssuer {
  switch (scheme.kind) {
    case 'oidc-provider':
      return {
        flow: 'browser',
        scheme: scheme.name,
        issuer: scheme.issuer,
        client: scheme.client,
        provider: scheme.provider,
        verify: {
          method: 'userinfo',
          url: scheme.userinfoUrl,
          how: 'GET with the access token as bearer; Vault answers only for tokens of this provider, with the claims of the scopes granted to it',
        },
      };
    case 'identity-token': {
      const checks = `then require iss = ${scheme.issuer}, aud one of the audiences, and exp in the future`;
      return {
        flow: 'headless',
        scheme: scheme.name,
        issuer: scheme.issuer,
        algorithms: [plan.key.algorithm],
        audiences: scheme.roles.map((r) => ({
          client: r.client,
          role: r.role,
          resolve: `read identity/oidc/role/${r.role} after apply and take its client_id`,
        })),
        verify:
          scheme.verification.method === 'introspect'
            ? {
                method: 'introspect',
                path: scheme.verification.path,
                url: scheme.verification.url,
                how: `POST {"token": <token>} with the server's own Vault token (its policy allows update on ${scheme.verification.path}); active must be true; ${checks}`,
              }
            : {
                method: 'jwks',
                url: scheme.verification.jwksUrl,
                how: `verify the signature with a key from this set (the server has no Vault login, so it cannot introspect); ${checks}`,
              },
      };
    }
  }
}

export function serverClaims(access: ServerAccess, plan: AccessPlan): ServerClaims {
  const granted = access.skills.flatMap((s) => s.actions.filter((a) => a.browser.length > 0 || a.headless.length > 0));
  return {
    server: access.server,
    issuers: access.schemes.map((s) => issuer(s, plan)),
    skills: access.skills.map((skill) => ({
      skill: skill.id,
      public: skill.public,
      actions: skill.actions.map((a) => ({
        action: a.action,
        scope: a.scope,
        claim: a.claim,
        value: true,
        browser: a.browser.map((h) => ({ client: h.client, scheme: h.scheme })),
        headless: a.headless.map((h) => ({ client: h.client, role: h.role, scheme: h.scheme })),
      })),
    })),
    extendedCard: access.skills.some((s) => !s.public)
      ? { available: true, anyOfClaims: granted.map((a) => a.claim) }
      : { available: false },
  };
}
