export { compile } from './compile';
export * from './naming';
export type * from './types';
export { checkPlan, planChecks, planObjectChecks, planObjectIssues, type PlanCheckOptions } from './validate-plan';
export { plannedObjects, type PlannedObject, type VaultObjectFamily } from './planned-objects';
export { organizationIssues, organizationPlan, planResourceCount, shardOf, teamStackName, type OrganizationPlan, type StackPlan } from './organization';
