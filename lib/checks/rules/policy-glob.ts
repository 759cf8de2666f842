import { isWildcard, patternReaches } from '../../analysis/acl';
import type { Rule, RuleFinding } from '../rule';
import { principalUsingPolicy } from './helpers';
import { grants, SENSITIVE_SHAPES, stanzas, SYS_SHAPE, TOKEN_CREATE_SHAPES } from './policy-patterns';
import { RULE_ID } from '../../vault/rule-ids';

export const policyGlob: Rule = {
  id: RULE_ID.POLICY_GLOB,
  statement: 'Policy paths are exact; a "*" or "+" path is a reviewed exception.',
  severity: 'warning',
  explanation:
    'A glob grants today\'s and tomorrow\'s paths alike, so what a principal can do is no longer visible in the stack. (Globs that reach secrets, tokens, sys/ or token creation are errors under their own rules.)',
  fix: 'Replace the glob with the exact paths needed, or suppress this finding with the reason the glob is needed.',
  check(context) {
    const findings: RuleFinding[] = [];
    const covered = [...SENSITIVE_SHAPES.map((s) => s.shape), SYS_SHAPE, ...TOKEN_CREATE_SHAPES];
    for (const { policy, stanza } of stanzas(context.model)) {
      if (!grants(stanza) || !isWildcard(stanza.path)) continue;
      if (covered.some((shape) => patternReaches(stanza.path, shape))) continue;
      const principal = principalUsingPolicy(context, policy.name);
      findings.push({
        resource: policy.address,
        ...(principal ? { principal } : {}),
        message: `policy "${policy.name}" grants [${stanza.capabilities.join(', ')}] on glob path "${stanza.path}"`,
      });
    }
    return findings;
  },
};
