import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const templateInvalid: Rule = {
  id: RULE_ID.TEMPLATE_INVALID,
  statement: 'Every scope and identity-token role template is a JSON object of claims.',
  severity: 'error',
  explanation: 'Vault rejects a template that is not a JSON object, and the checks cannot tell which claims a token carries.',
  fix: 'Write the template as a JSON object, e.g. {"<server>.<skill>.<action>": true}.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const s of model.scopes)
      if (s.claims.kind === 'invalid') findings.push({ resource: s.address, message: `scope "${s.name}" template is ${s.claims.error}` });
    for (const r of model.roles)
      if (r.claims.kind === 'invalid') findings.push({ resource: r.address, message: `identity-token role "${r.name}" template is ${r.claims.error}` });
    return findings;
  },
};
