/** The topology's intent as the checks read it: which scopes each OIDC client is meant to request. */
import type { AccessPlan } from '../plan/types';
import type { ClientScopeIntent } from './rule';

/** Client → scopes, from the plan's `scope` grants (the compiler's own record of intent). */
export function intentFromPlan(plan: AccessPlan): ClientScopeIntent {
  const intent: Record<string, string[]> = {};
  for (const client of plan.clients) intent[client.name] = [];
  for (const g of plan.grants) if (g.kind === 'scope') (intent[g.client] ??= []).push(g.scope);
  for (const k of Object.keys(intent)) intent[k] = [...new Set(intent[k])].sort();
  return intent;
}
