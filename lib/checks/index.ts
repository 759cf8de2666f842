/** Public API of the least-privilege checks: rules, suppressions, reporters, the Aspect. */
export { analyzeStacks, analyzeStacksSync, checkStack, checkStackSync, hasBlockingFindings, CheckOptionsError } from './check';
export type { CheckOptions, StackAnalysis, StackInput } from './check';
export { LeastPrivilegeAspect } from './aspect';
export type { LeastPrivilegeAspectOptions } from './aspect';
export { RULES, ruleById } from './rules';
export type { Rule, RuleContext, RuleFinding, Finding, Severity, ClientScopeIntent, DelegationIntent, ExchangeActorIntent, RuleSettings, VaultTarget } from './rule';
export { DEFAULT_SETTINGS } from './rule';
export { applySuppressions, parseSuppressions, readSuppressionFile, validateSuppressions, SuppressionError } from './suppressions';
export type { Suppression } from './suppressions';
export { formatText } from './reporters/text';
export { formatJson, toJsonReport } from './reporters/json';
export { formatSarif, toSarif } from './reporters/sarif';
export { checkIntentFromPlan, delegationIntentFromPlan, exchangeActorsFromPlan, intentFromPlan, vaultTargetFromPlan } from './intent';
