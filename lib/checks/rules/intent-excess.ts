import { describePrincipal } from '../../analysis/facts-describe';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const intentExcess: Rule = {
  id: RULE_ID.INTENT_EXCESS,
  statement: "No principal can do anything in Vault the topology does not grant it, by any route (given the topology's plan).",
  severity: 'error',
  explanation:
    "Each principal's effective access (Vault paths of every token it can hold, sign-ins, scopes and claims, tokens it can mint, exchanges, who can log in as it and who may act for it, its registry ceiling, token lifetimes) is computed from the stack with Vault's semantics and compared with what the plan grants. Anything more is a widening, whichever resource gives it: an exact path, an entity or group policy, a parent group, an extra service account or claim in a login role, an assignment member, a claim in a template, write access to an object that grants access.",
  fix: 'Remove the access from the resources the finding names, or grant it in the topology; suppress with the reason when a wider grant is deliberate.',
  check({ intentComparison }) {
    if (!intentComparison) return [];
    const findings: RuleFinding[] = [];
    for (const d of intentComparison.extra) {
      // Reported by A2A-MODEL-UNREADABLE, which names the part of the stack the model cannot read.
      if (d.fromUnreadable) continue;
      const resources = d.resources.length > 0 ? d.resources : [d.principal];
      findings.push({
        resource: d.primary ?? resources[0]!,
        principal: d.principal,
        message: `${describePrincipal(d.principal)} ${d.text}, which the topology does not grant${d.administers ? ' (write access to an object that grants access is that access)' : ''}; given by ${resources.join(', ')}`,
      });
    }
    return findings;
  },
};
