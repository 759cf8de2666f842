import type { Rule } from '../rule';
import { principalUsingPolicy } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';

export const policyParse: Rule = {
  id: RULE_ID.POLICY_PARSE,
  statement: 'Every vault_policy document is written in the stack and parses as a Vault policy.',
  severity: 'error',
  explanation:
    'Vault rejects a document with syntax errors, unknown keys or unknown capabilities at apply time; a document computed at apply time cannot be checked at all, so nothing said about its principals\' access would hold.',
  fix: 'Fix the syntax error shown, or write the document in the stack (HCL, JSON, or a vault_policy_document data source).',
  check(context) {
    return context.model.policies.flatMap((policy) => {
      if (policy.parsed.ok) return [];
      const principal = principalUsingPolicy(context, policy.name);
      return [{ resource: policy.address, ...(principal ? { principal } : {}), message: `policy "${policy.name}": ${policy.parsed.errors.join('; ')}` }];
    });
  },
};
