/**
 * `vault-a2a stacks`: the stacks a topology synthesizes into, from its plan (nothing is
 * synthesized): per stack its resources, the agents it holds, its namespace, the stacks it
 * depends on and where its state lives; and the order `cdktf deploy '*'` runs them in.
 */
import { cloudWorkspaceName } from '../constructs/organization';
import { defaultStatePath } from '../constructs/stack';
import type { OrganizationPlan } from '../plan/organization';
import { planResourceCount } from '../plan/organization';
import type { AccessPlan } from '../plan/types';
import type { BackendSpec } from '../topology/schema-organization';
import { stableJson } from './json';
import { table } from './markdown';

export interface StackSummary {
  readonly name: string;
  readonly kind: 'shared' | 'team' | 'topology';
  readonly team?: string;
  readonly shard?: number;
  readonly namespace?: string;
  readonly resources: number;
  readonly agents: number;
  /** Clients and identity-token roles its signing key allows. */
  readonly keyClients: number;
  readonly dependsOn: readonly string[];
  /** Where the state lives: a path, an object key, or a workspace. */
  readonly state: string;
}

export interface StacksReport {
  readonly stacks: readonly StackSummary[];
  readonly deployOrder: readonly string[];
  readonly maxResources?: number;
  /** With a cloud backend: tags to put on every workspace (a cloud block selects workspaces by name or by tags, not both). */
  readonly workspaceTags?: readonly string[];
}

/** Where the state of `stack` lives with `backend`. */
export function stateLocation(backend: BackendSpec, stack: string): string {
  switch (backend.type) {
    case 'local':
      return `terraform.${stack}.tfstate (local; ${defaultStatePath(stack)} from the stack directory)`;
    case 's3':
      return `s3://${backend.bucket}/${backend.keyPrefix}/${stack}.tfstate`;
    case 'gcs':
      return `gs://${backend.bucket}/${backend.prefix}/${stack}/`;
    case 'azurerm':
      return `azurerm ${backend.storageAccountName}/${backend.containerName}/${backend.keyPrefix}/${stack}.tfstate`;
    case 'cloud':
      return `workspace ${backend.organization}/${cloudWorkspaceName(backend.workspacePrefix, stack)}${backend.project !== undefined ? ` (project ${backend.project})` : ''}`;
  }
}

export function organizationStacksReport(split: OrganizationPlan): StacksReport {
  const backend = split.organization.backend;
  return {
    stacks: split.stacks.map((s) => ({
      name: s.name,
      kind: s.kind,
      ...(s.team !== undefined ? { team: s.team } : {}),
      ...(s.shard !== undefined ? { shard: s.shard } : {}),
      ...(s.namespace !== undefined ? { namespace: s.namespace } : {}),
      resources: s.resources,
      agents: s.agents.length,
      keyClients: s.plan.key.allowedClients.length,
      dependsOn: s.dependsOn,
      state: stateLocation(backend, s.name),
    })),
    deployOrder: split.deployOrder,
    maxResources: split.organization.maxResources,
    ...(backend.type === 'cloud' && backend.tags !== undefined ? { workspaceTags: backend.tags } : {}),
  };
}

/** A single-file topology: one stack, with the local state `AgentTopologyStack` defaults to. */
export function topologyStacksReport(plan: AccessPlan, agents: number): StacksReport {
  return {
    stacks: [
      {
        name: plan.name,
        kind: 'topology',
        ...(plan.vault.namespace !== undefined ? { namespace: plan.vault.namespace } : {}),
        resources: planResourceCount(plan),
        agents,
        keyClients: plan.key.allowedClients.length,
        dependsOn: [],
        state: stateLocation({ type: 'local' }, plan.name),
      },
    ],
    deployOrder: [plan.name],
  };
}

export function renderStacksText(report: StacksReport): string {
  const rows = report.stacks.map((s) => [s.name, String(s.resources), String(s.agents), String(s.keyClients), s.namespace ?? '-', s.dependsOn.join(', ') || '-', s.state]);
  const lines = [...table(['stack', 'resources', 'agents', 'key clients', 'namespace', 'depends on', 'state'], rows), ''];
  lines.push(`deploy order: ${report.deployOrder.join(' → ')}`);
  if (report.maxResources !== undefined) lines.push(`ceilings: ${report.maxResources} resources per stack, 1000 clients per key`);
  if (report.workspaceTags !== undefined) lines.push(`workspace tags (set them on each workspace): ${report.workspaceTags.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export function renderStacksJson(report: StacksReport): string {
  return stableJson(report);
}
