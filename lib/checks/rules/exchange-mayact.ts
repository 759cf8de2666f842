import { IdentityIndex, refTo } from '../../analysis/identity-links';
import type { OidcProvider } from '../../analysis/model';
import type { Rule, RuleFinding } from '../rule';
import { idText } from '../../analysis/values';
import { RULE_ID } from '../../vault/rule-ids';

export const exchangeMayAct: Rule = {
  id: RULE_ID.EXCHANGE_MAYACT,
  statement:
    'A token-exchange role bound to a provider of the stack accepts only ID tokens whose may_act names the role\'s actor (every principal that can exchange with it, when act.sub is the caller), from exactly that provider\'s clients.',
  severity: 'error',
  explanation:
    'The exchange role, not the may_act claim, is what the plugin enforces. A role bound to a provider whose scopes do not name its actor in may_act lets that actor act for users who never delegated to it; audiences other than the provider\'s own clients widen it to tokens issued for other clients.',
  fix: 'Bind each role to the provider (bound_issuer) and client (bound_audiences) of the sign-in partition whose users delegate to the role\'s actor, or remove the role.',
  check(context) {
    // `context.access` is computed on first read: only a role whose actor is the caller needs it.
    const { model, settings } = context;
    const index = new IdentityIndex(model);
    const providers = new Map(model.providers.map((p) => [p.address, p]));
    const scopes = new Map(model.scopes.map((s) => [s.name, s]));
    const mayActEntities = (provider: OidcProvider): string[] =>
      provider.scopes.flatMap((name) => {
        const claims = scopes.get(name)?.claims;
        return claims?.kind === 'claims' ? (claims.mayAct ?? []).flatMap((e) => index.entityOf(e.sub)?.name ?? []) : [];
      });
    const findings: RuleFinding[] = [];
    for (const role of model.exchangeRoles) {
      const address = role.boundIssuer ? refTo(role.boundIssuer, 'vault_identity_oidc_provider', 'issuer') : undefined;
      const provider = address ? providers.get(address) : undefined;
      if (!provider) continue; // unbound: A2A-EXCHANGE-UNBOUND; an issuer outside the stack cannot be judged here
      const where = `exchange role "${role.mount}/role/${role.name}"`;
      const named = mayActEntities(provider);
      const lets = (actor: string, how: string): RuleFinding => ({
        resource: role.address,
        principal: `entity:${actor}`,
        message: `${where} lets "${actor}"${how} exchange ID tokens of provider "${provider.name}", whose may_act does not name "${actor}"`,
      });
      if (role.actor.kind === 'unreadable') {
        findings.push({ resource: role.address, message: `${where} has an actor_template whose act.sub the checks cannot read: ${role.actor.text}` });
      } else if (role.actor.kind === 'fixed') {
        const actor = index.entityOf(role.actor.sub)?.name;
        if (!actor) findings.push({ resource: role.address, message: `${where} names no actor entity of the stack in its actor_template act.sub` });
        else if (!named.includes(actor)) findings.push(lets(actor, ''));
      } else {
        // act.sub is the caller: every principal that can write the token path acts, as itself.
        const actors = new Set<string>();
        for (const p of Object.values(context.access.principals)) {
          const exchange = p.tokenExchanges.find((t) => t.mount === role.mount && t.role === role.name);
          if (exchange?.actor) actors.add(exchange.actor);
        }
        const meant = settings.exchangeActors?.[`${role.mount}/${role.name}`];
        if (meant) actors.add(meant);
        for (const actor of [...actors].sort()) if (!named.includes(actor)) findings.push(lets(actor, actor === meant ? '' : ' (who can write its token path)'));
      }
      const allowed = new Set(provider.allowedClientIds.map(idText));
      const foreign = role.boundAudiences.filter((a) => !allowed.has(idText(a)));
      if (foreign.length > 0) {
        findings.push({
          resource: role.address,
          message: `${where} accepts audiences ${foreign.map((a) => `"${idText(a)}"`).join(', ')} that provider "${provider.name}" does not allow`,
        });
      }
    }
    return findings;
  },
};
