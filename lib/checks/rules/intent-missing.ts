import { describePrincipal } from '../../analysis/facts-describe';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const intentMissing: Rule = {
  id: RULE_ID.INTENT_MISSING,
  statement: "Every access the topology grants is effective in the stack (given the topology's plan).",
  severity: 'warning',
  explanation:
    'A stack that grants less than its topology is not a security problem, but the agent or user will fail at run time, and it usually means the stack and the topology drifted apart (a hand edit, an older synth).',
  fix: 'Synthesize the stack again from the topology, or remove the grant from the topology.',
  check(context) {
    const { intentComparison } = context;
    if (!intentComparison) return [];
    const findings: RuleFinding[] = [];
    for (const d of intentComparison.missing) {
      // Read only when something is missing: a stack proven structurally has no facts computed.
      const effective = context.facts.principals.get(d.principal);
      findings.push({
        resource: effective?.addresses[0] ?? d.principal,
        principal: d.principal,
        message: `the topology grants ${describePrincipal(d.principal)} this, but the stack does not: ${d.text}`,
      });
    }
    return findings;
  },
};
