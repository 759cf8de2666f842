import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

const ALLOW_ALL = 'allow_all';

export const assignmentAllowAll: Rule = {
  id: RULE_ID.ASSIGNMENT_ALLOW_ALL,
  statement: 'Every OIDC client names assignments that list its users and groups; none uses the built-in "allow_all" assignment.',
  severity: 'error',
  explanation:
    'The built-in assignment "allow_all" admits every entity in the namespace: anyone who can authenticate to Vault can sign in through the client and obtain its scopes.',
  fix: 'Replace "allow_all" with a vault_identity_oidc_assignment listing exactly the entity_ids and group_ids allowed to sign in.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const c of model.clients)
      if (c.assignments.includes(ALLOW_ALL))
        findings.push({ resource: c.address, principal: `oidc-client:${c.name}`, message: `client "${c.name}" admits every entity (assignments include "allow_all")` });
    for (const a of model.assignments)
      if (a.name === ALLOW_ALL)
        findings.push({ resource: a.address, message: 'redefines the built-in "allow_all" assignment' });
    return findings;
  },
};
