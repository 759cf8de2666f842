/**
 * Adopting existing principals in the stack (`adopt`): cdktf import blocks for exactly the named
 * entities and aliases, in JSON and HCL; refused for names the topology lacks, AppRole agents
 * (whose alias is a role id this stack creates) and ids that are not Vault ids.
 */
import { Testing } from 'cdktf';
import { checkStackSync } from '../../lib/checks/check';
import { AgentTopologyStack, InvalidPropsError, adoptionCandidates, adoptionFromLookups } from '../../lib/constructs';
import { compile } from '../../lib/plan/compile';
import { delegation, expense } from '../support/normalized';
import { parseHcl } from '../support/hcl';

const ids = { entityId: '11111111-2222-3333-4444-555555555555', aliasId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' };

test('import blocks for the adopted entity and its alias, in cdk.tf.json and cdk.tf; the checks read the stack as before', async () => {
  const stack = new AgentTopologyStack(Testing.app(), 'delegation', { topology: delegation(), adopt: { alice: ids } });
  const json = JSON.parse(Testing.synth(stack)) as { import: { to: string; id: string }[]; resource: Record<string, Record<string, { name?: string }>> };
  const addressOf = (type: string) => `${type}.${Object.entries(json.resource[type]).find(([, b]) => b.name === 'alice')![0]}`;
  expect(json.import).toEqual([
    { to: addressOf('vault_identity_entity'), id: ids.entityId },
    { to: addressOf('vault_identity_entity_alias'), id: ids.aliasId },
  ]);
  const parsed = (await parseHcl(Testing.synthHcl(stack))) as { import: unknown[] };
  expect(parsed.import).toEqual(json.import.map((i) => ({ to: `\${${i.to}}`, id: i.id })));
  expect(checkStackSync(json)).toEqual([]);
});

test('refused: a name the topology lacks, an AppRole agent, an id that is not a Vault id', () => {
  // The delegation example with summarizer logging in through AppRole (its alias is the role id this stack creates).
  const base = delegation();
  const topology = {
    ...base,
    mounts: [...base.mounts, { name: 'approle', type: 'approle' as const, path: 'approle' }],
    agents: base.agents.map((a) => (a.name === 'summarizer' ? { ...a, login: { kind: 'approle' as const, mount: 'approle' } } : a)),
  };
  const adopt = { nobody: ids, summarizer: ids, alice: { ...ids, aliasId: '${var.x}' } };
  let issues: readonly string[] = [];
  try {
    new AgentTopologyStack(Testing.app(), 'delegation', { topology, adopt });
  } catch (e) {
    if (!(e instanceof InvalidPropsError)) throw e;
    issues = e.issues;
  }
  expect(issues).toEqual([
    'adopt.nobody: no user or agent of the topology has this name',
    'adopt.summarizer: its alias is the role id of a login role this stack creates, so nothing can exist to adopt',
    'adopt.alice.aliasId: "${var.x}" is not a Vault id',
  ]);
});

test('candidates: users and agents whose alias is known in advance; lookups matched by mount path and alias name', () => {
  const plan = compile(expense());
  expect(adoptionCandidates(plan).map((c) => `${c.kind} ${c.entity} ${c.mountPath} ${c.aliasName}`)).toEqual([
    'agent bookkeeper jwt-spiffe spiffe://example.org/ns/finance/sa/bookkeeper',
    'agent expense kubernetes finance/expense',
    'agent travel-planner kubernetes travel/travel-planner',
  ]);
  const result = adoptionFromLookups(plan, {
    data: { id: 'e-1', aliases: [{ id: 'a-1', name: 'travel/travel-planner', mount_path: 'team-a/auth/kubernetes/' }] },
  });
  expect(result).toEqual({ adoption: { 'travel-planner': { entityId: 'e-1', aliasId: 'a-1' } }, adopted: ['travel-planner'], notFound: ['bookkeeper', 'expense'], ignored: [], problems: [] });
});
