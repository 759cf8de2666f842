import type { Rule, RuleFinding } from '../rule';
import { principalUsingPolicy } from './helpers';
import { stanzas } from './policy-patterns';
import { RULE_ID } from '../../vault/rule-ids';

export const policySudo: Rule = {
  id: RULE_ID.POLICY_SUDO,
  statement: 'No policy grants the sudo capability.',
  severity: 'error',
  explanation: 'sudo unlocks root-protected endpoints (sys/ configuration, token accessors, audit devices). No A2A agent needs it.',
  fix: 'Remove "sudo" from the capabilities.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { policy, stanza } of stanzas(context.model)) {
      if (!stanza.capabilities.includes('sudo')) continue;
      const principal = principalUsingPolicy(context, policy.name);
      findings.push({ resource: policy.address, ...(principal ? { principal } : {}), message: `policy "${policy.name}" grants sudo on "${stanza.path}"` });
    }
    return findings;
  },
};
