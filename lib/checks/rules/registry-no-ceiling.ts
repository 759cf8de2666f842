import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const registryNoCeiling: Rule = {
  id: RULE_ID.REGISTRY_NO_CEILING,
  statement: 'Every agent registration names its ceiling policies and turns off Vault\'s default ceiling (no_default_ceiling_policy = true), so its ceiling is exactly policies in view.',
  severity: 'error',
  explanation:
    'The ceiling is the most a registered agent can ever do. Without ceiling policies it is Vault\'s default ceiling (or none); with the default ceiling left on, Vault adds a policy whose contents are not in the stack, and the ceiling is no longer something a reviewer can read.',
  fix: 'Set ceiling_policies to a policy granting exactly the agent\'s paths (a2a-ceiling-<agent>) and no_default_ceiling_policy = true.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const reg of model.registrations) {
      const principal = `agent-registration:${reg.displayName}`;
      if (reg.ceilingPolicies.length === 0) {
        findings.push({
          resource: reg.address,
          principal,
          message: `agent registration "${reg.displayName}" names no ceiling policies${reg.noDefaultCeilingPolicy ? '' : ', so Vault\'s default ceiling is all that caps it'}`,
        });
      } else if (!reg.noDefaultCeilingPolicy) {
        findings.push({
          resource: reg.address,
          principal,
          message: `agent registration "${reg.displayName}" keeps Vault's default ceiling policy next to ${reg.ceilingPolicies.map((p) => `"${p}"`).join(', ')}`,
        });
      }
    }
    return findings;
  },
};
