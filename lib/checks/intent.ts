/** The topology's intent as the checks read it: which scopes each OIDC client is meant to request. */
import { clientOwner } from '../plan/compile-delegation';
import type { AccessPlan } from '../plan/types';
import type { ClientScopeIntent, DelegationIntent, ExchangeActorIntent, VaultTarget } from './rule';

/** Client → scopes, from the plan's `scope` grants (the compiler's own record of intent). */
export function intentFromPlan(plan: AccessPlan): ClientScopeIntent {
  // By name in a Map: client names are the topology's, and the rules read the result by own key.
  const intent = new Map<string, string[]>();
  const add = (client: string, scope: string) => intent.get(client)?.push(scope) ?? intent.set(client, [scope]);
  for (const client of plan.clients) intent.set(client.name, []);
  for (const g of plan.grants) if (g.kind === 'scope') add(g.client, g.scope);
  // A sign-in partition's provider also offers its may_act scope (RFC 8693 delegation).
  for (const p of plan.delegation?.partitions ?? []) if (p.mayActScope) add(p.client, p.mayActScope);
  // Every client agent's provider (each of its partitions) offers the scope naming the agent.
  // The clients of each agent, found once (not once per agent scope: that grew with the square of the topology).
  const clientsOf = new Map<string, string[]>();
  for (const client of plan.clients) {
    const owner = clientOwner(plan.delegation, client.name);
    const of = clientsOf.get(owner);
    if (of) of.push(client.name);
    else clientsOf.set(owner, [client.name]);
  }
  for (const s of plan.agentScopes ?? []) {
    for (const client of clientsOf.get(s.agent) ?? []) add(client, s.name);
  }
  return Object.fromEntries([...intent].map(([k, v]) => [k, [...new Set(v)].sort()]));
}

/** User → actors it delegates to, from the plan's `act-for` grants; users who delegate to nobody map to []. */
export function delegationIntentFromPlan(plan: AccessPlan): DelegationIntent {
  const intent = new Map<string, string[]>();
  for (const e of plan.entities) if (e.kind === 'user') intent.set(e.name, []);
  for (const g of plan.grants) if (g.kind === 'act-for') intent.get(g.user)?.push(g.principal.name) ?? intent.set(g.user, [g.principal.name]);
  return Object.fromEntries([...intent].map(([k, v]) => [k, [...new Set(v)].sort()]));
}

/** `<mount>/<role>` → the entity of the actor each token-exchange role is for, from the plan. */
export function exchangeActorsFromPlan(plan: AccessPlan): ExchangeActorIntent {
  const exchange = plan.delegation?.tokenExchange;
  const entityOf = new Map((plan.delegation?.actors ?? []).map((a) => [a.agent, a.entity]));
  return Object.fromEntries((exchange?.roles ?? []).map((r) => [`${exchange!.mount}/${r.name}`, entityOf.get(r.actor) ?? r.actor]));
}

/** The Vault server and namespace the plan's stack writes to (the topology's `vault`). */
export function vaultTargetFromPlan(plan: AccessPlan): VaultTarget {
  return { address: plan.vault.address, ...(plan.vault.namespace !== undefined ? { namespace: plan.vault.namespace } : {}) };
}

/** Everything a plan says about intent, as check options. */
export function checkIntentFromPlan(plan: AccessPlan): {
  readonly intent: ClientScopeIntent;
  readonly delegations: DelegationIntent;
  readonly exchangeActors: ExchangeActorIntent;
  readonly vaultTarget: VaultTarget;
  readonly auditRequired: boolean;
} {
  return {
    intent: intentFromPlan(plan),
    delegations: delegationIntentFromPlan(plan),
    exchangeActors: exchangeActorsFromPlan(plan),
    vaultTarget: vaultTargetFromPlan(plan),
    auditRequired: plan.audit?.required ?? false,
  };
}
