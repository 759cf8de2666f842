import type { Rule } from '../rule';
import { principalUsingPolicy } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';

export const policyParse: Rule = {
  id: RULE_ID.POLICY_PARSE,
  statement: 'Every vault_policy document is written in the stack and parses as a Vault policy.',
  severity: 'error',
  explanation:
    'Vault refuses at apply time a document with syntax errors, unknown keys, a name that is not a string (name {}), unknown capabilities, an unknown legacy policy, "+*" in a path or a max_wrapping_ttl below min_wrapping_ttl; a document computed at apply time cannot be checked at all, so nothing said about its principals\' access would hold.',
  fix: 'Fix what the message names (each says why Vault refuses it), or write the document in the stack (HCL, JSON, or a vault_policy_document data source).',
  check(context) {
    return context.model.policies.flatMap((policy) => {
      if (policy.parsed.ok) return [];
      const principal = principalUsingPolicy(context, policy.name);
      return [{ resource: policy.address, ...(principal ? { principal } : {}), message: `policy "${policy.name}": ${policy.parsed.errors.join('; ')}` }];
    });
  },
};
