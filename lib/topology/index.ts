/** Step 1 of the pipeline: topology file/text/object → validated, normalized topology. */
export {
  loadTopologyFile,
  normalizeTopology,
  parseTopologyText,
  validateTopologyFile,
  type DerivedFindings,
  type TopologyValidation,
  type TopologyValidationOptions,
} from './load';
export { formatIssue, formatIssues, formatWarning, TopologyValidationError, type RelatedPlace, type TopologyIssue } from './errors';
export { renderTopologyJsonSchema, topologyJsonSchema, TOPOLOGY_SCHEMA_ID } from './json-schema';
export {
  Topology,
  type AgentSpec,
  type AuthMountSpec,
  type AuthMountType,
  type CallSpec,
  type LoginSpec,
  type SkillSpec,
  type UserSpec,
} from './schema';
export {
  DEFAULT_TOPOLOGY_NAME,
  DEFAULT_TTL_SECONDS,
  type NormalizedAgent,
  type NormalizedCall,
  type NormalizedGrant,
  type NormalizedLogin,
  type NormalizedMembers,
  type NormalizedSkill,
  type NormalizedTopology,
} from './normalized';
export { formatDuration, parseDuration, type Duration } from './duration';
export { MAX_TTL_SECONDS } from '../vault/ttl-limits';
export type { AgentTtlSpec, AuditDeviceSpec, AuditSpec, RegistrySpec, ResourceServerSpec, SigningKeySpec } from './schema';
export { rotateClientText, type ClientRotation } from './rotate-client';
export type {
  AuthorizationDetailsRequirement,
  NormalizedCeiling,
  NormalizedKeySource,
  NormalizedPublicKey,
  NormalizedRegistration,
  NormalizedResourceServer,
} from './normalized-registry';
export { DEFAULT_JWT_ALGORITHMS, JWT_ALGORITHMS, MAX_CLOCK_SKEW_SECONDS, MAX_JWT_ALGORITHMS, type JwtAlgorithm, type JwtType } from '../vault/jwt';
export { isTopologyDirectory, validateTopologyDirectory, ORGANIZATION_FILES, TEAMS_DIRECTORY } from './directory';
export {
  BackendSettings,
  DEFAULT_MAX_RESOURCES,
  MAX_KEY_CLIENTS,
  OrganizationFile,
  TeamFile,
  type BackendSpec,
  type OrganizationFileSpec,
  type TeamFileSpec,
} from './schema-organization';
export { organizationJsonSchema, renderJsonSchemas, teamJsonSchema, ORGANIZATION_SCHEMA_ID, TEAM_SCHEMA_ID } from './json-schema';
export type { NormalizedOrganization, NormalizedTeam } from './normalized';
