/**
 * lib/analysis/model-canonical.ts was made cheaper (issue #11) without changing what it compares:
 * its canonical text is the text of the implementation it replaced (model-canonical-oracle.ts, kept
 * unchanged), and it has a canonical form exactly when that one has, on every model within reach:
 * - the plan's model of every example, of every corpus base and of every stack of the organization;
 * - the synthesized stack's model of every corpus base and of every organization stack, and of
 *   every corpus entry (widenings and equivalents: edited stacks);
 * - values the shortcuts must not change: strings that need escaping (quotes, backslashes,
 *   control characters, lone and paired surrogates), keys that need escaping or sort differently
 *   quoted than raw, keys that are addresses, one object shared by two places, nesting deeper than
 *   the cycle check's depth, and cycles (no form, short or long).
 */
import * as fs from 'fs';
import * as path from 'path';
import { IntendedAccess } from '../../lib/analysis/facts-intended';
import type { StackModel } from '../../lib/analysis/model';
import { canonicalModelOrWhy, canonicalText } from '../../lib/analysis/model-canonical';
import { readStack } from '../../lib/analysis/stack';
import { analyzeStacks, type CheckOptions } from '../../lib/checks/check';
import { topologyContext } from '../../lib/cli/topology-context';
import { vaultA2a } from '../cli/run';
import { EQUIVALENTS, WIDENINGS } from '../intent-mutations/corpus';
import { baseSynthesizer, scratch, TOPOLOGY } from '../intent-mutations/support';
import { BASES, type Base } from '../intent-mutations/types';
import * as oracle from './model-canonical-oracle';

const ROOT = path.join(__dirname, '..', '..');
const dir = scratch('vault-a2a-canonical-oracle-');
const synthBase = baseSynthesizer(dir);

/** The new canonical text (or none) is the oracle's; returns the text, for the tests that edit models. */
function expectOracleText(model: StackModel, label: string): string | undefined {
  const before = oracle.canonicalModelOrWhy(model);
  const now = canonicalModelOrWhy(model);
  expect([label, now.ok]).toEqual([label, before.ok]);
  if (!before.ok || !now.ok) return undefined;
  const text = canonicalText(now.form);
  expect(text === oracle.canonicalText(before.form) ? label : `${label}: differs`).toBe(label);
  return text;
}

function contexts(topology: string) {
  const context = topologyContext(topology, ROOT);
  if (!context.ok) throw new Error(context.problems.join('\n'));
  return context.stacks;
}

function optionsOf(topology: string): CheckOptions {
  const c = contexts(topology)[0]!;
  return { plan: c.plan, intent: c.intent, delegations: c.delegations, exchangeActors: c.exchangeActors, auditRequired: c.auditRequired, suppressions: c.suppressions };
}

const optionsByBase = new Map<Base, CheckOptions>();
const options = (base: Base) => optionsByBase.get(base) ?? optionsByBase.set(base, optionsOf(TOPOLOGY[base])).get(base)!;

async function stackModel(doc: object, opts: CheckOptions): Promise<StackModel> {
  // The model only: no rules (they neither build nor change it), so no findings and no intent proof to compute.
  const [analysis] = await analyzeStacks(readStack(doc, { name: 'edited' }), { plan: opts.plan, rules: [] });
  return analysis!.model;
}

test('the plan model of every example and every corpus base', () => {
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((e) => fs.existsSync(path.join(ROOT, 'examples', e, 'topology.yaml')));
  const topologies = new Set([...examples.map((e) => `examples/${e}/topology.yaml`), 'examples/organization', ...Object.values(TOPOLOGY)]);
  let n = 0;
  for (const topology of topologies) {
    for (const c of contexts(topology)) {
      expect(expectOracleText(IntendedAccess.of(c.plan).model, `${topology} ${c.name}`)).toBeDefined();
      n++;
    }
  }
  expect(n).toBeGreaterThanOrEqual(BASES.length + 2);
});

test('the stack model of every corpus base and every stack of the organization example', async () => {
  for (const b of BASES) {
    const base = await synthBase(b);
    expect(expectOracleText(await stackModel(base.copy(), options(b)), b)).toBeDefined();
  }
  const out = path.join(dir(), 'organization');
  const r = await vaultA2a(['synth', 'examples/organization', '--out', out]);
  expect(r.code).toBe(0);
  const stacks = contexts('examples/organization');
  expect(stacks.length).toBeGreaterThan(1);
  for (const c of stacks) {
    const doc = JSON.parse(fs.readFileSync(path.join(out, 'stacks', c.name, 'cdk.tf.json'), 'utf8')) as object;
    expect(expectOracleText(await stackModel(doc, { plan: c.plan }), `organization ${c.name}`)).toBeDefined();
  }
});

describe('the stack model of every corpus entry', () => {
  for (const entry of [...WIDENINGS, ...EQUIVALENTS]) {
    test(entry.id, async () => {
      const doc = (await synthBase(entry.base)).copy();
      entry.edit(doc);
      expectOracleText(await stackModel(doc, options(entry.base)), entry.id);
    });
  }
});

describe('values the shortcuts must keep apart', () => {
  /** The plan model of hello-world with `extra` as a field of its first policy and of the root. */
  function edited(extra: (model: StackModel) => unknown): StackModel {
    const plan = IntendedAccess.of(options('hello-world').plan!).model;
    const [first, ...rest] = plan.policies;
    return { ...plan, policies: [{ ...first!, extra: extra(plan) }, ...rest], extra: extra(plan) } as unknown as StackModel;
  }

  const strings = ['plain', 'a "quoted" word', 'back\\slash', 'tab\there', 'nul\u0000', 'del\u007f', 'line\u2028sep', 'lone \ud800 high', 'lone \udc00 low', 'pair \ud83d\ude00', 'é', '${x}', '<a.b.c>', 'metadata.x'];
  test.each(strings.map((s) => [JSON.stringify(s)]))('the string %s as a value and as a key', (written) => {
    const s = JSON.parse(written) as string;
    expect(expectOracleText(edited(() => ({ value: s, list: [s, 1, s], [s]: s })), written)).toBeDefined();
  });

  test('keys whose order differs quoted and raw, and one shape in two orders', () => {
    const keys = ['a', 'a!', 'a"', 'a#', 'a ', 'a\u0000', 'a\\', 'A', 'b', '1', '10', '2'];
    const a = Object.fromEntries(keys.map((k, i) => [k, i]));
    const b = Object.fromEntries([...keys].reverse().map((k, i) => [k, i]));
    const text = expectOracleText(edited(() => [a, b, a, { ...b, extra: true }]), 'orders');
    expect(text).toBeDefined();
  });

  test('keys that are addresses, resolved or not, in objects of one shape', () => {
    const model = IntendedAccess.of(options('hello-world').plan!).model;
    const addresses = [...model.entities, ...model.groups].map((o) => o.address).slice(0, 2);
    expect(addresses.length).toBe(2);
    const text = expectOracleText(
      edited(() => [Object.fromEntries(addresses.map((a, i) => [a, i])), Object.fromEntries(addresses.map((a, i) => [a, i])), { 'vault_x.y': 1, z: addresses[0] }]),
      'address keys',
    );
    expect(text).toBeDefined();
  });

  test('one object in two places, numbers JSON cannot write, nesting deeper than the cycle check', () => {
    const shared = { kind: 'x', n: Infinity, m: NaN, o: -0 };
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = i % 2 ? { next: deep } : [deep];
    expect(expectOracleText(edited(() => ({ a: shared, b: shared, deep })), 'shared and deep')).toBeDefined();
  });

  test('cycles, short and long: no canonical form', () => {
    const short: Record<string, unknown> = { kind: 'x' };
    short.self = short;
    const long: Record<string, unknown> = { kind: 'y' };
    let at = long;
    for (let i = 0; i < 50; i++) at = (at.next = { i }) as Record<string, unknown>;
    at.back = [long];
    for (const cycle of [short, long]) {
      expect(canonicalModelOrWhy(edited(() => cycle))).toEqual({ ok: false, why: 'a cycle of objects' });
      expectOracleText(edited(() => cycle), 'cycle');
    }
  });
});
