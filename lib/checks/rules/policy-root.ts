import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const policyRoot: Rule = {
  id: RULE_ID.POLICY_ROOT,
  statement: 'No login role, entity, group or agent registration attaches the root policy.',
  severity: 'error',
  explanation: 'The root policy bypasses every ACL check: its holder can do anything in Vault.',
  fix: 'Attach the principal\'s own policy (a2a-agent-<agent>) instead of root.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    const has = (list: readonly string[]) => list.includes('root');
    for (const r of model.loginRoles) if (has(r.policies)) findings.push({ resource: r.address, message: `login role "${r.roleName}" issues tokens with the root policy` });
    for (const e of model.entities) if (has(e.policies)) findings.push({ resource: e.address, principal: `entity:${e.name}`, message: `entity "${e.name}" has the root policy` });
    for (const g of model.groups) if (has(g.policies)) findings.push({ resource: g.address, principal: `group:${g.name}`, message: `group "${g.name}" has the root policy` });
    for (const a of [...model.entityPolicies, ...model.groupPolicies]) if (has(a.policies)) findings.push({ resource: a.address, message: 'attaches the root policy' });
    for (const reg of model.registrations)
      if (has(reg.ceilingPolicies)) findings.push({ resource: reg.address, message: `agent registration "${reg.displayName}" has root as a ceiling policy` });
    return findings;
  },
};
