/**
 * `AgentTopologyStack`: one Terraform stack per topology. It compiles the topology to an access
 * plan, configures the Vault provider from it and renders it with `A2aVaultTopology`.
 *
 * The provider gets the address and namespace only: credentials come from the environment
 * (`VAULT_TOKEN`, or the provider's auth_login settings), never from the synthesized JSON.
 *
 * Backend: by default a `LocalBackend` keeping `terraform.<stack>.tfstate` next to the output
 * directory (see `defaultStatePath`). The path is relative: cdktf's own default writes an absolute
 * path, which would make the output differ per checkout. Any other CDKTF backend can be passed as
 * a factory.
 *
 * HCL output (`vault-a2a synth --hcl`, `cdktf synth --hcl`) is the synthesized JSON written by our
 * own HCL writer (`stackHcl`, lib/constructs/hcl.ts), not by cdktf's renderer, which emits
 * unescaped quotes inside strings holding references and unformatted text. Both outputs mean the
 * same configuration, and `terraform fmt` leaves the HCL unchanged.
 */
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { LocalBackend, TerraformStack, type TerraformBackend } from 'cdktf';
import type { Construct } from 'constructs';
import { compile as compilePlan } from '../plan/compile';
import type { AccessPlan } from '../plan/types';
import type { NormalizedTopology } from '../topology/normalized';
import type { Adoption } from './adoption';
import { stackHcl } from './hcl';
import { terraformText } from './terraform-text';
import { TopologyValidationError } from '../topology/errors';
import { formatPath } from '../topology/path';
import { planObjectIssues } from '../plan/validate-plan';
import type { LeastPrivilegeChecks } from './least-privilege';
import { A2aVaultTopology } from './topology';

/**
 * The default local state file, as the backend's `path`: relative to the directory Terraform runs
 * in, `<outdir>/stacks/<stack>/` (cdktf deploy runs there), three levels up, so next to the output
 * directory: with the default `cdktf.out`, the project root, where cdktf's own default keeps it.
 * Not inside the output directory, which is build output (gitignored, and `rm -rf cdktf.out`
 * would delete the state with it); not absolute, as cdktf's default is, so the synthesized JSON is
 * the same on every machine and in every directory.
 */
export function defaultStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export interface AgentTopologyStackProps {
  readonly topology: NormalizedTopology;
  /** Topology → plan. Default: the project's compiler (`lib/plan/compile`). */
  readonly compile?: (topology: NormalizedTopology) => AccessPlan;
  /** Creates the state backend in the stack. Default: local, `terraform.<stack>.tfstate` next to the output directory (`defaultStatePath`). */
  readonly backend?: (scope: Construct) => TerraformBackend;
  /** Synth-time least-privilege checks; default on. See `A2aVaultTopologyProps.checks`. */
  readonly checks?: LeastPrivilegeChecks;
  /** Existing users and agents to import instead of create. See `A2aVaultTopologyProps.adopt`. */
  readonly adopt?: Adoption;
}

export class AgentTopologyStack extends TerraformStack {
  readonly plan: AccessPlan;
  readonly provider: VaultProvider;
  /** Aliased "root", without a namespace: present when the topology has audit and a vault.namespace. */
  readonly rootProvider?: VaultProvider;
  readonly backend: TerraformBackend;
  readonly topology: A2aVaultTopology;

  constructor(scope: Construct, id: string, props: AgentTopologyStackProps) {
    super(scope, id);
    this.plan = (props.compile ?? compilePlan)(props.topology);
    // Two topology entries that land on one Vault object (or a name Vault refuses) cannot be
    // rendered safely, whatever the checks settings: the loader's plan checks refuse them, and so
    // does the stack for topologies that did not go through them.
    const collisions = planObjectIssues(props.topology, this.plan);
    if (collisions.length > 0) {
      throw new TopologyValidationError(
        collisions.map((d) => ({
          path: formatPath(d.path),
          message: d.message,
          fix: d.fix,
          ...(d.related ? { related: d.related.map((r) => ({ path: formatPath(r.path) })) } : {}),
        })),
      );
    }
    this.provider = new VaultProvider(this, 'vault', {
      address: terraformText(this.plan.vault.address),
      ...(this.plan.vault.namespace !== undefined ? { namespace: terraformText(this.plan.vault.namespace) } : {}),
    });
    if (this.plan.audit?.fromRootNamespace) {
      // Audit devices and audited headers are configured from the root namespace only.
      this.rootProvider = new VaultProvider(this, 'vault-root', { alias: 'root', address: terraformText(this.plan.vault.address) });
    }
    this.backend = props.backend ? props.backend(this) : new LocalBackend(this, { path: defaultStatePath(id) });
    this.topology = new A2aVaultTopology(this, 'topology', {
      plan: this.plan,
      ...(this.rootProvider ? { rootProvider: this.rootProvider } : {}),
      ...(props.checks ? { checks: props.checks } : {}),
      ...(props.adopt ? { adopt: props.adopt } : {}),
    });
  }

  /** The HCL of `cdk.tf`: the synthesized JSON, written as HCL that means the same. */
  override toHclTerraform(): { [key: string]: unknown } {
    return stackHcl(this);
  }
}
