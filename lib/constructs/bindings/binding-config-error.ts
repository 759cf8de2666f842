/**
 * Thrown by a binding's constructor when its configuration breaks a rule the provider schema
 * enforces only at `terraform plan` time. Carries every problem found, not just the first, so a
 * caller (the CLI) can print them all without a stack trace.
 */
export class BindingConfigError extends Error {
  public constructor(
    /** Terraform resource type, e.g. `vault_oauth_resource_server_config_profile`. */
    public readonly resourceType: string,
    /** Construct path of the offending resource, e.g. `a2a/corporate-idp`. */
    public readonly constructPath: string,
    /** One sentence per problem, each naming the attribute and the fix. */
    public readonly problems: readonly string[],
  ) {
    super(`${resourceType} "${constructPath}" is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BindingConfigError';
  }
}
