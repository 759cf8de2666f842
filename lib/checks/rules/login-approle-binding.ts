import type { Rule, RuleFinding } from '../rule';
import { loginRoleId } from '../../analysis/access';
import { RULE_ID } from '../../vault/rule-ids';

const OPEN_CIDRS = new Set(['0.0.0.0/0', '::/0']);

export const loginApproleBinding: Rule = {
  id: RULE_ID.LOGIN_APPROLE_BINDING,
  statement: 'Every AppRole login role requires a secret id (bind_secret_id is not false) or binds logins to specific CIDRs.',
  severity: 'error',
  explanation: 'With bind_secret_id = false and no CIDR binding, the role id alone logs in, and role ids are not secret (they appear in configuration and logs).',
  fix: 'Remove bind_secret_id = false, or bind secret_id_bound_cidrs / token_bound_cidrs to the agent\'s addresses.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const role of model.loginRoles) {
      if (role.method !== 'approle' || role.bindSecretId) continue;
      const cidrs = [...role.secretIdBoundCidrs, ...role.tokenBoundCidrs].filter((c) => !OPEN_CIDRS.has(c));
      if (cidrs.length > 0) continue;
      findings.push({
        resource: role.address,
        principal: loginRoleId(role),
        message: `approle role "${role.roleName}" sets bind_secret_id = false without a CIDR binding: its role id alone logs in`,
      });
    }
    return findings;
  },
};
