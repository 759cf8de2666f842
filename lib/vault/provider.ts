/** The hashicorp/vault Terraform provider version the project's Vault Enterprise resources need. */

/**
 * First hashicorp/vault release in which `vault_agent_registration` and
 * `vault_oauth_resource_server_config_profile` are usable: both shipped in 5.10.0, and 5.10.1
 * reverted an unrelated breaking change of 5.10.0.
 */
export const VAULT_PROVIDER_FLOOR = '5.10.1';

/** The `required_providers.vault.version` a stack must carry when it uses either resource. */
export const VAULT_PROVIDER_FLOOR_CONSTRAINT = `>= ${VAULT_PROVIDER_FLOOR}, < 6.0.0`;

/** Stack override path of the constraint (the prebuilt VaultProvider writes `5.6.0` there). */
export const VAULT_PROVIDER_VERSION_PATH = 'terraform.required_providers.vault.version';

/** The version the prebuilt bindings (@cdktf/provider-vault 15.6.1) write into `required_providers.vault.version`. */
export const PREBUILT_VAULT_PROVIDER_VERSION = '5.6.0';
