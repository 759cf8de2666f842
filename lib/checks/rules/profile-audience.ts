import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const profileAudience: Rule = {
  id: RULE_ID.PROFILE_AUDIENCE,
  statement: 'Every resource-server profile lists the audiences it accepts.',
  severity: 'error',
  explanation:
    'Without audiences Vault does not check the aud claim: any token the issuer mints for any service (a CRM, a wiki, another agent) is accepted by Vault as if it were meant for Vault.',
  fix: 'Set audiences to the aud value the IdP puts in tokens meant for Vault, e.g. ["https://vault.example.com:8200"].',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const p of model.resourceServerProfiles) {
      if (p.audiences.length > 0 || p.audiencesComputed) continue;
      findings.push({ resource: p.address, message: `resource-server profile "${p.name}" accepts tokens from ${p.issuer} for any audience` });
    }
    return findings;
  },
};
