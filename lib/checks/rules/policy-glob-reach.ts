import { isWildcard, patternReaches } from '../../analysis/acl';
import type { Rule, RuleFinding } from '../rule';
import { principalUsingPolicy } from './helpers';
import { grants, SENSITIVE_SHAPES, stanzas } from './policy-patterns';
import { RULE_ID } from '../../vault/rule-ids';

export const policyGlobReach: Rule = {
  id: RULE_ID.POLICY_GLOB_REACH,
  statement: 'No policy path with "*" or "+" reaches OIDC client secrets, identity tokens, keys, identity objects or login roles.',
  severity: 'error',
  explanation:
    'A glob such as identity/oidc/client/* or identity/oidc/+/x matches every other agent\'s client secret or token role, present and future: one compromised agent can then impersonate all of them.',
  fix: 'Grant exact paths only: identity/oidc/client/<own client> (read), identity/oidc/token/<own role> (read), identity/oidc/introspect (update).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { policy, stanza } of stanzas(context.model)) {
      if (!grants(stanza) || !isWildcard(stanza.path)) continue;
      const reached = SENSITIVE_SHAPES.filter((s) => patternReaches(stanza.path, s.shape)).map((s) => s.what);
      if (reached.length === 0) continue;
      const principal = principalUsingPolicy(context, policy.name);
      findings.push({
        resource: policy.address,
        ...(principal ? { principal } : {}),
        message: `policy "${policy.name}" path "${stanza.path}" [${stanza.capabilities.join(', ')}] reaches ${reached.join('; ')}`,
      });
    }
    return findings;
  },
};
