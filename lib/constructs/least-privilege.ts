/**
 * The least-privilege checks every `A2aVaultTopology` runs at synth time unless told otherwise.
 *
 * The checks read the stack's final Terraform JSON (the same rules as `vault-a2a check`), compare
 * each provider with the plan's intent, and accept exactly the findings the topology suppresses
 * per agent. Turning them off is a widening like any other, so it needs a reason, which synth
 * prints.
 */
import { Annotations, Aspects, TerraformResource, TerraformStack } from 'cdktf';
import { LeastPrivilegeAspect } from '../checks/aspect';
import { checkIntentFromPlan } from '../checks/intent';
import type { Suppression } from '../checks/suppressions';
import type { AccessPlan } from '../plan/types';
import type { A2aVaultTopology } from './topology';

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

export function addLeastPrivilegeChecks(topology: A2aVaultTopology, checks: LeastPrivilegeChecks): void {
  const stack = TerraformStack.of(topology);
  if (!checks.enabled) {
    if (checks.reason.trim() === '') throw new Error('least-privilege checks can only be turned off with a reason');
    Annotations.of(topology).addInfo(`least-privilege checks are off: ${checks.reason}`);
    return;
  }
  Aspects.of(stack).add(
    new LeastPrivilegeAspect({
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
 * that belongs to the agent — and never matches anything of another agent.
 */
export function agentSuppressions(topology: A2aVaultTopology): Suppression[] {
  const plan = topology.plan;
  return plan.suppressions.flatMap((s) => {
    const targets = s.resource !== undefined ? [s.resource] : agentTargets(topology, plan, s.agent);
    return targets.map((resource) => ({ rule: s.rule, resource, reason: `${s.reason} (agents.${s.agent}.suppressions)` }));
  });
}

function agentTargets(topology: A2aVaultTopology, plan: AccessPlan, agent: string): string[] {
  const resources: (TerraformResource | undefined)[] = [
    topology.entities.get(agent)?.resource,
    topology.entities.get(agent)?.aliasResource,
    topology.loginRoles.get(agent)?.resource,
    ...plan.policies.filter((p) => p.agent === agent).map((p) => topology.policies.get(p.name)?.resource),
    ...plan.clients.filter((c) => c.name === agent).flatMap((c) => [
      topology.clients.get(c.name)?.resource,
      topology.providers.get(c.provider.name)?.resource,
      topology.assignments.get(c.assignment.name)?.resource,
    ]),
    ...plan.identityTokenRoles.filter((r) => r.agent === agent).map((r) => topology.identityTokenRoles.get(r.name)?.resource),
    topology.registry?.records.get(agent)?.resource,
  ];
  const addresses = resources.filter((r): r is TerraformResource => r !== undefined).map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`);
  const login = plan.loginRoles.find((r) => r.agent === agent);
  const principals = [
    `entity:${agent}`,
    ...plan.clients.filter((c) => c.name === agent).map((c) => `oidc-client:${c.name}`),
    ...(login ? [`login-role:${login.mountPath}/${login.roleName}`] : []),
    ...plan.identityTokenRoles.filter((r) => r.agent === agent).map((r) => `identity-token-role:${r.name}`),
    ...(topology.registry?.records.has(agent) ? [`agent-registration:${agent}`] : []),
  ];
  return [...addresses, ...principals].sort();
}
