/**
 * JWT vocabulary of Vault's OAuth resource-server profiles (Vault Enterprise): the signing
 * algorithms they know and the project's limits on what a profile accepts.
 */

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

/**
 * The algorithms a Vault OIDC signing key (`identity/oidc/key`) can use (identity_store_oidc.go
 * `supportedAlgs`): no PS* (unlike resource-server profiles), no HMAC, no `none`.
 */
export const OIDC_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export type OidcKeyAlgorithm = (typeof OIDC_KEY_ALGORITHMS)[number];
/** RS256: every OIDC and JWT library verifies it, and the identity-delegation plugin accepts nothing else in subject tokens. */
export const DEFAULT_OIDC_KEY_ALGORITHM: OidcKeyAlgorithm = 'RS256';
