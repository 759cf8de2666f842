/**
 * Topology schema for Vault Enterprise's agent registry and OAuth resource-server profiles
 * (scenario 5): `agents.<a>.registry` and top-level `resourceServers`. Shape only, like
 * schema.ts; the rules that need more than one field (jwksUri xor publicKeys, PEM contents, a
 * reason for every exception) live in validate-registry.ts.
 */
import { z } from 'zod';
import { CLAIM_PATTERN, KEY_ID_PATTERN, NAME_PATTERN, NAME_RULE, ONE_LINE_TEXT_PATTERN, POLICY_NAME_PATTERN, TOKEN_BINDING_PATTERN } from './names';
import { Duration } from './schema-duration';
import { DEFAULT_JWT_ALGORITHMS, JWT_ALGORITHMS, JWT_TYPES, MAX_CLOCK_SKEW_SECONDS, MAX_JWT_ALGORITHMS } from '../vault/jwt';

const ONE_LINE_RULE = 'must be one line of text, without "${" or "%{"';

const Reason = z
  .string()
  .max(512)
  .regex(ONE_LINE_TEXT_PATTERN, { error: ONE_LINE_RULE })
  .describe('Why this departs from the secure default; shown in reports.');

const HttpsUrl = z.string().describe('An absolute https URL.');

export const Registry = z
  .strictObject({
    owner: z.string().max(256).regex(ONE_LINE_TEXT_PATTERN, { error: ONE_LINE_RULE }).optional().describe('Who answers for this agent, e.g. a team.'),
    description: z.string().max(512).regex(ONE_LINE_TEXT_PATTERN, { error: ONE_LINE_RULE }).optional().describe('What the agent is for.'),
    ceiling: z
      .array(z.string().regex(POLICY_NAME_PATTERN, { error: 'must be a Vault policy name: lowercase letters, digits, "_", "-" and ".", not starting or ending with "-" or "."' }))
      .min(1, { error: 'needs at least one policy' })
      .optional()
      .describe(
        'Existing policies that cap the agent, instead of the ceiling derived from its grants (exactly the paths and capabilities it needs). Needs a reason.',
      ),
    optionalAuthorizationDetails: z
      .boolean()
      .optional()
      .describe('Let this agent present tokens without authorization_details (RAR). Default false; true needs a reason.'),
    subjects: z
      .record(
        z.string().regex(NAME_PATTERN, { error: `must be the name of a resource server: ${NAME_RULE}` }),
        z.string().regex(TOKEN_BINDING_PATTERN, { error: 'must be the value of the user claim without spaces, quotes or "*"' }),
      )
      .optional()
      .describe(
        "Resource server → the agent's value of that server's user claim (its sub at the IdP). Gives the agent's entity an alias on the server's entityAliases accessor, so the IdP's JWTs resolve to it. The server must opt in with entityAliases.",
      ),
    reason: Reason.optional(),
  })
  .describe("Register the agent in Vault's agent registry (Vault Enterprise), tied to its identity entity.");

export const EntityAliases = z
  .strictObject({
    mountAccessor: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,128}$/, { error: 'must be a mount accessor such as "auth_jwt_1a2b3c4d"' })
      .optional()
      .describe('The accessor entity aliases for this issuer are created on.'),
    mount: z
      .string()
      .regex(NAME_PATTERN, { error: `must be the name of an auth mount: ${NAME_RULE}` })
      .optional()
      .describe('Or: an auth mount under authMounts whose accessor that is.'),
  })
  .describe(
    "Opt-in: the accessor Vault resolves this issuer's JWTs on (the entity alias is (accessor, user claim value)). Vault's documentation does not say which accessor that is (docs/agent-registry.md), so it must be named.",
  );

export const PublicKey = z
  .strictObject({
    keyId: z.string().regex(KEY_ID_PATTERN, { error: 'must be a key id (kid) without spaces or quotes, at most 128 characters' }).describe('The kid of tokens signed with this key.'),
    pem: z.string().describe('The PEM-encoded public key ("-----BEGIN PUBLIC KEY-----").'),
  })
  .describe('A pinned verification key.');

export const ResourceServer = z
  .strictObject({
    issuer: HttpsUrl.describe('The issuer (iss) of the tokens, exactly as the IdP writes it, e.g. https://login.example.com/oauth2/default.'),
    jwksUri: HttpsUrl.optional().describe("The IdP's JWKS URL (https). Give this or publicKeys."),
    publicKeys: z.array(PublicKey).min(1, { error: 'needs at least one key' }).optional().describe('Pinned verification keys. Give this or jwksUri.'),
    audiences: z
      .array(z.string().regex(TOKEN_BINDING_PATTERN, { error: 'must be an audience without spaces, quotes or "*"' }))
      .min(1, { error: 'needs at least one audience' })
      .describe('Accepted aud values: tokens minted for another service are refused.'),
    algorithms: z
      .array(z.enum(JWT_ALGORITHMS))
      .min(1, { error: 'needs at least one algorithm' })
      .optional()
      .describe(`Accepted signing algorithms, at most ${MAX_JWT_ALGORITHMS}. Default ${DEFAULT_JWT_ALGORITHMS.join(', ')}.`),
    clockSkewLeeway: Duration.optional().describe(`Tolerated clock skew, at most ${MAX_CLOCK_SKEW_SECONDS}s. Default 0.`),
    userClaim: z
      .string()
      .regex(CLAIM_PATTERN, { error: 'must be a claim name such as "sub"' })
      .optional()
      .describe('The claim that identifies the caller. Default "sub".'),
    jwtType: z.enum(JWT_TYPES).optional().describe('access_token (default) or transaction_token.'),
    entityAliases: EntityAliases.optional(),
    optionalAuthorizationDetails: z
      .boolean()
      .optional()
      .describe('Accept tokens without authorization_details (RAR). Default false; true needs a reason.'),
    reason: Reason.optional(),
  })
  .describe('An OAuth authorization server whose JWTs Vault accepts (a resource-server profile, Vault Enterprise).');

export type RegistrySpec = z.input<typeof Registry>;
export type ResourceServerSpec = z.input<typeof ResourceServer>;
export type PublicKeySpec = z.input<typeof PublicKey>;
export type EntityAliasesSpec = z.input<typeof EntityAliases>;
