/**
 * What a topology adds to a check of its synthesized stack: its plan (every principal's intended
 * access), the intent derived from it (which scopes each client is meant to have, whom each user
 * delegates to, which actor each exchange role is for) and the per-agent suppressions, expanded
 * to the stack's Terraform addresses and principal ids exactly as the synth-time checks expand them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { validateTopologyFileAt } from '../app';
import { AgentTopologyStack } from '../constructs/stack';
import { agentSuppressions } from '../constructs/least-privilege';
import { formatIssue } from '../topology/errors';
import { planObjectChecks } from '../plan/validate-plan';
import { checkIntentFromPlan } from '../checks/intent';
import type { ClientScopeIntent, DelegationIntent, ExchangeActorIntent } from '../checks/rule';
import type { Suppression } from '../checks/suppressions';
import type { AccessPlan } from '../plan/types';

export type TopologyContext =
  | {
      readonly ok: true;
      readonly plan: AccessPlan;
      readonly intent: ClientScopeIntent;
      readonly delegations: DelegationIntent;
      readonly exchangeActors: ExchangeActorIntent;
      readonly auditRequired: boolean;
      readonly suppressions: readonly Suppression[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

export function topologyContext(file: string, cwd: string): TopologyContext {
  const result = validateTopologyFileAt(file, cwd, { derived: planObjectChecks() });
  if (!result.ok) return { ok: false, problems: result.issues.map(formatIssue) };
  // The construct tree gives the Terraform addresses; nothing is synthesized or written.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-topology-'));
  try {
    const stack = new AgentTopologyStack(new App({ outdir, skipValidation: true }), result.topology.name, {
      topology: result.topology,
      checks: { enabled: false, reason: 'only read for its intent and suppressions' },
    });
    return { ok: true, plan: stack.plan, ...checkIntentFromPlan(stack.plan), suppressions: agentSuppressions(stack.topology) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
