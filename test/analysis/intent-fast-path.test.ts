/**
 * The structural proof of the intent (lib/analysis/facts-intended.ts, model-canonical.ts) against
 * the attack corpus of issue #9 (test/intent-mutations): every entry, widening or equivalent, and
 * every unedited base, checked with the structural proof allowed and with the full fact-by-fact
 * comparison forced.
 * (a) facts are a function of the canonical form: equal forms → the full comparison is empty;
 *     a non-empty full comparison → the structural proof was not taken;
 * (b) the structural proof is taken on every unedited base and every stack of the organization
 *     example (random topologies: intent-property.test.ts);
 * (c) the findings are identical either way.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readStack } from '../../lib/analysis/stack';
import { accessFacts } from '../../lib/analysis/facts';
import { compareFacts } from '../../lib/analysis/facts-compare';
import { IntendedAccess } from '../../lib/analysis/facts-intended';
import { canonicalModel, canonicalModelOrWhy, sameCanonicalForm } from '../../lib/analysis/model-canonical';
import { analyzeStacks, type CheckOptions, type StackAnalysis } from '../../lib/checks/check';
import { topologyContext } from '../../lib/cli/topology-context';
import { vaultA2a } from '../cli/run';
import { EQUIVALENTS, WIDENINGS } from '../intent-mutations/corpus';
import { baseSynthesizer, scratch, TOPOLOGY } from '../intent-mutations/support';
import { BASES, type Base } from '../intent-mutations/types';

const ROOT = path.join(__dirname, '..', '..');
const dir = scratch('vault-a2a-intent-fast-path-');
const synthBase = baseSynthesizer(dir);

/** The options `check --topology` derives from a topology file (one stack). */
function optionsOf(topology: string): CheckOptions {
  const context = topologyContext(topology, ROOT);
  if (!context.ok) throw new Error(context.problems.join('\n'));
  const c = context.stacks[0]!;
  return { plan: c.plan, intent: c.intent, delegations: c.delegations, exchangeActors: c.exchangeActors, auditRequired: c.auditRequired, suppressions: c.suppressions };
}

const optionsByBase = new Map<Base, CheckOptions>();
const options = (base: Base) => optionsByBase.get(base) ?? optionsByBase.set(base, optionsOf(TOPOLOGY[base])).get(base)!;

async function both(doc: object, opts: CheckOptions): Promise<{ fast: StackAnalysis; full: StackAnalysis }> {
  const [fast] = await analyzeStacks(readStack(doc, { name: 'edited' }), opts);
  const [full] = await analyzeStacks(readStack(doc, { name: 'edited' }), { ...opts, fullIntentProof: true });
  return { fast: fast!, full: full! };
}

describe('unedited bases: the structural proof is taken, with the same findings', () => {
  test.each(BASES.map((b) => [b]))('%s', async (b) => {
    const base = await synthBase(b);
    const { fast, full } = await both(base.copy(), options(b));
    expect(full.intentProof).toBe('facts');
    expect(fast.intentProof).toBe('structural');
    expect(fast.findings).toEqual(full.findings);
  });
});

test('every stack of the organization example is proven structurally', async () => {
  const out = path.join(dir(), 'organization');
  const r = await vaultA2a(['synth', 'examples/organization', '--out', out]);
  expect(r.code).toBe(0);
  const context = topologyContext('examples/organization', ROOT);
  if (!context.ok) throw new Error(context.problems.join('\n'));
  expect(context.stacks.length).toBeGreaterThan(1);
  const stacks = context.stacks.map((c) => readStack(JSON.parse(fs.readFileSync(path.join(out, 'stacks', c.name, 'cdk.tf.json'), 'utf8')), { name: c.name }));
  for (const c of context.stacks) {
    const stack = stacks.find((s) => s.name === c.name)!;
    const opts: CheckOptions = { plan: c.plan, intent: c.intent, delegations: c.delegations, exchangeActors: c.exchangeActors, suppressions: c.suppressions, alsoApplied: stacks };
    const [fast] = await analyzeStacks(stack, opts);
    const [full] = await analyzeStacks(stack, { ...opts, fullIntentProof: true });
    expect([c.name, fast!.intentProof]).toEqual([c.name, 'structural']);
    expect(fast!.findings).toEqual(full!.findings);
  }
});

describe('the corpus: same findings, and a structural proof only where the full comparison is empty', () => {
  for (const entry of [...WIDENINGS, ...EQUIVALENTS]) {
    test(entry.id, async () => {
      const base = await synthBase(entry.base);
      const doc = base.copy();
      entry.edit(doc);
      const opts = options(entry.base);
      const { fast, full } = await both(doc, opts);
      // (c) identical findings.
      expect(fast.findings).toEqual(full.findings);
      // (a) equal canonical forms ⇒ an empty comparison; a non-empty comparison ⇒ no structural proof.
      const intended = IntendedAccess.of(opts.plan!);
      const comparison = compareFacts(intended.facts, accessFacts(full.model));
      const differs = comparison.extra.length + comparison.missing.length > 0;
      const same = sameCanonicalForm(intended.form, canonicalModel(full.model));
      if (same) expect(differs).toBe(false);
      if (differs) expect(fast.intentProof).toBe('facts');
      // Every widening gives someone more: never proven structurally.
      if (WIDENINGS.includes(entry as never)) expect(fast.intentProof).toBe('facts');
    });
  }
});

test('the plan models of every base have a canonical form, and their facts name no plan address', () => {
  for (const b of BASES) {
    const intended = IntendedAccess.of(options(b).plan!);
    expect([b, canonicalModelOrWhy(intended.model).ok]).toEqual([b, true]);
    // The structural proof rests on this: facts of the plan's model never mention its synthetic addresses.
    const keys = [...intended.facts.principals.values()].flatMap((p) => [p.key, ...p.facts.keys(), ...p.limits.keys()]);
    expect([b, keys.filter((k) => /\.plan_\d+/.test(k))]).toEqual([b, []]);
  }
});
