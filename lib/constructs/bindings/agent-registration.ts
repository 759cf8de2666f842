import { Construct } from 'constructs';
import { ImportableResource, TerraformProvider, Token } from 'cdktf';
import * as generated from './generated/agent-registration';
import { BindingConfigError } from './binding-config-error';
import { childPath } from './child-path';
import { requireVaultProviderFloor } from './provider-constraint';

export type AgentRegistrationConfig = generated.AgentRegistrationConfig;

/**
 * `vault_agent_registration` (Vault Enterprise 2.0.1+, provider hashicorp/vault 5.10.1+): registers
 * an agent's identity entity in Vault's agent registry with the ceiling policies that cap it.
 *
 * The generated binding plus two things it cannot know: creating one (or importing one) makes the
 * stack require the vault provider `>= 5.10.1, < 6.0.0`, and a `root` ceiling policy, which the
 * provider would only reject at plan time, is rejected here.
 */
export class AgentRegistration extends generated.AgentRegistration {
  /** Like the generated helper, and also raises the stack's provider constraint (see provider-constraint.ts). */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: TerraformProvider): ImportableResource {
    requireVaultProviderFloor(scope);
    return super.generateConfigForImport(scope, importToId, importFromId, provider);
  }

  public constructor(scope: Construct, id: string, config: AgentRegistrationConfig) {
    // Checked before super() so that an invalid registration never joins the construct tree.
    const problems = ceilingPolicyProblems(config.ceilingPolicies);
    if (problems.length > 0) throw new BindingConfigError(generated.AgentRegistration.tfResourceType, childPath(scope, id), problems);
    super(scope, id, config);
    requireVaultProviderFloor(this);
    // Setters can change the ceiling after construction; re-check at synth (cdktf runs validations).
    this.node.addValidation({ validate: () => ceilingPolicyProblems(this.ceilingPoliciesInput) });
  }
}

/** A ceiling exists to cap the agent; `root` would lift the cap entirely (and the provider refuses it). */
export function ceilingPolicyProblems(ceilingPolicies: readonly string[] | undefined): string[] {
  return (ceilingPolicies ?? []).flatMap((policy, index) =>
    !Token.isUnresolved(policy) && policy === 'root'
      ? [`ceiling_policies[${index}] is "root": a ceiling cannot include the root policy; list the policies that grant exactly the paths this agent needs.`]
      : [],
  );
}
