/**
 * Signed tokens (headless identity tokens and delegated tokens), verified with `jose` against the
 * issuer's published JWKS. jose does the cryptography and the registered-claim checks (`iss`,
 * `aud`, `exp`, `nbf`, allowed algorithms); this file only chooses the options and turns jose's
 * errors into reasons a server can log.
 *
 * Keys: one remote key set per issuer, cached (`cacheMaxAge`), reloaded once when a token names a
 * `kid` it does not hold, but not more often than every `cooldown` (jose's createRemoteJWKSet):
 * a key rotation is picked up on the first token signed with the new key, and a flood of tokens
 * with made-up `kid`s costs at most one fetch per cooldown.
 */
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { SigningAlgorithm } from './claims-file';

export interface KeySetOptions {
  readonly timeoutMs: number;
  readonly cooldownMs: number;
  readonly maxAgeMs: number;
}

export interface JwtIssuerConfig {
  readonly issuer: string;
  readonly jwks: string;
  readonly algorithms: readonly SigningAlgorithm[];
  readonly audiences: readonly string[];
  readonly requiredClaims: readonly string[];
}

export type JwtCheck = { readonly ok: true; readonly payload: JWTPayload } | { readonly ok: false; readonly reason: string };

/** An unverified look at a compact JWS, only to route it to its issuer's checks. */
export type Peeked = { readonly ok: true; readonly alg: unknown; readonly iss: unknown } | { readonly ok: false; readonly reason: string };

export function peekJwt(token: string): Peeked {
  try {
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt(token);
    return { ok: true, alg: header.alg, iss: payload.iss };
  } catch {
    return { ok: false, reason: 'the token is neither a Vault access token nor a well-formed JWT' };
  }
}

export class JwtIssuer {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly options: Parameters<typeof jwtVerify>[2] & object;

  constructor(
    readonly config: JwtIssuerConfig,
    keySet: KeySetOptions,
    clockToleranceSeconds: number,
  ) {
    this.keys = createRemoteJWKSet(new URL(config.jwks), {
      timeoutDuration: keySet.timeoutMs,
      cooldownDuration: keySet.cooldownMs,
      cacheMaxAge: keySet.maxAgeMs,
    });
    this.options = {
      issuer: config.issuer,
      audience: [...config.audiences],
      algorithms: [...config.algorithms],
      clockTolerance: clockToleranceSeconds,
      requiredClaims: [...config.requiredClaims],
    };
  }

  /** `now`: a clock other than the system's (tests); omitted, jose reads the system clock. */
  async verify(token: string, alg: unknown, now?: number): Promise<JwtCheck> {
    const { config } = this;
    // jose refuses these too; checking first gives the reason and spares a key lookup.
    if (typeof alg !== 'string' || !(config.algorithms as readonly string[]).includes(alg)) {
      return { ok: false, reason: `algorithm ${JSON.stringify(alg ?? null)} is not accepted: ${config.issuer} signs with ${config.algorithms.join(', ')}` };
    }
    try {
      const { payload } = await jwtVerify(token, this.keys, now === undefined ? this.options : { ...this.options, currentDate: new Date(now) });
      return { ok: true, payload };
    } catch (err) {
      return { ok: false, reason: joseReason(err, config) };
    }
  }
}

function joseReason(err: unknown, config: JwtIssuerConfig): string {
  const e = err as { code?: string; claim?: string; message?: string };
  switch (e.code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (e.claim === 'aud') return 'the token is not for this server (aud is none of its audiences)';
      if (e.claim === 'iss') return `the token's issuer is not ${config.issuer}`;
      if (e.claim === 'nbf') return 'the token is not valid yet (nbf)';
      if (e.claim === 'iat') return 'the token was issued in the future (iat)';
      return `the token's "${e.claim ?? 'unknown'}" claim is missing or invalid`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature does not verify';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return `no key of ${config.jwks} matches the token (kid unknown even after a refetch, or a refetch was too recent)`;
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'the token names no kid and the key set has several keys';
    case 'ERR_JWKS_TIMEOUT':
      return `the key set ${config.jwks} did not answer in time`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token algorithm is not accepted';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'the token is not a well-formed JWT';
    case 'ERR_JWKS_INVALID':
      return `${config.jwks} did not serve a JSON Web Key Set`;
    default:
      // Network failures and non-200 answers from the key set: the token cannot be checked.
      return `the key set ${config.jwks} could not be read`;
  }
}
