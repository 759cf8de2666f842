/** The shapes of a topology validation, shared by the file loader (load.ts) and the directory loader (directory.ts). */
import type { TopologyIssue } from './errors';
import type { NormalizedTopology } from './normalized';
import type { DraftIssue } from './path';
import type { TokenTtlLimits } from '../vault/ttl-limits';

/** What checks on the normalized topology found: errors refuse it, warnings are reported with it. */
export interface DerivedFindings {
  readonly errors: readonly DraftIssue[];
  readonly warnings: readonly DraftIssue[];
}

export interface TopologyValidationOptions {
  /** Checks that need the normalized topology (e.g. `checkPlan` of lib/plan/validate-plan.ts). */
  readonly derived?: (topology: NormalizedTopology) => DerivedFindings;
  /** The checks' token ceilings, so that TTL fixes suggest values synthesis accepts. */
  readonly limits?: TokenTtlLimits;
  /**
   * Where files the topology names (a cert login's caCertificate) are read from. Default: the
   * topology file's directory, or the current directory for a TypeScript object.
   */
  readonly baseDir?: string;
}

/**
 * `warnings`: what the topology should still change (a kubernetes login without audience, an actor
 * that can do nothing for some of its users); printed with `formatWarning`, never a refusal.
 */
export type TopologyValidation =
  | { readonly ok: true; readonly topology: NormalizedTopology; readonly warnings: readonly TopologyIssue[] }
  | { readonly ok: false; readonly issues: TopologyIssue[]; readonly warnings: readonly TopologyIssue[] };
