import type { Rule, RuleFinding } from '../rule';
import { loginRoleId } from '../../analysis/access';
import { formatSeconds } from '../../analysis/ttl';
import { describeTtl } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';
import { MAX_SECRET_ID_TTL_SECONDS } from '../../vault/ttl-limits';

export const loginApproleSecretId: Rule = {
  id: RULE_ID.LOGIN_APPROLE_SECRET_ID,
  statement: `Every AppRole login role that requires a secret id makes secret ids expire (secret_id_ttl set, at most ${formatSeconds(MAX_SECRET_ID_TTL_SECONDS)}).`,
  severity: 'error',
  explanation:
    "Vault's default secret_id_ttl is 0: a secret id never expires, and with the default secret_id_num_uses (0, unlimited) it logs in forever. The provider sends neither unless set. A leaked secret id then stays a working credential until someone notices and revokes it.",
  fix: 'Set secret_id_ttl (e.g. 3600) and secret_id_num_uses on the vault_approle_auth_backend_role (topology: login.secretIdTtl, login.secretIdNumUses).',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const role of model.loginRoles) {
      if (role.method !== 'approle' || !role.bindSecretId) continue;
      const ttl = role.secretIdTtl;
      const never = ttl.kind === 'unset' || (ttl.kind === 'seconds' && ttl.seconds === 0);
      const tooLong = ttl.kind === 'seconds' && ttl.seconds > MAX_SECRET_ID_TTL_SECONDS;
      if (!never && !tooLong && ttl.kind === 'seconds') continue;
      const what = never
        ? 'never expire (secret_id_ttl unset or 0)'
        : tooLong
          ? `live ${formatSeconds((ttl as { seconds: number }).seconds)} (limit ${formatSeconds(MAX_SECRET_ID_TTL_SECONDS)})`
          : `have a lifetime that is ${describeTtl(ttl, 'never')}`;
      findings.push({ resource: role.address, principal: loginRoleId(role), message: `approle role "${role.roleName}": its secret ids ${what}` });
    }
    return findings;
  },
};
