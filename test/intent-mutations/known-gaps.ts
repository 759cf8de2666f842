/**
 * Entries the current code still gets wrong, per command: a widening `check --topology` or
 * `diff --fail-on-escalation` lets through, or an equivalent edit one of them flags. The runner
 * turns each into `test.failing(...)`, which passes while the code is wrong and fails once it is
 * fixed: then delete the entry here. This table must stay at zero (issue #9).
 */
import type { KnownGap } from './types';

export const KNOWN_GAPS: Readonly<Record<string, KnownGap>> = {
  // Empty since the merge of `intent` (issue #9: the access facts compared with the plan's).
};

/** Topology collisions (topology-cases.ts) the current `validate` / `synth` still accept, by file. */
export const KNOWN_TOPOLOGY_GAPS: Readonly<Record<string, { readonly validate?: true; readonly synth?: true }>> = {
  // Empty since the merge of `validate` (plan checks: one Vault object per topology entry).
};
