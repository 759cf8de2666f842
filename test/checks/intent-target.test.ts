/**
 * A2A-INTENT-TARGET: with a topology, the stack's vault provider must write to the topology's
 * vault.address and vault.namespace; and `diff` counts a stack moved elsewhere as all gained.
 */
import * as path from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { checkStackSync } from '../../lib/checks/check';
import { readStack } from '../../lib/analysis/stack';
import { diffStacks } from '../../lib/review/stack-diff';
import { renderDiffMarkdown } from '../../lib/review/diff-markdown';
import type { AccessPlan } from '../../lib/plan/types';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function synth(example: string): { doc: Doc; plan: AccessPlan } {
  const result = topologyApp(path.join(EXAMPLES, example, 'topology.yaml'), () => Testing.app());
  if (!result.ok) throw new Error(result.message);
  return { doc: JSON.parse(Testing.synth(result.stack)), plan: result.stack.plan };
}

// agent-registry names namespace "agents"; hello-world names none (the root namespace).
const registry = synth('agent-registry');
const hello = synth('hello-world');

function edited(base: { doc: Doc }, edit: (provider: Doc, doc: Doc) => void): Doc {
  const doc = JSON.parse(JSON.stringify(base.doc));
  edit(doc.provider.vault[0], doc);
  return doc;
}

const targetFindings = (doc: Doc, plan: AccessPlan) => checkStackSync(doc, { plan }).filter((f) => f.rule === 'A2A-INTENT-TARGET');

describe('A2A-INTENT-TARGET', () => {
  test('the stacks this project writes point where their topologies say', () => {
    expect(registry.doc.provider.vault[0]).toMatchObject({ namespace: 'agents' });
    expect(targetFindings(registry.doc, registry.plan)).toEqual([]);
    expect(targetFindings(hello.doc, hello.plan)).toEqual([]);
  });

  test.each<[string, (p: Doc, doc: Doc) => void, RegExp]>([
    ['another namespace', (p) => (p.namespace = 'payments'), /writes to namespace "payments"; the topology names namespace "agents"/],
    ['the root namespace', (p) => (p.namespace = '/'), /writes to the root namespace; the topology names namespace "agents"/],
    ['no namespace (VAULT_NAMESPACE decides)', (p) => delete p.namespace, /sets no namespace .*the topology names namespace "agents"/],
    ['a namespace from a variable', (p, doc) => ((doc.variable = { ns: { default: 'agents' } }), (p.namespace = '${var.ns}')), /namespace is an expression, "\$\{var.ns\}"/],
    ['another server', (p) => (p.address = 'https://vault.attacker.example:8200'), /writes to https:\/\/vault.attacker.example:8200; the topology names/],
    ['no address (VAULT_ADDR decides)', (p) => delete p.address, /has no address/],
    ['an address from a variable', (p) => (p.address = '${var.addr}'), /address is an expression/],
    ['no default provider', (_p, doc) => (doc.provider.vault[0].alias = 'elsewhere'), /no default vault provider block/],
  ])('fails for %s', (_name, edit, message) => {
    const findings = targetFindings(edited(registry, edit), registry.plan);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'error' && f.resource === 'provider.vault')).toBe(true);
    expect(findings.map((f) => f.message).join('\n')).toMatch(message);
  });

  test('a namespace set where the topology names none fails', () => {
    const findings = targetFindings(edited(hello, (p) => (p.namespace = 'team-b')), hello.plan);
    expect(findings.map((f) => f.message)).toEqual(['the vault provider writes to namespace "team-b"; the topology names the root namespace']);
  });

  test.each<[string, (p: Doc) => void]>([
    ['outer slashes on the namespace', (p) => (p.namespace = '/agents/')],
    ['upper-case host and a trailing slash on the address', (p) => (p.address = `${p.address.replace('vault.example.com', 'VAULT.Example.com')}/`)],
  ])('passes for an equivalent spelling: %s', (_name, edit) => {
    expect(targetFindings(edited(registry, edit), registry.plan)).toEqual([]);
  });

  test('is silent without a topology, and a suppression with a reason accepts it', () => {
    const doc = edited(registry, (p) => (p.namespace = 'payments'));
    expect(checkStackSync(doc).filter((f) => f.rule === 'A2A-INTENT-TARGET')).toEqual([]);
    const suppressed = checkStackSync(doc, { plan: registry.plan, suppressions: [{ rule: 'A2A-INTENT-TARGET', reason: 'the namespace is set by the pipeline' }] });
    const target = suppressed.filter((f) => f.rule === 'A2A-INTENT-TARGET');
    expect(target.map((f) => [f.suppressed, f.reason])).toEqual([[true, 'the namespace is set by the pipeline']]);
  });
});

describe('diff of a stack moved to another namespace', () => {
  const read = (doc: Doc) => readStack(doc, { name: 'agent-registry' });

  test('every grant of the new version is gained, and the report says where each writes', async () => {
    const moved = edited(registry, (p) => (p.namespace = 'payments'));
    const report = await diffStacks([read(registry.doc)], [read(moved)]);
    const [stack] = report.stacks;
    expect(stack!.retargeted).toEqual({ old: 'https://vault.example.com:8200, namespace "agents"', new: 'https://vault.example.com:8200, namespace "payments"' });
    expect(report.summary.gained).toBeGreaterThan(0);
    expect(renderDiffMarkdown(report)).toMatch(/\*\*Writes elsewhere\*\*: the old version writes to https:\/\/vault.example.com:8200, namespace "agents"; the new one to https:\/\/vault.example.com:8200, namespace "payments"/);
  });

  test('the same expression on both sides, or an equivalent spelling, is not a move', async () => {
    const viaVariable = edited(registry, (p, doc) => ((doc.variable = { ns: { default: 'agents' } }), (p.namespace = '${var.ns}')));
    const same = await diffStacks([read(viaVariable)], [read(JSON.parse(JSON.stringify(viaVariable)))]);
    expect(same.stacks[0]!.retargeted).toBeUndefined();
    expect(same.summary.gained).toBe(0);
    const slashes = await diffStacks([read(registry.doc)], [read(edited(registry, (p) => (p.namespace = '/agents/')))]);
    expect(slashes.stacks[0]!.retargeted).toBeUndefined();
    expect(slashes.summary.gained).toBe(0);
  });
});
