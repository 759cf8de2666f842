/**
 * The least-privilege checks every `A2aVaultTopology` runs at synth time unless told otherwise.
 *
 * The checks read the stack's final Terraform JSON (the same rules as `vault-a2a check`), compare
 * each provider with the plan's intent, and accept exactly the findings the topology suppresses
 * per agent. Turning them off is a widening like any other, so it needs a reason, which synth
 * prints.
 */
import { Annotations, Aspects, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { agentFactPrincipals } from '../analysis/model-from-plan';
import { LeastPrivilegeAspect } from '../checks/aspect';
import { checkIntentFromPlan } from '../checks/intent';
import type { Suppression } from '../checks/suppressions';
import { clientOwner } from '../plan/compile-delegation';
import type { AccessPlan } from '../plan/types';
import { compareStrings } from '../vault/order';
import { agentResourceAddresses } from './agent-tag';

export type LeastPrivilegeChecks =
  | {
      readonly enabled: true;
      /** Ceiling for ID, access and identity-token TTLs (seconds or "30m"). Default 30m. */
      readonly maxAccessTtl?: number | string;
      /** Ceiling for login-token TTLs (seconds or "1h"). Default 1h. */
      readonly maxLoginTtl?: number | string;
      /** Findings accepted in addition to the topology's per-agent suppressions. */
      readonly suppressions?: readonly Suppression[];
    }
  | { readonly enabled: false; readonly reason: string };

export const CHECKS_ON: LeastPrivilegeChecks = { enabled: true };

/**
 * What the checks need from the L3 (`A2aVaultTopology`): its plan, and its construct tree with
 * every construct made for an agent tagged (agent-tag.ts).
 */
export interface PlannedTopology extends IConstruct {
  readonly plan: AccessPlan;
}

export function addLeastPrivilegeChecks(topology: PlannedTopology, checks: LeastPrivilegeChecks): void {
  const stack = TerraformStack.of(topology);
  if (!checks.enabled) {
    if (checks.reason.trim() === '') throw new Error('least-privilege checks can only be turned off with a reason');
    Annotations.of(topology).addInfo(`least-privilege checks are off: ${checks.reason}`);
    return;
  }
  Aspects.of(stack).add(
    new LeastPrivilegeAspect({
      // Every principal's effective access compared with the plan's (A2A-INTENT-EXCESS/MISSING).
      plan: topology.plan,
      ...checkIntentFromPlan(topology.plan),
      suppressions: [...agentSuppressions(topology), ...(checks.suppressions ?? [])],
      ...(checks.maxAccessTtl !== undefined ? { maxAccessTtl: checks.maxAccessTtl } : {}),
      ...(checks.maxLoginTtl !== undefined ? { maxLoginTtl: checks.maxLoginTtl } : {}),
    }),
  );
}

/**
 * A topology suppression is written per agent; a finding names a Terraform address and often a
 * principal id. So each agent suppression becomes one suppression per resource and principal id
 * that belongs to the agent — and never matches anything of another agent. The resources are
 * those of the constructs tagged with the agent (agent-tag.ts); the principal ids come from the plan.
 */
export function agentSuppressions(topology: PlannedTopology): Suppression[] {
  const plan = topology.plan;
  // Walking the construct tree for the agents' addresses costs as much as a small stack: only when needed.
  if (plan.suppressions.length === 0) return [];
  const resources = agentResourceAddresses(topology);
  const factPrincipals = agentFactPrincipals(plan);
  const agentPrincipals = agentPrincipalsOf(plan);
  return plan.suppressions.flatMap((s) => {
    const targets =
      s.resource !== undefined
        ? [s.resource]
        : [...new Set([...(resources.get(s.agent) ?? []), ...agentPrincipals(s.agent), ...(factPrincipals.get(s.agent) ?? [])])].sort(compareStrings);
    return targets.map((resource) => ({ rule: s.rule, resource, reason: `${s.reason} (agents.${s.agent}.suppressions)` }));
  });
}

/**
 * Principal ids (see lib/analysis/access-types.ts) of what the plan creates for an agent. The
 * plan is indexed once for all the agents with suppressions (searched per agent, it grew with
 * the square of the topology when many agents have suppressions).
 */
function agentPrincipalsOf(plan: AccessPlan): (agent: string) => string[] {
  const first = <T>(items: readonly T[], agentOf: (item: T) => string): Map<string, T> => {
    const out = new Map<string, T>();
    for (const item of items) if (!out.has(agentOf(item))) out.set(agentOf(item), item);
    return out;
  };
  const all = <T>(items: readonly T[], agentOf: (item: T) => string): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const item of items) {
      const of = out.get(agentOf(item));
      if (of) of.push(item);
      else out.set(agentOf(item), [item]);
    }
    return out;
  };
  const logins = first(plan.loginRoles, (r) => r.agent);
  const actors = first(plan.delegation?.actors ?? [], (a) => a.agent);
  const clients = all(plan.clients, (c) => clientOwner(plan.delegation, c.name));
  const tokenRoles = all(plan.identityTokenRoles, (r) => r.agent);
  const registered = new Set((plan.registry?.registrations ?? []).map((r) => r.agent));
  return (agent) => {
    const login = logins.get(agent);
    const actor = actors.get(agent);
    return [
      `entity:${agent}`,
      ...(clients.get(agent) ?? []).map((c) => `oidc-client:${c.name}`),
      ...(login ? [`login-role:${login.mountPath}/${login.roleName}`] : []),
      ...(tokenRoles.get(agent) ?? []).map((r) => `identity-token-role:${r.name}`),
      ...(actor ? [`identity-token-role:${actor.tokenRole.name}`] : []),
      ...(registered.has(agent) ? [`agent-registration:${agent}`] : []),
    ];
  };
}
