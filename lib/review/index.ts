/** Reviewer outputs computed from a topology: Agent Card security, claims to check, access graph. */
export { renderCards, CARD_V0_3_FILE, CARD_V1_FILE, CLAIMS_FILE, type CardsOutput, type OutputFile } from './cards';
export {
  serverAccess,
  oidcSchemeName,
  IDENTITY_TOKEN_SCHEME,
  OPENID_SCOPE,
  type AccessScheme,
  type ActionAccess,
  type BrowserHolder,
  type HeadlessHolder,
  type IdentityTokenVerification,
  type ServerAccess,
  type SkillAccess,
} from './server-access';
export { actionRequirements, cardRequirements, skillRequirements, describeScheme, type Requirement } from './card-content';
export { cardSecurityV1, cardSecurityV1Json, type V1CardSecurity, type V1CardSecurityDocument } from './card-v1';
export { cardSecurityV03, type V03CardSecurity, type V03CardSecurityDocument } from './card-v0_3';
export { serverClaims, type ClaimsIssuer, type ClaimsAction, type ServerClaims } from './claims';
export { graphFromTopology, compareEdges, type AgentRole, type GraphEdge, type GraphModel, type PrincipalNode } from './graph-model';
export { graphFromStack, type StackGraph } from './graph-from-stack';
export { renderMermaid, agentNodeId, groupNodeId, userNodeId } from './mermaid';
export { stableJson } from './json';
