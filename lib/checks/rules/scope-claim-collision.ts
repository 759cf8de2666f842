import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';
import { compareStrings } from '../../vault/order';

export const scopeClaimCollision: Rule = {
  id: RULE_ID.SCOPE_CLAIM_COLLISION,
  statement: 'No two scopes of one provider set the same top-level claim.',
  severity: 'error',
  explanation:
    'When two scopes on a provider set the same top-level key, Vault warns and a request for both can fail or let one scope\'s value override the other\'s, so a grant no longer maps to one claim.',
  fix: 'Give every scope its own top-level claim (the convention: the scope name <server>.<skill>.<action> with value true).',
  check({ model }) {
    const claimsOf = new Map(model.scopes.map((s) => [s.name, s.claims]));
    const findings: RuleFinding[] = [];
    for (const provider of model.providers) {
      const owners = new Map<string, string[]>();
      for (const scope of provider.scopes) {
        const claims = claimsOf.get(scope);
        if (claims?.kind !== 'claims') continue;
        for (const key of claims.keys) owners.set(key, [...(owners.get(key) ?? []), scope]);
      }
      for (const [claim, scopes] of [...owners.entries()].sort(([a], [b]) => compareStrings(a, b)))
        if (scopes.length > 1)
          findings.push({ resource: provider.address, message: `provider "${provider.name}": claim "${claim}" is set by scopes ${scopes.map((s) => `"${s}"`).join(', ')}` });
    }
    return findings;
  },
};
