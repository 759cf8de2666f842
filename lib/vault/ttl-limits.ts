/**
 * Token and key lifetimes: the project's limits and defaults, and Vault's own defaults, in
 * seconds. The topology loader, the constructs, the checks and the reviewer outputs read them
 * here, so a limit cannot differ between the layer that writes a TTL and the one that judges it.
 */

/** Upper bound for every TTL in a topology or a construct: anything longer is not a short-lived credential. */
export const MAX_TTL_SECONDS = 24 * 60 * 60;

/** Default TTL of ID, access, identity and login tokens: 15 minutes, the recommended ceiling for agent-to-agent calls. */
export const DEFAULT_TOKEN_TTL_SECONDS = 15 * 60;

/** `vault-a2a check`'s default ceiling for ID-token, access-token and identity-token TTLs. */
export const DEFAULT_MAX_ACCESS_TTL_SECONDS = 30 * 60;

/** `vault-a2a check`'s default ceiling for Vault login-token TTLs (token_ttl, token_max_ttl). */
export const DEFAULT_MAX_LOGIN_TTL_SECONDS = 60 * 60;

/**
 * The token ceilings the least-privilege checks enforce (`--max-access-ttl`, `--max-login-ttl`),
 * in seconds; absent = the defaults above. Validation, synthesis and the checks take the same.
 */
export interface TokenTtlLimits {
  /** ID-, access- and identity-token TTLs. Default `DEFAULT_MAX_ACCESS_TTL_SECONDS`. */
  readonly maxAccessTtlSeconds?: number;
  /** Login-token TTLs. Default `DEFAULT_MAX_LOGIN_TTL_SECONDS`. */
  readonly maxLoginTtlSeconds?: number;
}

/** Vault's defaults when a TTL field is not set (or is 0). */
export const VAULT_DEFAULT_TTL = {
  /** OIDC client `id_token_ttl` and `access_token_ttl`; identity-token role `ttl`. */
  oidcToken: 24 * 60 * 60,
  /** Login role `token_ttl` / `token_max_ttl`: the system default lease TTL unless the mount is tuned. */
  loginToken: 768 * 60 * 60,
} as const;

/** How often the OIDC signing key rotates, and how long a rotated-out key stays published: 24h. */
export const DEFAULT_KEY_ROTATION_SECONDS = 24 * 60 * 60;

/** Rotation and verification windows beyond this are no longer "short-lived". */
export const MAX_KEY_PERIOD_SECONDS = 30 * 24 * 60 * 60;

/** Vault refuses a key `rotation_period` under one minute ("rotation_period must be at least one minute"). */
export const MIN_KEY_ROTATION_SECONDS = 60;

/**
 * Vault refuses a key whose `verification_ttl` is longer than this many rotation periods
 * ("verification_ttl cannot be longer than 10x rotation_period", identity_store_oidc.go).
 */
export const MAX_VERIFICATION_ROTATIONS = 10;

/**
 * AppRole secret ids: how long one lives when the topology does not say. Vault's default (0) is
 * "never expires"; a secret id is a bootstrap credential, so it is short-lived like everything else.
 */
export const DEFAULT_SECRET_ID_TTL_SECONDS = 60 * 60;

/** A secret id living longer than this is not a short-lived credential (the same bound as every TTL). */
export const MAX_SECRET_ID_TTL_SECONDS = MAX_TTL_SECONDS;
