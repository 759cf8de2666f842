import { MAX_JWT_ALGORITHMS } from '../../vault/jwt';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const profileAlgorithms: Rule = {
  id: RULE_ID.PROFILE_ALGORITHMS,
  statement: `Every resource-server profile lists the signing algorithms it accepts: at most ${MAX_JWT_ALGORITHMS}, not the provider's default of all nine.`,
  severity: 'warning',
  explanation:
    'Each accepted algorithm is attack surface (algorithm confusion, weak PKCS#1 v1.5 padding) that no legitimate token uses; an issuer signs with one or two.',
  fix: 'Set supported_algorithms to what the IdP signs with, e.g. ["ES256"] or ["PS256"].',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const p of model.resourceServerProfiles) {
      if (p.supportedAlgorithms === undefined || p.supportedAlgorithms.length === 0) {
        findings.push({ resource: p.address, message: `resource-server profile "${p.name}" sets no supported_algorithms, so it accepts all nine` });
      } else if (new Set(p.supportedAlgorithms).size > MAX_JWT_ALGORITHMS) {
        findings.push({ resource: p.address, message: `resource-server profile "${p.name}" accepts ${new Set(p.supportedAlgorithms).size} algorithms (${[...new Set(p.supportedAlgorithms)].join(', ')})` });
      }
    }
    return findings;
  },
};
