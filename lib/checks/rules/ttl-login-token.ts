import type { Rule, RuleFinding } from '../rule';
import { formatSeconds } from '../../analysis/ttl';
import { loginRoleId } from '../../analysis/access';
import { describeTtl, ttlExceeds } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';
import { VAULT_DEFAULT_TTL } from '../../vault/ttl-limits';

export const ttlLoginToken: Rule = {
  id: RULE_ID.TTL_LOGIN_TOKEN,
  statement: 'Every login role sets token_ttl and token_max_ttl at or below the login-token limit (default 1h) and issues no periodic tokens.',
  severity: 'error',
  explanation:
    'An agent\'s Vault token can read its client secret or mint its identity tokens for as long as it lives. Unset, token_ttl and token_max_ttl fall back to the mount\'s or system default (768h), and a token_period makes the token renewable forever.',
  fix: 'Set token_ttl and token_max_ttl (e.g. 900 each: the agent logs in again, which re-checks its binding) and remove token_period.',
  check({ model, settings }) {
    const max = settings.maxLoginTtlSeconds;
    const findings: RuleFinding[] = [];
    for (const role of model.loginRoles) {
      const principal = loginRoleId(role);
      const explicitCap = role.tokenExplicitMaxTtl.kind === 'seconds' && role.tokenExplicitMaxTtl.seconds > 0 && role.tokenExplicitMaxTtl.seconds <= max;
      const fields = [
        ['token_ttl', role.tokenTtl],
        ['token_max_ttl', role.tokenMaxTtl],
      ] as const;
      for (const [field, ttl] of fields) {
        // token_explicit_max_ttl caps both, whatever they say.
        if (explicitCap || !ttlExceeds(ttl, max, VAULT_DEFAULT_TTL.loginToken)) continue;
        findings.push({ resource: role.address, principal, message: `login role "${role.roleName}" ${field} is ${describeTtl(ttl, 'the mount default, 768h unless tuned')}; limit ${formatSeconds(max)}` });
      }
      if (role.tokenExplicitMaxTtl.kind !== 'unset' && ttlExceeds(role.tokenExplicitMaxTtl, max, undefined) && !(role.tokenExplicitMaxTtl.kind === 'seconds' && role.tokenExplicitMaxTtl.seconds === 0))
        findings.push({ resource: role.address, principal, message: `login role "${role.roleName}" token_explicit_max_ttl is ${describeTtl(role.tokenExplicitMaxTtl, '')}; limit ${formatSeconds(max)}` });
      if (role.tokenPeriod.kind !== 'unset' && !(role.tokenPeriod.kind === 'seconds' && role.tokenPeriod.seconds === 0))
        findings.push({ resource: role.address, principal, message: `login role "${role.roleName}" issues periodic tokens (token_period ${describeTtl(role.tokenPeriod, '')}), renewable without limit` });
    }
    return findings;
  },
};
