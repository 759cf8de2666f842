// Typed bindings for the Vault Enterprise resources that @cdktf/provider-vault 15.6.1 (provider
// 5.6.0) lacks. Use these classes, not ./generated directly: they also raise the stack's provider
// constraint and validate what the provider only checks at plan time.
export { AgentRegistration, ceilingPolicyProblems } from './agent-registration';
export type { AgentRegistrationConfig } from './agent-registration';
export {
  OauthResourceServerConfigProfile,
  OauthResourceServerConfigProfilePublicKeysList,
  OauthResourceServerConfigProfilePublicKeysOutputReference,
  oauthResourceServerConfigProfilePublicKeysToHclTerraform,
  oauthResourceServerConfigProfilePublicKeysToTerraform,
} from './oauth-resource-server-config-profile';
export type {
  OauthResourceServerConfigProfileConfig,
  OauthResourceServerConfigProfilePublicKeys,
} from './oauth-resource-server-config-profile';
export { keySourceProblems } from './oauth-key-source';
export type { KeySourceInput } from './oauth-key-source';
export { BindingConfigError } from './binding-config-error';
export {
  requireVaultProviderFloor,
  VAULT_PROVIDER_FLOOR,
  VAULT_PROVIDER_FLOOR_CONSTRAINT,
  VAULT_PROVIDER_VERSION_PATH,
} from './provider-constraint';
