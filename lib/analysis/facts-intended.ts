/**
 * The intent proof (A2A-INTENT-EXCESS/MISSING) of a stack against its plan, computed once per plan
 * and as cheaply as it can be proven:
 * - structural: when the stack's model is, object for object and field for field, the model the
 *   plan prescribes (model-canonical.ts), the effective facts are the intended ones and there is
 *   nothing to compare;
 * - otherwise (a hand edit, a foreign stack, an organization's stack with more in it, anything the
 *   canonical form cannot say): `compareFacts(accessFacts(plan's model), accessFacts(stack's model))`.
 * Both give the same findings; `full: true` forces the second (tests keep both exercised).
 */
import { accessFacts } from './facts';
import { compareFacts, type FactComparison } from './facts-compare';
import type { AccessFacts } from './facts-types';
import type { StackModel } from './model';
import { canonicalModel, sameCanonicalForm, type CanonicalForm } from './model-canonical';
import { modelFromPlan } from './model-from-plan';
import type { AccessPlan } from '../plan/types';

/** What the plan grants: its model, that model's canonical form and facts, each computed on first use. */
export class IntendedAccess {
  private modelMemo?: StackModel;
  private formMemo?: { readonly form: CanonicalForm | undefined };
  private factsMemo?: AccessFacts;

  private constructor(private readonly plan: AccessPlan) {}

  /** One per plan object: synth, check over an organization and the matchers share it. */
  static of(plan: AccessPlan): IntendedAccess {
    let known = cache.get(plan);
    if (!known) {
      known = new IntendedAccess(plan);
      cache.set(plan, known);
    }
    return known;
  }

  get model(): StackModel {
    return (this.modelMemo ??= modelFromPlan(this.plan));
  }

  get form(): CanonicalForm | undefined {
    return (this.formMemo ??= { form: canonicalModel(this.model) }).form;
  }

  get facts(): AccessFacts {
    return (this.factsMemo ??= accessFacts(this.model));
  }
}

const cache = new WeakMap<AccessPlan, IntendedAccess>();

const NOTHING: FactComparison = Object.freeze({ extra: Object.freeze([]), missing: Object.freeze([]) }) as FactComparison;

export interface IntentProof {
  readonly comparison: FactComparison;
  /** `structural`: the stack's model is the plan's (no facts computed); `facts`: compared fact by fact. */
  readonly by: 'structural' | 'facts';
}

/**
 * The stack's access compared with the plan's. `effective` gives the stack's facts (computed only
 * when the structural proof does not hold).
 */
export function proveIntent(intended: IntendedAccess, model: StackModel, effective: () => AccessFacts, options: { readonly full?: boolean } = {}): IntentProof {
  const form = options.full ? undefined : intended.form;
  if (form && sameCanonicalForm(form, canonicalModel(model))) return { comparison: NOTHING, by: 'structural' };
  return { comparison: compareFacts(intended.facts, effective()), by: 'facts' };
}
