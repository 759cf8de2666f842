/** One stanza of an ACL policy the plan asks for (agent policies and registry ceilings). */
import type { Capability } from '../vault/capabilities';

export interface PolicyRule {
  readonly path: string;
  readonly capabilities: readonly Capability[];
  /** Why the rule exists; rendered as a comment above the stanza. */
  readonly reason: string;
}
