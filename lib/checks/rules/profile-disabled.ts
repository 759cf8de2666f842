import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const profileDisabled: Rule = {
  id: RULE_ID.PROFILE_DISABLED,
  statement: 'No resource-server profile is kept disabled (enabled = false).',
  severity: 'warning',
  explanation:
    'A disabled profile is trust in an issuer that nobody exercises or watches: it reads as reviewed configuration, and one flag turns it back on. Remove what is not in use.',
  fix: 'Delete the profile, or enable it if the issuer is meant to be trusted.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const p of model.resourceServerProfiles) {
      if (p.enabled) continue;
      findings.push({ resource: p.address, message: `resource-server profile "${p.name}" (issuer ${p.issuer}) is disabled` });
    }
    return findings;
  },
};
