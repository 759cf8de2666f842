/**
 * The graph of a synthesized stack, from lib/checks' effective access: equal to the topology's
 * graph for the examples, and showing what a hand-edited stack really allows.
 */
import * as path from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { analyzeStacksSync } from '../../lib/checks/check';
import { graphFromStack } from '../../lib/review/graph-from-stack';
import { graphFromTopology } from '../../lib/review/graph-model';
import { validateTopologyFile } from '../../lib/topology/load';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };

function synth(example: string): Doc {
  const result = topologyApp(path.join(EXAMPLES, example, 'topology.yaml'), () => Testing.app());
  if (!result.ok) throw new Error(result.message);
  return JSON.parse(Testing.synth(result.stack)) as Doc;
}

/** The Terraform name of the one resource of `type` whose Vault name is `name`. */
function key(doc: Doc, type: string, name: string): string {
  const keys = Object.keys(doc.resource[type] ?? {}).filter((k) => doc.resource[type][k].name === name);
  if (keys.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${keys.length}`);
  return keys[0];
}

const stackGraph = (doc: Doc) => graphFromStack(analyzeStacksSync(doc)[0]!);

describe.each(['hello-world', 'headless', 'expense', 'delegation', 'agent-registry'])('examples/%s', (example) => {
  test('the stack draws exactly as its topology', () => {
    const loaded = validateTopologyFile(path.join(EXAMPLES, example, 'topology.yaml'));
    if (!loaded.ok) throw new Error(`example ${example} is invalid`);
    expect(stackGraph(synth(example))).toEqual({ graph: graphFromTopology(loaded.topology), unmapped: [] });
  });
});

describe('hand-edited stacks show what Vault would allow', () => {
  test('a role template with an extra claim: the call carries the extra grant', () => {
    const doc = synth('expense');
    const role = doc.resource.vault_identity_oidc_role[key(doc, 'vault_identity_oidc_role', 'bookkeeper.expense')];
    role.template = '{"expense.expense.read":true,"expense.expense.approve":true}';
    expect(stackGraph(doc).graph.edges).toContainEqual({
      kind: 'calls',
      client: 'bookkeeper',
      server: 'expense',
      flow: 'headless',
      grants: ['expense:approve', 'expense:read'],
    });
  });

  test('a scope whose claim names no server is reported, not drawn', () => {
    const doc = synth('hello-world');
    doc.resource.vault_identity_oidc_scope.catchall = { name: 'catchall', template: '{"admin":true}' };
    const provider = doc.resource.vault_identity_oidc_provider[key(doc, 'vault_identity_oidc_provider', 'test-client')];
    (provider.scopes_supported as string[]).push('${vault_identity_oidc_scope.catchall.name}');
    const { graph, unmapped } = stackGraph(doc);
    expect(unmapped).toEqual(['scope catchall of provider test-client: claim "admin" does not name a server as <server>.<skill>.<action>']);
    expect(graph.edges.filter((e) => e.kind === 'calls')).toEqual([
      { kind: 'calls', client: 'test-client', server: 'hello-world', flow: 'browser', grants: ['hello_world:read'] },
    ]);
  });

  test('allow_all: every user may sign in', () => {
    const doc = synth('hello-world');
    const client = doc.resource.vault_identity_oidc_client[key(doc, 'vault_identity_oidc_client', 'test-client')];
    client.assignments = ['allow_all'];
    expect(stackGraph(doc).graph.edges.filter((e) => e.kind === 'signs-in')).toEqual([
      { kind: 'signs-in', principal: { kind: 'user', name: 'end-user' }, client: 'test-client' },
    ]);
  });

  test('may_act in a scope: the actor acts for every user and group that signs in and gets it', () => {
    const doc = synth('hello-world');
    const clientKey = key(doc, 'vault_identity_oidc_client', 'test-client');
    const entityKey = key(doc, 'vault_identity_entity', 'test-client');
    doc.resource.vault_identity_oidc_scope.delegation = {
      name: 'delegation',
      template: `{"may_act":[{"client_id":"\${vault_identity_oidc_client.${clientKey}.client_id}","sub":"\${vault_identity_entity.${entityKey}.id}"}]}`,
    };
    const provider = doc.resource.vault_identity_oidc_provider[key(doc, 'vault_identity_oidc_provider', 'test-client')];
    (provider.scopes_supported as string[]).push('${vault_identity_oidc_scope.delegation.name}');
    const { graph, unmapped } = stackGraph(doc);
    expect(graph.edges.filter((e) => e.kind === 'acts-for')).toEqual([
      { kind: 'acts-for', actor: 'test-client', subject: { kind: 'group', name: 'agent' } },
      { kind: 'acts-for', actor: 'test-client', subject: { kind: 'user', name: 'end-user' } },
    ]);
    expect(unmapped).toEqual([]);
  });
});
