/**
 * `AgentOrganization`: an organization's stacks in one App (for a program composing them with
 * constructs of its own; `vault-a2a synth` and the cdktf app, `TOPOLOGY=<dir> cdktf synth`, build
 * them one at a time with `organizationStack`, writing the same bytes): the shared stack and one stack per
 * team (or shard), each an `AgentTopologyStack` rendering its part of the plan
 * (lib/plan/organization.ts), with its own state in the organization's backend and a dependency
 * on every stack whose objects it looks up, so `cdktf deploy '*'` runs them in order.
 *
 * Backends are cdktf's own classes; the state key is the stack name. Nothing here takes a
 * credential: Terraform reads them from the environment.
 */
import { AzurermBackend, CloudBackend, GcsBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformBackend } from 'cdktf';
import { Construct } from 'constructs';
import { compile as compilePlan } from '../plan/compile';
import { organizationPlan, type OrganizationPlan, type StackPlan } from '../plan/organization';
import type { AccessPlan } from '../plan/types';
import type { NormalizedTopology } from '../topology/normalized';
import type { BackendSpec } from '../topology/schema-organization';
import type { Adoption } from './adoption';
import type { LeastPrivilegeChecks } from './least-privilege';
import { AgentTopologyStack, defaultStatePath } from './stack';

/** The HCP Terraform / Terraform Enterprise workspace of a stack: `<prefix><stack>`, "." → "-". */
export function cloudWorkspaceName(prefix: string, stack: string): string {
  return `${prefix}${stack.replace(/\./g, '-')}`;
}

/** The state backend of `stack` in `scope`, one state per stack. */
export function stackBackend(scope: Construct, spec: BackendSpec, stack: string): TerraformBackend {
  switch (spec.type) {
    case 'local':
      return new LocalBackend(scope, { path: defaultStatePath(stack) });
    case 's3': {
      const backend = new S3Backend(scope, {
        bucket: spec.bucket,
        region: spec.region,
        key: `${spec.keyPrefix}/${stack}.tfstate`,
        // State holds every resource's attributes (client ids, accessors): always encrypted at rest.
        encrypt: true,
        ...(spec.kmsKeyId !== undefined ? { kmsKeyId: spec.kmsKeyId } : {}),
        ...(spec.dynamodbTable !== undefined ? { dynamodbTable: spec.dynamodbTable } : {}),
      });
      // cdktf 0.21's S3Backend predates Terraform 1.10's use_lockfile (docs/vault-semantics.md I1).
      if (spec.useLockfile === true) backend.addOverride('use_lockfile', true);
      return backend;
    }
    case 'gcs':
      return new GcsBackend(scope, { bucket: spec.bucket, prefix: `${spec.prefix}/${stack}` });
    case 'azurerm':
      return new AzurermBackend(scope, {
        storageAccountName: spec.storageAccountName,
        containerName: spec.containerName,
        key: `${spec.keyPrefix}/${stack}.tfstate`,
        ...(spec.resourceGroupName !== undefined ? { resourceGroupName: spec.resourceGroupName } : {}),
        ...(spec.useAzureadAuth !== undefined ? { useAzureadAuth: spec.useAzureadAuth } : {}),
      });
    case 'cloud':
      return new CloudBackend(scope, {
        organization: spec.organization,
        ...(spec.hostname !== undefined ? { hostname: spec.hostname } : {}),
        workspaces: new NamedCloudWorkspace(cloudWorkspaceName(spec.workspacePrefix, stack), spec.project),
      });
  }
}

/**
 * One stack of an organization in `scope`: its part of the plan, its state in `backend`, and the
 * principals it imports instead of creating (`vault-a2a adopt <dir>`). Without
 * its dependencies: `AgentOrganization` adds them, and `vault-a2a synth` (which builds one stack at
 * a time) writes them into the manifest.
 */
export function organizationStack(scope: Construct, topology: NormalizedTopology, backend: BackendSpec, s: StackPlan, checks?: LeastPrivilegeChecks, adopt?: Adoption): AgentTopologyStack {
  return new AgentTopologyStack(scope, s.name, {
    topology,
    compile: () => s.plan,
    backend: (stackScope) => stackBackend(stackScope, backend, s.name),
    ...(checks ? { checks } : {}),
    ...(adopt ? { adopt } : {}),
  });
}

export interface AgentOrganizationProps {
  /** A topology read from a directory (it carries `organization`). */
  readonly topology: NormalizedTopology;
  /** Topology → plan. Default: the project's compiler. */
  readonly compile?: (topology: NormalizedTopology) => AccessPlan;
  /** Synth-time least-privilege checks of every stack, against its part of the plan; default on. */
  readonly checks?: LeastPrivilegeChecks;
}

/** Not a construct of its own: the stacks are children of the App, as cdktf requires. */
export class AgentOrganization {
  readonly split: OrganizationPlan;
  /** By stack name, shared stack first. */
  readonly stacks: ReadonlyMap<string, AgentTopologyStack>;

  constructor(scope: Construct, props: AgentOrganizationProps) {
    const whole = (props.compile ?? compilePlan)(props.topology);
    this.split = organizationPlan(props.topology, whole);
    const backend = this.split.organization.backend;
    const stacks = new Map<string, AgentTopologyStack>();
    for (const s of this.split.stacks) stacks.set(s.name, organizationStack(scope, props.topology, backend, s, props.checks));
    for (const s of this.split.stacks) for (const d of s.dependsOn) stacks.get(s.name)!.addDependency(stacks.get(d)!);
    this.stacks = stacks;
  }
}
