/**
 * What a topology adds to a check of its synthesized stack: its plan (every principal's intended
 * access), the intent derived from it (which scopes each client is meant to have, whom each user
 * delegates to, which actor each exchange role is for) and the per-agent suppressions, expanded
 * to the stack's Terraform addresses and principal ids exactly as the synth-time checks expand them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateTopologyFileAt } from '../topology/load';
import { formatIssue } from '../topology/errors';
import type { NormalizedTopology } from '../topology/normalized';
import { compile } from '../plan/compile';
import { planObjectChecks } from '../plan/validate-plan';
import { checkIntentFromPlan } from '../checks/intent';
import type { ClientScopeIntent, DelegationIntent, ExchangeActorIntent } from '../checks/rule';
import type { Suppression } from '../checks/suppressions';
import type { AccessPlan } from '../plan/types';

/** What one stack of the topology is meant to hold. */
export interface StackContext {
  /** The stack's name: the topology's, or one of an organization's stacks. */
  readonly name: string;
  readonly plan: AccessPlan;
  readonly intent: ClientScopeIntent;
  readonly delegations: DelegationIntent;
  readonly exchangeActors: ExchangeActorIntent;
  readonly auditRequired: boolean;
  readonly suppressions: readonly Suppression[];
}

export type TopologyContext =
  | (StackContext & {
      readonly ok: true;
      /** One per stack: the topology's one stack, or an organization's shared and team stacks (by name). */
      readonly stacks: readonly StackContext[];
      /** True for a topology directory: every stack of `stacks` must be checked. */
      readonly organization: boolean;
    })
  | { readonly ok: false; readonly problems: readonly string[] };

export function topologyContext(file: string, cwd: string): TopologyContext {
  let compiled: { readonly topology: NormalizedTopology; readonly plan: AccessPlan } | undefined;
  const compileOnce = (topology: NormalizedTopology): AccessPlan => {
    if (compiled?.topology !== topology) compiled = { topology, plan: compile(topology) };
    return compiled.plan;
  };
  const result = validateTopologyFileAt(file, cwd, { derived: planObjectChecks({ compile: compileOnce }) });
  if (!result.ok) return { ok: false, problems: result.issues.map(formatIssue) };
  const plan = compileOnce(result.topology);
  const organization = result.topology.organization !== undefined;
  // Per-agent suppressions name Terraform addresses, which only the construct tree knows: it is
  // built (nothing synthesized or written) only when the topology has some, or is an
  // organization (whose stacks each have their part of the plan).
  if (!organization && plan.suppressions.length === 0) {
    const one = { name: result.topology.name, plan, ...checkIntentFromPlan(plan), suppressions: [] };
    return { ok: true, ...one, stacks: [one], organization };
  }
  const { App } = require('cdktf') as typeof import('cdktf');
  const { AgentOrganization } = require('../constructs/organization') as typeof import('../constructs/organization');
  const { AgentTopologyStack } = require('../constructs/stack') as typeof import('../constructs/stack');
  const { agentSuppressions } = require('../constructs/least-privilege') as typeof import('../constructs/least-privilege');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-topology-'));
  try {
    const app = new App({ outdir, skipValidation: true });
    const checks = { enabled: false, reason: 'only read for its intent and suppressions' } as const;
    const built = organization
      ? [...new AgentOrganization(app, { topology: result.topology, compile: compileOnce, checks }).stacks.values()]
      : [new AgentTopologyStack(app, result.topology.name, { topology: result.topology, compile: compileOnce, checks })];
    const stacks = built.map((stack) => ({ name: stack.node.id, plan: stack.plan, ...checkIntentFromPlan(stack.plan), suppressions: agentSuppressions(stack.topology) }));
    return { ok: true, ...stacks[0]!, stacks, organization };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
