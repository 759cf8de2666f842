/**
 * Rules for credential lifetimes that need more than one field: the signing key's rotation and
 * verification windows against each other and against the tokens it signs, per-agent TTLs against
 * the topology's defaults (the ceiling for every agent), and the key's algorithm against the
 * token-exchange plugin.
 */
import { DEFAULT_OIDC_KEY_ALGORITHM } from '../vault/jwt';
import {
  DEFAULT_KEY_ROTATION_SECONDS,
  DEFAULT_TOKEN_TTL_SECONDS,
  MAX_KEY_PERIOD_SECONDS,
  MAX_VERIFICATION_ROTATIONS,
  MIN_KEY_ROTATION_SECONDS,
} from '../vault/ttl-limits';
import { formatDuration, parseDuration } from './duration';
import type { DraftIssue, IssuePath } from './path';
import { asMap, get, has, type RawMap } from './raw';
import type { ResolveContext, TopologyIndex } from './topology-index';
import { checkDuration, checkTtl, ttlLimits } from './validate-settings';

export const AGENT_TTL_FIELDS = ['accessTokenTtl', 'idTokenTtl', 'identityTokenTtl', 'loginTokenTtl'] as const;
type TtlField = (typeof AGENT_TTL_FIELDS)[number];
/** The synth-time check limit that applies to the tokens each field sets. */
const LIMIT_OF: Record<TtlField, 'access' | 'login'> = { accessTokenTtl: 'access', idTokenTtl: 'access', identityTokenTtl: 'access', loginTokenTtl: 'login' };

/** Seconds of a valid positive duration, else undefined (the value's own problem is reported elsewhere). */
function secondsOf(value: unknown): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const seconds = parseDuration(value);
  return seconds !== undefined && seconds > 0 ? seconds : undefined;
}

/**
 * The topology-wide value of a TTL field: `defaults.<field>`, else 15m. A value that is itself
 * invalid (reported at defaults.<field>) counts as the default, so it causes no second issue.
 */
function defaultTtl(defaults: RawMap | undefined, field: TtlField): number {
  const value = get(defaults, field);
  if (checkTtl(value, ['defaults', field]) !== undefined) return DEFAULT_TOKEN_TTL_SECONDS;
  return secondsOf(value) ?? DEFAULT_TOKEN_TTL_SECONDS;
}

function checkSigningKey(index: TopologyIndex): DraftIssue[] {
  const key = asMap(get(index.root, 'signingKey'));
  const defaults = asMap(get(index.root, 'defaults'));
  const at: IssuePath = ['signingKey'];
  const issues: DraftIssue[] = [];
  const rotationProblem = checkDuration(get(key, 'rotationPeriod'), [...at, 'rotationPeriod'], {
    min: MIN_KEY_ROTATION_SECONDS,
    minWhy: 'Vault refuses a shorter rotation period',
    max: MAX_KEY_PERIOD_SECONDS,
    why: 'a signing key in use for longer is not short-lived; Vault rotates it for you',
    fallback: 'the 24h default',
  });
  if (rotationProblem) issues.push(rotationProblem);
  const verificationProblem = checkDuration(get(key, 'verificationTtl'), [...at, 'verificationTtl'], {
    max: MAX_KEY_PERIOD_SECONDS,
    why: 'a rotated-out key trusted for longer keeps old tokens verifiable for longer than any token lives',
    fallback: 'the rotation period',
  });
  if (verificationProblem) issues.push(verificationProblem);
  if (rotationProblem || verificationProblem) return issues;

  const rotation = secondsOf(get(key, 'rotationPeriod')) ?? DEFAULT_KEY_ROTATION_SECONDS;
  const verification = secondsOf(get(key, 'verificationTtl')) ?? rotation;
  const written = has(key, 'verificationTtl');
  const verificationAt: DraftIssue['path'] = [...at, 'verificationTtl'];
  const pointer = written
    ? { path: verificationAt, anchor: 'value' as const }
    : { path: verificationAt, anchor: 'parent' as const, missing: true as const };
  if (verification > MAX_VERIFICATION_ROTATIONS * rotation) {
    issues.push({
      ...(has(key, 'verificationTtl') ? pointer : { path: [...at, 'rotationPeriod'], anchor: 'value' as const }),
      message: `${formatDuration(verification)} is longer than ${MAX_VERIFICATION_ROTATIONS} rotation periods (${formatDuration(MAX_VERIFICATION_ROTATIONS * rotation)}); Vault refuses such a key`,
      fix: `use a verificationTtl of at most ${formatDuration(MAX_VERIFICATION_ROTATIONS * rotation)}, or a longer rotationPeriod`,
    });
  }
  // Vault refuses a client whose id_token_ttl, or an identity-token role whose ttl, exceeds the
  // key's verification_ttl: a token must stay verifiable for as long as it lives.
  const longest = (['idTokenTtl', 'identityTokenTtl'] as const)
    .map((field) => ({ field, seconds: defaultTtl(defaults, field) }))
    .sort((a, b) => b.seconds - a.seconds)[0];
  if (verification < longest.seconds) {
    issues.push({
      ...pointer,
      message: `${written ? '' : 'defaults to the rotation period, '}${formatDuration(verification)}, which is shorter than defaults.${longest.field} (${formatDuration(longest.seconds)}); Vault refuses a token TTL longer than the key's verification_ttl`,
      fix: `set verificationTtl to at least ${formatDuration(longest.seconds)}, or shorten defaults.${longest.field}`,
    });
  }
  const algorithm = get(key, 'algorithm');
  if (typeof algorithm === 'string' && algorithm !== DEFAULT_OIDC_KEY_ALGORITHM && has(index.root, 'tokenExchange')) {
    issues.push({
      path: [...at, 'algorithm'],
      anchor: 'value',
      message: `${algorithm} cannot be used with tokenExchange: the identity-delegation plugin accepts subject tokens signed with RS256 only`,
      fix: 'use RS256 (the default), or remove tokenExchange',
    });
  }
  return issues;
}

function checkAgentTtls(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const defaults = asMap(get(index.root, 'defaults'));
  const limit = ttlLimits(ctx);
  return [...index.agents].flatMap(([name, agent]) => {
    const ttl = asMap(get(agent, 'ttl'));
    return AGENT_TTL_FIELDS.flatMap((field): DraftIssue[] => {
      const path: IssuePath = ['agents', name, 'ttl', field];
      const value = get(ttl, field);
      const problem = checkTtl(value, path, limit[LIMIT_OF[field]]);
      if (problem) return [problem];
      const seconds = secondsOf(value);
      const ceiling = defaultTtl(defaults, field);
      if (seconds === undefined || seconds <= ceiling) return [];
      return [
        {
          path,
          anchor: 'value',
          message: `${JSON.stringify(value)} is longer than defaults.${field} (${formatDuration(ceiling)}${has(defaults, field) ? '' : ', the default'}), the ceiling for every agent`,
          fix: `use at most ${formatDuration(ceiling)}, or raise defaults.${field} if every agent may have tokens that long`,
        },
      ];
    });
  });
}

export function checkLifetimes(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  return [...checkSigningKey(index), ...checkAgentTtls(index, ctx)];
}
