import { patternReaches } from '../../analysis/acl';
import type { Rule, RuleFinding } from '../rule';
import { principalUsingPolicy } from './helpers';
import { grants, stanzas, TOKEN_CREATE_SHAPES } from './policy-patterns';
import { RULE_ID } from '../../vault/rule-ids';

export const policyTokenCreate: Rule = {
  id: RULE_ID.POLICY_TOKEN_CREATE,
  statement: 'No policy grants access to auth/token/create (or create-orphan, or create/<role>).',
  severity: 'error',
  explanation: 'A token that can create tokens can mint children with any subset of its policies and detach them (orphans), escaping revocation and TTL limits.',
  fix: 'Remove the auth/token/create path; agents log in with their own auth method instead.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { policy, stanza } of stanzas(context.model)) {
      if (!grants(stanza) || !TOKEN_CREATE_SHAPES.some((s) => patternReaches(stanza.path, s))) continue;
      const principal = principalUsingPolicy(context, policy.name);
      findings.push({
        resource: policy.address,
        ...(principal ? { principal } : {}),
        message: `policy "${policy.name}" path "${stanza.path}" [${stanza.capabilities.join(', ')}] reaches auth/token/create`,
      });
    }
    return findings;
  },
};
