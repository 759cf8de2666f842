import type { Rule, RuleFinding } from '../rule';
import { formatSeconds, type Ttl } from '../../analysis/ttl';
import { describeTtl } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';
import { DEFAULT_KEY_ROTATION_SECONDS, MAX_KEY_PERIOD_SECONDS, MAX_VERIFICATION_ROTATIONS, MIN_KEY_ROTATION_SECONDS } from '../../vault/ttl-limits';

/** Seconds Vault uses for a key period (unset or 0: its 24h default); undefined when unknown before apply. */
function effective(ttl: Ttl): number | undefined {
  if (ttl.kind === 'unset' || (ttl.kind === 'seconds' && ttl.seconds === 0)) return DEFAULT_KEY_ROTATION_SECONDS;
  return ttl.kind === 'seconds' ? ttl.seconds : undefined;
}

const DAYS = MAX_KEY_PERIOD_SECONDS / 86400;

export const keyRotation: Rule = {
  id: RULE_ID.KEY_ROTATION,
  statement: `Every OIDC signing key rotates at least every ${DAYS} days (${formatSeconds(MAX_KEY_PERIOD_SECONDS)}) and keeps a rotated-out key published for at most ${DAYS} days (and, as Vault requires, at most ${MAX_VERIFICATION_ROTATIONS} rotation periods).`,
  severity: 'error',
  explanation:
    "The signing key signs every ID token and identity token. The longer one key is in use, the longer a leaked private key mints tokens servers accept, and the longer verification_ttl, the longer tokens signed with a retired key stay verifiable. Vault's default is 24h for both; values it refuses (rotation under 1m, verification_ttl over 10 rotation periods) fail the apply.",
  fix: 'Set rotation_period and verification_ttl on the vault_identity_oidc_key, e.g. 86400 each (topology: signingKey.rotationPeriod / verificationTtl).',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const key of model.keys) {
      const rotation = effective(key.rotationPeriod);
      const verification = effective(key.verificationTtl);
      const problems: string[] = [];
      if (rotation === undefined) problems.push(`rotation_period is ${describeTtl(key.rotationPeriod, "Vault's default 24h")}`);
      else if (rotation > MAX_KEY_PERIOD_SECONDS) problems.push(`rotation_period is ${formatSeconds(rotation)} (limit ${formatSeconds(MAX_KEY_PERIOD_SECONDS)})`);
      else if (rotation < MIN_KEY_ROTATION_SECONDS) problems.push(`rotation_period is ${formatSeconds(rotation)}, which Vault refuses (at least 1m)`);
      if (verification === undefined) problems.push(`verification_ttl is ${describeTtl(key.verificationTtl, "Vault's default 24h")}`);
      else if (verification > MAX_KEY_PERIOD_SECONDS) problems.push(`verification_ttl is ${formatSeconds(verification)} (limit ${formatSeconds(MAX_KEY_PERIOD_SECONDS)})`);
      else if (rotation !== undefined && verification > MAX_VERIFICATION_ROTATIONS * rotation) {
        problems.push(`verification_ttl ${formatSeconds(verification)} is longer than ${MAX_VERIFICATION_ROTATIONS} rotation periods, which Vault refuses`);
      }
      if (problems.length > 0) findings.push({ resource: key.address, message: `key "${key.name}": ${problems.join('; ')}` });
    }
    return findings;
  },
};
