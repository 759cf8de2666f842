import type { Rule, RuleFinding } from '../rule';
import { loginRoleId } from '../../analysis/access';
import { RULE_ID } from '../../vault/rule-ids';

export const loginJwtBinding: Rule = {
  id: RULE_ID.LOGIN_JWT_BINDING,
  statement: 'Every JWT login role binds the subject (bound_subject or bound_claims) and the audiences, without "*".',
  severity: 'error',
  explanation:
    'Without a subject binding every workload the issuer vouches for (every SPIFFE ID of the trust domain) logs in as the agent; without an audience binding a token minted for another service is accepted.',
  fix: 'Set bound_subject = "<the agent\'s SPIFFE ID or subject>", bound_audiences = ["<audience>"] and user_claim = "sub".',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const role of model.loginRoles) {
      if (role.method !== 'jwt') continue;
      const principal = loginRoleId(role);
      const say = (message: string) => findings.push({ resource: role.address, principal, message: `jwt role "${role.roleName}" ${message}` });
      const claims = Object.entries(role.boundClaims);
      if (!role.boundSubject && claims.length === 0) say('binds no subject (no bound_subject, no bound_claims)');
      if (role.boundSubject?.includes('*')) say(`has bound_subject ${JSON.stringify(role.boundSubject)}`);
      for (const [claim, value] of claims) {
        const values = Array.isArray(value) ? value : [value];
        if (values.some((v) => typeof v === 'string' && v.includes('*'))) say(`binds claim "${claim}" to ${JSON.stringify(value)}`);
      }
      if (role.boundAudiences.length === 0) say('binds no audience (bound_audiences is empty)');
      else if (role.boundAudiences.some((a) => a.includes('*'))) say(`is bound to audiences ${JSON.stringify(role.boundAudiences)}`);
    }
    return findings;
  },
};
