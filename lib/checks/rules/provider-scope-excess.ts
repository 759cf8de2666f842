import type { OidcClient } from '../../analysis/model';
import type { Rule, RuleFinding } from '../rule';
import { IdentityIndex } from '../../analysis/identity-links';
import { RULE_ID } from '../../vault/rule-ids';
import { own } from '../../vault/own';

export const providerScopeExcess: Rule = {
  id: RULE_ID.PROVIDER_SCOPE_EXCESS,
  statement: 'Every scope a provider supports was meant for every client the provider allows (given the topology\'s intent).',
  severity: 'error',
  explanation:
    'scopes_supported is provider-wide: any allowed client may request any supported scope. A provider that lists a scope meant for one client lets every other allowed client request it too.',
  fix: 'Give each client agent its own provider whose scopes_supported are exactly that client\'s grants (or share a provider only between clients with identical grants).',
  check({ model, settings }) {
    const intent = settings.intent;
    if (!intent) return [];
    const index = new IdentityIndex(model);
    const findings: RuleFinding[] = [];
    for (const provider of model.providers) {
      const clients: OidcClient[] = provider.allowedClientIds.flatMap((id) => {
        const c = index.clientOf(id);
        return c === '*' ? [...model.clients] : c ? [c] : [];
      });
      for (const client of clients) {
        const meant = new Set(own(intent, client.name) ?? []);
        const excess = provider.scopes.filter((s) => !meant.has(s));
        if (excess.length > 0)
          findings.push({
            resource: provider.address,
            principal: `oidc-client:${client.name}`,
            message: `provider "${provider.name}" lets client "${client.name}" request ${excess.map((s) => `"${s}"`).join(', ')}, which the topology does not grant it`,
          });
      }
    }
    return findings;
  },
};
