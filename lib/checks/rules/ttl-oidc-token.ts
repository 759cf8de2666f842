import type { Rule, RuleFinding } from '../rule';
import { formatSeconds } from '../../analysis/ttl';
import { describeTtl, ttlExceeds } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';
import { VAULT_DEFAULT_TTL } from '../../vault/ttl-limits';

export const ttlOidcToken: Rule = {
  id: RULE_ID.TTL_OIDC_TOKEN,
  statement: 'Every OIDC client sets id_token_ttl and access_token_ttl at or below the access-token limit (default 30m).',
  severity: 'error',
  explanation:
    'A stolen ID or access token is usable until it expires. Vault defaults both to 24h; 15–30 minutes is the ceiling recommended for agent-to-agent calls.',
  fix: 'Set id_token_ttl and access_token_ttl explicitly, e.g. 900 (15 minutes).',
  check({ model, settings }) {
    const max = settings.maxAccessTtlSeconds;
    const findings: RuleFinding[] = [];
    for (const c of model.clients)
      for (const [field, ttl] of [
        ['id_token_ttl', c.idTokenTtl],
        ['access_token_ttl', c.accessTokenTtl],
      ] as const)
        if (ttlExceeds(ttl, max, VAULT_DEFAULT_TTL.oidcToken))
          findings.push({
            resource: c.address,
            principal: `oidc-client:${c.name}`,
            message: `client "${c.name}" ${field} is ${describeTtl(ttl, "Vault's default 24h")}; limit ${formatSeconds(max)}`,
          });
    return findings;
  },
};
