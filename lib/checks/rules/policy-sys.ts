import { patternReaches } from '../../analysis/acl';
import type { Rule, RuleFinding } from '../rule';
import { principalUsingPolicy } from './helpers';
import { grants, stanzas, SYS_SHAPE } from './policy-patterns';
import { RULE_ID } from '../../vault/rule-ids';

export const policySys: Rule = {
  id: RULE_ID.POLICY_SYS,
  statement: 'No policy grants access to sys/ paths.',
  severity: 'error',
  explanation: 'sys/ configures Vault itself: mounts, auth methods, policies, audit, leases. An agent with access there can grant itself anything.',
  fix: 'Remove the sys/ path (or the glob that reaches it) from the policy.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { policy, stanza } of stanzas(context.model)) {
      if (!grants(stanza) || !patternReaches(stanza.path, SYS_SHAPE)) continue;
      const principal = principalUsingPolicy(context, policy.name);
      findings.push({
        resource: policy.address,
        ...(principal ? { principal } : {}),
        message: `policy "${policy.name}" path "${stanza.path}" [${stanza.capabilities.join(', ')}] reaches sys/`,
      });
    }
    return findings;
  },
};
