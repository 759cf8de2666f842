/**
 * The CDKTF constructs: L2s usable on their own, the L3 `A2aVaultTopology`, and the stack.
 * Validation helpers stay internal; only the error type and the defaults are public.
 */
export { AgentPolicy, type AgentPolicyProps } from './agent-policy';
export { A2aAgentRegistry, type A2aAgentRegistryProps } from './agent-registry';
export { AgentRegistryRecord, type AgentRegistryRecordProps } from './agent-registry-record';
export { AuthorizationDetailsFile, type AuthorizationDetailsFileProps } from './authorization-details-file';
export { CeilingPolicy, renderCeilingDocument, type CeilingPolicyProps } from './ceiling-policy';
export { ResourceServerProfile, type ResourceServerKeySource, type ResourceServerProfileProps } from './resource-server-profile';
export { AppRoleLoginRole, type AppRoleLoginRoleProps } from './approle-login-role';
export { A2aAudit, type A2aAuditProps } from './audit';
export { AuditDevice, type AuditDeviceProps, type AuditSink } from './audit-device';
export { AuditedRequestHeader, type AuditedRequestHeaderProps } from './audit-request-header';
export { AuthMountRef, type AuthMountRefProps } from './auth-mount-ref';
export { CertLoginRole, type CertLoginRoleProps } from './cert-login-role';
export { ExternalGroup, type ExternalGroupProps } from './external-group';
export { A2aDelegation, type A2aDelegationProps } from './delegation';
export { RESERVED_CLAIMS, type ClaimTemplate, type JsonValue } from './claim-template';
export { EntityAlias, type EntityAliasProps } from './entity-alias';
export { IdentityEntity, type IdentityEntityProps } from './identity-entity';
export { IdentityGroup, type IdentityGroupProps } from './identity-group';
export { IdentityTokenRole, type IdentityTokenRoleProps } from './identity-token-role';
export { JwtLoginRole, type JwtLoginRoleProps } from './jwt-login-role';
export { KubernetesLoginRole, type KubernetesLoginRoleProps } from './kubernetes-login-role';
export type { LoginRoleProps } from './login-role';
export { MayActScope, type MayActActor, type MayActScopeProps } from './may-act-scope';
export { OidcAssignment, type OidcAssignmentProps } from './oidc-assignment';
export { OidcClient, type OidcClientProps, type OidcClientType } from './oidc-client';
export { DEFAULT_KEY_ROTATION_SECONDS, OidcKey, type OidcKeyProps, type OidcSigningAlgorithm } from './oidc-key';
export { OidcProvider, type OidcProviderProps } from './oidc-provider';
export { OidcScope, type OidcScopeProps } from './oidc-scope';
export {
  CAPABILITIES,
  PolicyDocumentError,
  renderPolicyDocument,
  validatePolicyRules,
  type PolicyDocumentOptions,
} from './policy-document';
export { goDuration, TokenExchangeEngine, type ExchangeKeyAlgorithm, type TokenExchangeEngineProps } from './token-exchange-engine';
export { TokenExchangeRole, type TokenExchangeRoleProps } from './token-exchange-role';
export { AgentTopologyStack, defaultStatePath, type AgentTopologyStackProps } from './stack';
export { AgentOrganization, cloudWorkspaceName, stackBackend, type AgentOrganizationProps } from './organization';
export { hclSchemaOf, stackHcl } from './hcl';
export {
  adoptionCandidates,
  adoptionFromLookups,
  lookupScript,
  organizationAdoptionFromLookups,
  organizationLookupScript,
  type AdoptedPrincipal,
  type Adoption,
  type AdoptionCandidate,
  type AdoptionResult,
  type AdoptionStack,
  type OrganizationAdoptionResult,
} from './adoption';
export { A2aVaultTopology, OUTPUT_NAMES, type A2aVaultTopologyProps, type LoginRole } from './topology';
export { DEFAULT_TOKEN_TTL_SECONDS, InvalidPropsError, VAULT_NAME_PATTERN } from './validate';
// Vault Enterprise resources missing from the prebuilt provider (agent registry, RAR profiles).
export * from './bindings';
export { addLeastPrivilegeChecks, agentSuppressions, type LeastPrivilegeChecks } from './least-privilege';
