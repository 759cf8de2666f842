import { IdentityIndex, refTo } from '../../analysis/identity-links';
import type { PrincipalAccess } from '../../analysis/access-types';
import type { ExchangeRole, OidcClient, OidcProvider, StackModel } from '../../analysis/model';
import type { Rule, RuleFinding } from '../rule';
import { exchangeRoleActors } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';
import { compareStrings, uniqueSorted } from '../../vault/order';

/** Users named in one finding before "and N more". */
const LISTED_USERS = 5;

export const delegationBound: Rule = {
  id: RULE_ID.DELEGATION_BOUND,
  statement:
    'Every scope a token-exchange role can put in a delegated token for a user it accepts is a scope that user could obtain by signing in.',
  severity: 'error',
  explanation:
    "A delegated token says \"this agent, acting for this user\". If it carries a grant the user could not obtain themself, the agent uses the user as a pretext for its own access: an actor holding payments.read, acting for a user with no payments access, would hand payments.read to a server as the user's. The bound is the actor's grants ∩ the user's. A role accepts the ID tokens its bound_issuer and bound_audiences admit (unbound: those of every provider and client), from every user who can sign in through those clients.",
  fix: "Narrow the role's context to the scopes every user it accepts can obtain by signing in (the topology's compiler splits sign-in partitions so each role's context is exact), or bind it to the issuer and client of users who hold those grants.",
  check(ruleContext) {
    const { model } = ruleContext;
    // The effective access is computed on first read: a stack without exchange roles never needs it.
    if (model.exchangeRoles.length === 0) return [];
    const { access } = ruleContext;
    const index = new IdentityIndex(model);
    const signingIn = Object.values(access.principals).filter((p) => p.id.startsWith('entity:') && p.signIn.length > 0);
    const findings: RuleFinding[] = [];
    for (const role of model.exchangeRoles) {
      const where = `exchange role "${role.mount}/role/${role.name}"`;
      // Who acts with the role: the topology's intent, a fixed act.sub, or whoever can write its token path.
      const actors = exchangeRoleActors(role, ruleContext, index);
      const principal = actors.length === 1 ? { principal: `entity:${actors[0]}` } : {};
      const label = actors.length === 0 ? '' : ` (${actors.length === 1 ? 'actor' : 'actors'} ${actors.map((a) => `"${a}"`).join(', ')})`;
      if (role.context.kind === 'unreadable') {
        findings.push({ resource: role.address, ...principal, message: `${where} has a context the model cannot read (${role.context.text}), so what its delegated tokens carry is unknown` });
        continue;
      }
      const context = uniqueSorted(role.context.scopes);
      if (context.length === 0) continue;
      const { clients, why } = acceptedClients(role, model, index);
      const excess: string[] = [];
      for (const user of signingIn.filter((p) => p.signIn.some((c) => clients.has(c))).sort((a, b) => compareStrings(a.name, b.name))) {
        const obtainable = new Set(obtainableScopes(user));
        const missing = context.filter((s) => !obtainable.has(s));
        if (missing.length > 0) excess.push(`${user.name} (${missing.join(', ')})`);
      }
      if (excess.length === 0) continue;
      const listed = excess.length > LISTED_USERS ? `${excess.slice(0, LISTED_USERS).join(', ')} and ${excess.length - LISTED_USERS} more` : excess.join(', ');
      findings.push({
        resource: role.address,
        ...principal,
        message: `${where}${label}${why} puts scopes into delegated tokens for users who cannot obtain them by signing in: ${listed}`,
      });
    }
    return findings;
  },
};

/**
 * The OIDC clients whose users' ID tokens the role accepts: those of the provider its
 * bound_issuer names (every provider when it names none of the stack's), narrowed to the clients
 * its bound_audiences name (all of them when it names none it can resolve).
 */
function acceptedClients(role: ExchangeRole, model: StackModel, index: IdentityIndex): { clients: ReadonlySet<string>; why: string } {
  const providerAddress = role.boundIssuer ? refTo(role.boundIssuer, 'vault_identity_oidc_provider', 'issuer') : undefined;
  const bound = providerAddress ? model.providers.find((p) => p.address === providerAddress) : undefined;
  const providers: readonly OidcProvider[] = bound ? [bound] : model.providers;
  const issued = new Set<string>();
  for (const provider of providers) for (const c of providerClients(provider, model, index)) issued.add(c);
  const audiences = role.boundAudiences.map((a) => index.clientOf(a));
  const known = audiences.filter((a): a is OidcClient => a !== undefined && a !== '*');
  // An audience the model cannot resolve (a literal, `*`) could be any client: fail closed.
  const anyAudience = audiences.length === 0 || audiences.some((a) => a === undefined || a === '*');
  const clients = anyAudience ? issued : new Set(known.map((c) => c.name).filter((c) => issued.has(c)));
  const loose = [
    ...(bound ? [] : [role.boundIssuer ? 'a bound_issuer that names no provider of the stack' : 'no bound_issuer']),
    ...(anyAudience ? [audiences.length === 0 ? 'no bound_audiences' : 'a bound audience that names no client of the stack'] : []),
  ];
  return { clients, why: loose.length === 0 ? '' : `, with ${loose.join(' and ')}, accepts ID tokens of every such client's users and` };
}

/** Clients a provider issues tokens to: its allowed_client_ids, every client for `*` or an expression. */
function providerClients(provider: OidcProvider, model: StackModel, index: IdentityIndex): string[] {
  if (provider.allowedClientIdsComputed) return model.clients.map((c) => c.name);
  return provider.allowedClientIds.flatMap((id) => {
    const client = index.clientOf(id);
    return client === '*' ? model.clients.map((c) => c.name) : client ? [client.name] : [];
  });
}

/** Scopes a principal can obtain in ID tokens by signing in (not those of clients whose secret it reads). */
function obtainableScopes(p: PrincipalAccess): string[] {
  return p.scopes.filter((s) => s.as === 'end-user').map((s) => s.scope);
}
