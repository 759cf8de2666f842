import { IConstruct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { VAULT_PROVIDER_FLOOR_CONSTRAINT, VAULT_PROVIDER_VERSION_PATH } from '../../vault/provider';

export { VAULT_PROVIDER_FLOOR, VAULT_PROVIDER_FLOOR_CONSTRAINT, VAULT_PROVIDER_VERSION_PATH } from '../../vault/provider';

/**
 * Makes the stack containing `scope` require hashicorp/vault `>= 5.10.1, < 6.0.0`.
 *
 * Why a stack override: cdktf builds `terraform.required_providers.vault` from the provider
 * object's own generator metadata, and the prebuilt `VaultProvider` (@cdktf/provider-vault 15.6.1)
 * hard-codes `providerVersion: '5.6.0'` there. A resource's metadata is never consulted and
 * `VaultProvider.addOverride` only reaches the `provider` block. The stack's overrides are
 * merged last into both the JSON and the HCL output, so this wins whatever the construct order,
 * and `source` (hashicorp/vault) stays as the provider wrote it.
 *
 * The bindings in this folder call it from their constructors and import helpers, so a stack that
 * uses them cannot keep the 5.6.0 pin; stacks that use neither keep it. Idempotent.
 */
export function requireVaultProviderFloor(scope: IConstruct): void {
  TerraformStack.of(scope).addOverride(VAULT_PROVIDER_VERSION_PATH, VAULT_PROVIDER_FLOOR_CONSTRAINT);
}
