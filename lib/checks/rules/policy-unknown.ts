import type { Rule, RuleFinding } from '../rule';
import { loginRoleId } from '../../analysis/access';
import { RULE_ID } from '../../vault/rule-ids';
import { uniqueSorted } from '../../vault/order';

/** Policies Vault always has. */
const BUILT_IN = new Set(['default', 'root']);

export const policyUnknown: Rule = {
  id: RULE_ID.POLICY_UNKNOWN,
  statement: 'Every policy attached to a principal is defined in the stack (or is Vault\'s built-in default).',
  severity: 'warning',
  explanation: 'A policy defined elsewhere can grant anything; the access computed for its principals is then a lower bound, not the truth.',
  fix: 'Define the policy in the stack, or suppress with the reason it is managed elsewhere.',
  check({ model }) {
    const defined = new Set(model.policies.map((p) => p.name));
    const findings: RuleFinding[] = [];
    const report = (resource: string, who: string, names: readonly string[], principal?: string) => {
      const unknown = uniqueSorted(names.filter((n) => !defined.has(n) && !BUILT_IN.has(n)));
      if (unknown.length > 0)
        findings.push({
          resource,
          ...(principal ? { principal } : {}),
          message: `${who} attaches polic${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map((n) => `"${n}"`).join(', ')} not defined in this stack`,
        });
    };
    for (const r of model.loginRoles) report(r.address, `login role "${r.roleName}"`, r.policies, loginRoleId(r));
    for (const e of model.entities) report(e.address, `entity "${e.name}"`, e.policies, `entity:${e.name}`);
    for (const g of model.groups) report(g.address, `group "${g.name}"`, g.policies, `group:${g.name}`);
    for (const a of [...model.entityPolicies, ...model.groupPolicies]) report(a.address, a.address, a.policies);
    for (const reg of model.registrations) report(reg.address, `agent registration "${reg.displayName}"`, reg.ceilingPolicies);
    return findings;
  },
};
