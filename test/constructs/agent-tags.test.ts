/**
 * Per-agent suppressions reach everything the L3 makes for the agent, found by the agent tags the
 * constructs carry, sign-in partitions and delegation included; tags never change the output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { parse } from 'yaml';
import { checkStackSync, type Finding } from '../../lib/checks';
import { agentResourceAddresses, AGENT_TAG } from '../../lib/constructs/agent-tag';
import { agentSuppressions } from '../../lib/constructs/least-privilege';
import { AgentTopologyStack } from '../../lib/constructs/stack';
import { normalizeTopology, type Topology } from '../../lib/topology';

function delegationStack(suppressed: readonly string[], app: App = Testing.app()): AgentTopologyStack {
  const doc = parse(fs.readFileSync('examples/delegation/topology.yaml', 'utf8')) as Topology & { agents: Record<string, Record<string, unknown>> };
  for (const agent of suppressed) doc.agents[agent]!.suppressions = [{ rule: 'A2A-TTL-OIDC-TOKEN', reason: `accepted for ${agent}` }];
  return new AgentTopologyStack(app, 'delegation', { topology: normalizeTopology(doc) });
}

const targetsOf = (stack: AgentTopologyStack, agent: string): string[] =>
  agentSuppressions(stack.topology)
    .filter((s) => s.reason.endsWith(`(agents.${agent}.suppressions)`))
    .map((s) => s.resource!);

test('a split client agent: every sign-in partition client, provider, assignment and may_act scope is its own', () => {
  const stack = delegationStack(['chat']);
  const partitions = stack.plan.delegation!.partitions.filter((p) => p.agent === 'chat');
  expect(partitions.length).toBeGreaterThan(1);
  const targets = targetsOf(stack, 'chat');
  for (const p of partitions) {
    expect(targets).toContain(`oidc-client:${p.client}`);
    for (const construct of [stack.topology.clients.get(p.client)!, stack.topology.providers.get(p.client)!, stack.topology.assignments.get(p.client)!])
      expect(targets).toContain(`${construct.resource.terraformResourceType}.${construct.resource.friendlyUniqueId}`);
    const scope = stack.topology.delegation!.mayActScopes.get(p.client);
    if (scope) expect(targets).toContain(`${scope.resource.terraformResourceType}.${scope.resource.friendlyUniqueId}`);
  }
  expect(targets).toEqual([...targets].sort());
});

test("an actor: its actor-token role and its exchange roles, and nothing of the agents it acts with", () => {
  const stack = delegationStack(['summarizer', 'chat']);
  const delegation = stack.topology.delegation!;
  const targets = targetsOf(stack, 'summarizer');
  const actorRole = delegation.actorTokenRoles.get('a2a.actor.summarizer')!;
  expect(targets).toContain('identity-token-role:a2a.actor.summarizer');
  expect(targets).toContain(`${actorRole.resource.terraformResourceType}.${actorRole.resource.friendlyUniqueId}`);
  const exchangeRoles = stack.plan.delegation!.tokenExchange!.roles.filter((r) => r.actor === 'summarizer');
  expect(exchangeRoles.length).toBeGreaterThan(0);
  for (const r of exchangeRoles) {
    const resource = delegation.exchangeRoles.get(r.name)!.resource;
    expect(targets).toContain(`${resource.terraformResourceType}.${resource.friendlyUniqueId}`);
  }
  // No resource belongs to two agents.
  const chat = new Set(targetsOf(stack, 'chat'));
  expect(targets.filter((t) => chat.has(t))).toEqual([]);
});

test('every resource the tags name is in the synthesized stack; neither cdk.tf.json nor manifest.json holds a tag', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-tags-'));
  try {
    const app = new App({ outdir });
    const stack = delegationStack([], app);
    app.synth();
    const text = fs.readFileSync(path.join(outdir, 'stacks', 'delegation', 'cdk.tf.json'), 'utf8');
    const json = JSON.parse(text) as { resource: Record<string, Record<string, unknown>> };
    const synthesized = new Set(Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)));
    const tagged = [...agentResourceAddresses(stack.topology).values()].flat();
    expect(tagged.length).toBeGreaterThan(0);
    for (const address of tagged) expect(synthesized).toContain(address);
    expect(text).not.toContain(AGENT_TAG);
    expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).not.toContain(AGENT_TAG);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test("issue #10: a split client agent's suppression accepts the findings on its sign-in partition clients", () => {
  const widened = (suppressed: readonly string[]) => {
    const doc = parse(fs.readFileSync('examples/delegation/topology.yaml', 'utf8')) as Topology & { defaults: Record<string, unknown>; agents: Record<string, Record<string, unknown>> };
    doc.defaults.accessTokenTtl = '2h';
    for (const agent of suppressed) doc.agents[agent]!.suppressions = [{ rule: 'A2A-TTL-OIDC-TOKEN', reason: `accepted for ${agent}` }];
    const stack = new AgentTopologyStack(Testing.app(), 'delegation', { topology: normalizeTopology(doc), checks: { enabled: false, reason: 'checked below' } });
    return checkStackSync(Testing.synth(stack), { suppressions: agentSuppressions(stack.topology) }).filter((f) => f.rule === 'A2A-TTL-OIDC-TOKEN');
  };
  const chatClients = (findings: readonly Finding[]) => findings.filter((f) => f.principal?.startsWith('oidc-client:chat'));
  expect(chatClients(widened([])).length).toBeGreaterThan(1);
  expect(chatClients(widened(['chat'])).every((f) => f.suppressed && f.reason === 'accepted for chat (agents.chat.suppressions)')).toBe(true);
  // Nobody else's findings are accepted by it.
  expect(widened(['chat']).filter((f) => !f.principal?.startsWith('oidc-client:chat')).every((f) => !f.suppressed)).toBe(true);
});
