import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const profileJwksHttps: Rule = {
  id: RULE_ID.PROFILE_JWKS_HTTPS,
  statement: 'Every resource-server profile fetches its JWKS over https.',
  severity: 'error',
  explanation:
    'Vault trusts whatever keys the JWKS URL returns. Over plain http anyone on the network path can substitute their own key and mint tokens Vault accepts for any registered agent.',
  fix: "Use the IdP's https JWKS URL (see its discovery document), or pin the keys with use_jwks = false and public_keys.",
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const p of model.resourceServerProfiles) {
      if (!p.useJwks || p.jwksUri === undefined || /^https:\/\//i.test(p.jwksUri)) continue;
      findings.push({ resource: p.address, message: `resource-server profile "${p.name}" fetches signing keys from ${JSON.stringify(p.jwksUri)}` });
    }
    return findings;
  },
};
