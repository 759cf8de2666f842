/**
 * Reviewer outputs: from a topology, Agent Card security, claims to check and the access graph;
 * from synthesized stacks, the access graph, the access report and the access diff.
 */
export { renderCards, CARD_V0_3_FILE, CARD_V1_FILE, CLAIMS_FILE, type CardsOutput, type OutputFile } from './cards';
export {
  serverAccess,
  oidcSchemeName,
  IDENTITY_TOKEN_SCHEME,
  DELEGATED_TOKEN_SCHEME,
  OPENID_SCOPE,
  type AccessScheme,
  type ActionAccess,
  type BrowserHolder,
  type DelegatedHolder,
  type HeadlessHolder,
  type IdentityTokenVerification,
  type ServerAccess,
  type SkillAccess,
} from './server-access';
export { actionRequirements, cardRequirements, skillRequirements, describeScheme, unreachableSkills, type Requirement } from './card-content';
export { cardSecurityV1, cardSecurityV1Json, type V1CardSecurity, type V1CardSecurityDocument } from './card-v1';
export { cardSecurityV03, type V03CardSecurity, type V03CardSecurityDocument } from './card-v0_3';
export { serverClaims, type ClaimsIssuer, type ClaimsAction, type ServerClaims } from './claims';
export { graphFromTopology, compareEdges, type AgentRole, type GraphEdge, type GraphModel, type PrincipalNode } from './graph-model';
export { graphFromStack, type StackGraph } from './graph-from-stack';
export { renderMermaid, agentNodeId, groupNodeId, userNodeId } from './mermaid';
export { stableJson } from './json';
export { accessReport, type AccessSource } from './access-report';
export type { AccessGrant, GrantKind, PrincipalReport, ReportPrincipalKind, SignInVia, StackAccessReport } from './access-report-types';
export { GRANT_KINDS } from './access-report-types';
export { renderAccessMarkdown, describeGrant, type GrantText } from './access-markdown';
export { diffAccess, compareChanges, countClassifications, type AccessChange, type Classification } from './access-diff';
export { diffStacks, hasEscalation, type AccessDiffReport, type DiffSummary, type StackDiff } from './stack-diff';
export { diffResources, matchObjects, canonicalStack, type ResourceChange, type AccessFingerprint, type ObjectSet } from './resource-diff';
export { vaultObjects, type VaultObject, type ObjectSection } from './vault-objects';
export { renderDiffMarkdown, summaryLine } from './diff-markdown';
export { grantKey, grantName, compareGrants } from './grant-identity';
export { lifetimeOf, formatLifetime, compareLifetimes, VAULT_DEFAULT_TTL, type Lifetime } from './lifetime';
export { organizationStacksReport, renderStacksJson, renderStacksText, stateLocation, topologyStacksReport, type StackSummary, type StacksReport } from './stacks';
