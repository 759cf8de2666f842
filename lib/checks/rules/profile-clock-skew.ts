import { MAX_CLOCK_SKEW_SECONDS } from '../../vault/jwt';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const profileClockSkew: Rule = {
  id: RULE_ID.PROFILE_CLOCK_SKEW,
  statement: `Every resource-server profile tolerates at most ${MAX_CLOCK_SKEW_SECONDS} seconds of clock skew (clock_skew_leeway).`,
  severity: 'error',
  explanation:
    'The leeway extends every token past its exp: with 15-minute tokens, a 10-minute leeway makes a stolen token live almost twice as long. Clocks synchronised by NTP are seconds apart.',
  fix: `Set clock_skew_leeway to at most ${MAX_CLOCK_SKEW_SECONDS} (0 to 30 is typical) and fix clocks that drift further.`,
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const p of model.resourceServerProfiles) {
      if (p.clockSkewLeeway === undefined || p.clockSkewLeeway <= MAX_CLOCK_SKEW_SECONDS) continue;
      findings.push({ resource: p.address, message: `resource-server profile "${p.name}" tolerates ${p.clockSkewLeeway}s of clock skew` });
    }
    return findings;
  },
};
