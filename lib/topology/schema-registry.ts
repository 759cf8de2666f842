/**
 * Topology schema for Vault Enterprise's agent registry and OAuth resource-server profiles
 * (scenario 5): `agents.<a>.registry` and top-level `resourceServers`. Shape only, like
 * schema.ts; the rules that need more than one field (jwksUri xor publicKeys, PEM contents, a
 * reason for every exception) live in resolve-registry.ts.
 */
import { z } from 'zod';
import { CLAIM_PATTERN, KEY_ID_PATTERN, ONE_LINE_TEXT_PATTERN, POLICY_NAME_PATTERN, TOKEN_BINDING_PATTERN } from './names';
import { Duration } from './schema-duration';

/** The algorithms Vault's resource-server profiles know (its default accepts all nine). */
export const JWT_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/**
 * Accepted when a resource server lists none: one ECDSA and one RSA-PSS algorithm, so either key
 * type works, and neither PKCS#1 v1.5 RSA (Vault itself warns about RS256) nor the long tail.
 */
export const DEFAULT_JWT_ALGORITHMS: readonly JwtAlgorithm[] = ['ES256', 'PS256'];
/**
 * At most this many algorithms: one per family (ECDSA, RSA-PSS, RSA PKCS#1) is the most a single
 * issuer needs, even while it migrates between key types. Every extra algorithm is attack surface
 * (algorithm confusion) that no token uses.
 */
export const MAX_JWT_ALGORITHMS = 3;
/** Clock-skew tolerance above this lets expired tokens through for too long. */
export const MAX_CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_CLOCK_SKEW_SECONDS = 0;
export const DEFAULT_USER_CLAIM = 'sub';
export const JWT_TYPES = ['access_token', 'transaction_token'] as const;
export type JwtType = (typeof JWT_TYPES)[number];

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
    reason: Reason.optional(),
  })
  .describe("Register the agent in Vault's agent registry (Vault Enterprise), tied to its identity entity.");

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
