/**
 * Public API of the analysis of synthesized Terraform JSON: reading stacks, the stack model, the
 * ACL evaluator and effective access. The checks (lib/checks) and the reviewer outputs
 * (lib/review) are built on it.
 */
export { stackAccess, type StackAccess } from './analyze';
export { computeEffectiveAccess, principalId, DEFAULT_POLICY_STANZAS } from './access';
export type * from './access-types';
export { evaluate, allows, mergePolicies, patternMatches, comparePriority } from './acl';
export type { AclRule, Decision, NamedPolicy } from './acl';
export { loadStacks, findStackFiles, StackLoadError } from './load';
export { readStack, StackShapeError } from './stack';
export type { SynthesizedStack } from './stack';
export type { StackModel } from './model';
export { accessFacts } from './facts';
export { compareFacts, type FactComparison, type FactDelta } from './facts-compare';
export { exchangeGrants, signInScopes, type ExchangeGrant } from './facts-query';
export type * from './facts-types';
export { modelFromPlan } from './model-from-plan';
