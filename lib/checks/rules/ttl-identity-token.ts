import type { Rule } from '../rule';
import { formatSeconds } from '../../analysis/ttl';
import { describeTtl, ttlExceeds } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';
import { VAULT_DEFAULT_TTL } from '../../vault/ttl-limits';

export const ttlIdentityToken: Rule = {
  id: RULE_ID.TTL_IDENTITY_TOKEN,
  statement: 'Every identity-token role sets ttl at or below the access-token limit (default 30m).',
  severity: 'error',
  explanation: 'An identity token is a bearer credential for the server it names; Vault defaults its ttl to 24h.',
  fix: 'Set ttl on the vault_identity_oidc_role explicitly, e.g. 900 (15 minutes).',
  check({ model, settings }) {
    const max = settings.maxAccessTtlSeconds;
    return model.roles
      .filter((r) => ttlExceeds(r.ttl, max, VAULT_DEFAULT_TTL.oidcToken))
      .map((r) => ({
        resource: r.address,
        principal: `identity-token-role:${r.name}`,
        message: `identity-token role "${r.name}" ttl is ${describeTtl(r.ttl, "Vault's default 24h")}; limit ${formatSeconds(max)}`,
      }));
  },
};
