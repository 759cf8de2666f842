import type { Rule, RuleFinding } from '../rule';
import { IdentityIndex } from '../../analysis/identity-links';
import { RULE_ID } from '../../vault/rule-ids';
import { uniqueSorted } from '../../vault/order';
import { own } from '../../vault/own';

export const providerShared: Rule = {
  id: RULE_ID.PROVIDER_SHARED,
  statement: 'An OIDC provider with scopes is shared only by clients known to hold identical grants.',
  severity: 'error',
  explanation:
    'Scopes are provider-wide, so clients sharing a provider can request each other\'s scopes. Without the topology\'s intent the check cannot prove the sharing clients were meant to have the same grants; with it, sharing is accepted when their intended scopes are identical (excess scopes are then reported by A2A-PROVIDER-SCOPE-EXCESS).',
  fix: 'Give each client agent its own provider listing only its grants, or pass the topology intent (clients with identical grants may share).',
  check({ model, settings }) {
    const index = new IdentityIndex(model);
    const findings: RuleFinding[] = [];
    for (const provider of model.providers) {
      if (provider.scopes.length === 0) continue;
      const names = uniqueSorted(
        provider.allowedClientIds.flatMap((id) => {
          const c = index.clientOf(id);
          return c === '*' ? [] : c ? [c.name] : [];
        }),
      );
      if (names.length < 2) continue;
      const intent = settings.intent;
      if (intent) {
        const grantSets = new Set(names.map((n) => uniqueSorted(own(intent, n) ?? []).join('\n')));
        if (grantSets.size === 1) continue;
      }
      findings.push({
        resource: provider.address,
        message: `provider "${provider.name}" is shared by clients ${names.map((n) => `"${n}"`).join(', ')}${intent ? ' whose intended grants differ' : ''}: each may request every scope (${provider.scopes.join(', ')})`,
      });
    }
    return findings;
  },
};
