/**
 * The shape of the attacker's corpus for issue #9: hand edits of a synthesized stack, each either
 * a real widening under Vault's semantics (both `check --topology` and
 * `diff --fail-on-escalation` must fail) or an equivalent / narrowing edit (both must pass).
 *
 * An entry is data: an id, the base it edits, a pure edit of the synthesized `cdk.tf.json` object
 * and one sentence saying why, citing the section of docs/vault-semantics.md the claim rests on.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

/** The categories of widening that got through. */
export const CATEGORIES = ['exact-path', 'attachment', 'login-binding', 'membership', 'claims', 'terraform', 'delegation'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Examples of the repository plus the corpus' own topologies (test/intent-mutations/topologies). */
export const BASES = ['hello-world', 'headless', 'expense', 'delegation', 'agent-registry', 'operations', 'portal', 'machines', 'identity-provider'] as const;
export type Base = (typeof BASES)[number];

/** Which command still lets the entry through on the current code (see known-gaps.ts). */
export interface KnownGap {
  readonly check?: true;
  readonly diff?: true;
}

export interface Widening {
  readonly id: string;
  readonly category: Category;
  readonly base: Base;
  /** Edits the synthesized stack in place (a fresh deep copy each time). */
  readonly edit: (doc: Doc) => void;
  /** Which principal gains what under Vault's semantics, with the research.md section. */
  readonly why: string;
}

export interface Equivalent {
  readonly id: string;
  readonly base: Base;
  /** `same`: the same access under Vault's semantics; `narrower`: strictly less (never an escalation). */
  readonly kind: 'same' | 'narrower';
  readonly edit: (doc: Doc) => void;
  readonly why: string;
}
