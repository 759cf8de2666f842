/**
 * Credential lifetimes the compiler derives: an agent's token TTLs (its own, or the topology's,
 * which bound them), the signing key's windows and algorithm, and AppRole secret-id defaults.
 * Pure, like compile.ts.
 */
import type { NormalizedAgent, NormalizedAgentTtl, NormalizedTopology } from '../topology/normalized';
import { DEFAULT_OIDC_KEY_ALGORITHM, type OidcKeyAlgorithm } from '../vault/jwt';
import { DEFAULT_KEY_ROTATION_SECONDS, DEFAULT_SECRET_ID_TTL_SECONDS } from '../vault/ttl-limits';

export type TokenTtlField = keyof NormalizedAgentTtl;

/** The agent's own TTL when it sets one (validation keeps it within the topology's), else the topology's. */
export function agentTtlSeconds(topology: NormalizedTopology, agent: NormalizedAgent | undefined, field: TokenTtlField): number {
  return agent?.ttl?.[field] ?? topology.ttl[field];
}

export interface SigningKeySettings {
  readonly algorithm: OidcKeyAlgorithm;
  readonly rotationPeriodSeconds: number;
  readonly verificationTtlSeconds: number;
}

/** Defaults: rotate every 24h, keep a rotated-out key published for one rotation period, RS256. */
export function signingKeySettings(topology: NormalizedTopology): SigningKeySettings {
  const key = topology.signingKey;
  const rotationPeriodSeconds = key?.rotationPeriodSeconds ?? DEFAULT_KEY_ROTATION_SECONDS;
  return {
    algorithm: key?.algorithm ?? DEFAULT_OIDC_KEY_ALGORITHM,
    rotationPeriodSeconds,
    verificationTtlSeconds: key?.verificationTtlSeconds ?? rotationPeriodSeconds,
  };
}

export interface SecretIdSettings {
  readonly ttlSeconds: number;
  readonly numUses: number;
  readonly boundCidrs: readonly string[];
}

/**
 * An AppRole agent's secret ids: 1h unless the topology says otherwise, and by default exactly the
 * logins that lifetime needs (the agent logs in again every login-token TTL, since its token is
 * not renewable past it), plus one for a restart. Vault's own defaults are "never expires" and
 * "unlimited uses".
 */
export function secretIdSettings(
  login: { readonly secretIdTtlSeconds?: number; readonly secretIdNumUses?: number; readonly secretIdBoundCidrs?: readonly string[] },
  loginTokenSeconds: number,
): SecretIdSettings {
  const ttlSeconds = login.secretIdTtlSeconds ?? DEFAULT_SECRET_ID_TTL_SECONDS;
  return {
    ttlSeconds,
    numUses: login.secretIdNumUses ?? Math.ceil(ttlSeconds / loginTokenSeconds) + 1,
    boundCidrs: login.secretIdBoundCidrs ?? [],
  };
}
