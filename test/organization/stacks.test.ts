/**
 * An organization's stacks: what goes where, sharding that never moves an agent when another is
 * added, the ceilings, dependencies and deploy order, backends, namespaces, and the proof that
 * every stack holds exactly its part of the plan.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { topologyApp, validateTopologyFileAt, validateTopologyForSynth } from '../../lib/app';
import { checkStackSync } from '../../lib/checks/check';
import { checkIntentFromPlan } from '../../lib/checks/intent';
import { setupLeastPrivilegeMatchers } from '../../lib/checks/jest';
import { compile } from '../../lib/plan/compile';
import { organizationIssues, organizationPlan, shardOf, type OrganizationPlan } from '../../lib/plan/organization';
import { formatIssue } from '../../lib/topology/errors';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import type { TerraformJson } from '../support/synth';
import { browser, EXAMPLE, headless, ORG, server, writeTree } from './support';

setupLeastPrivilegeMatchers();

function load(dir: string): NormalizedTopology {
  const result = validateTopologyFileAt(dir);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.topology;
}

function split(dir: string): OrganizationPlan {
  const topology = load(dir);
  return organizationPlan(topology, compile(topology));
}

/** Every stack synthesized, by name. */
function synthAll(dir: string): Map<string, TerraformJson> {
  const result = topologyApp(dir, () => Testing.app());
  if (!result.ok) throw new Error(result.message);
  return new Map(result.stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s)) as TerraformJson]));
}

function resourceCount(json: TerraformJson): number {
  return Object.values(json.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
}

function refusal(dir: string): string {
  const result = validateTopologyForSynth(dir);
  if (result.ok) throw new Error('expected a refusal');
  return result.issues.map(formatIssue).join('\n');
}

describe('examples/organization', () => {
  const stacks = synthAll(path.relative(process.cwd(), EXAMPLE));
  const plan = split(path.relative(process.cwd(), EXAMPLE));

  test('a shared stack and one stack per team, each with its part of the plan and a key of its own', () => {
    expect([...stacks.keys()]).toEqual(['acme', 'acme.finance', 'acme.research', 'acme.travel']);
    expect(plan.stacks.map((s) => [s.name, s.agents, s.plan.key.name, s.plan.key.allowedClients.map((c) => c.name)])).toEqual([
      ['acme', [], 'acme', []],
      ['acme.finance', ['expense', 'expense-portal'], 'acme.finance', ['expense-portal']],
      ['acme.research', ['papers', 'summarizer'], 'acme.research', ['summarizer.papers']],
      ['acme.travel', ['bookkeeper', 'travel-planner'], 'acme.travel', ['bookkeeper.expense', 'travel-planner.expense']],
    ]);
    // Users and groups only in the shared stack; the team stack looks them up by Vault name.
    expect(Object.keys(stacks.get('acme')!.resource!.vault_identity_group ?? {})).toHaveLength(1);
    expect(stacks.get('acme.finance')!.resource!.vault_identity_group).toBeUndefined();
    const lookups = stacks.get('acme.finance')!.data!;
    expect(Object.values(lookups.vault_identity_entity!).map((b) => b.entity_name)).toEqual(['bob']);
    expect(Object.values(lookups.vault_identity_group!).map((b) => b.group_name)).toEqual(['finance']);
  });

  test('every stack has zero findings against its part of the plan, and exactly the intended access', () => {
    for (const s of plan.stacks) {
      const json = JSON.stringify(stacks.get(s.name));
      expect(checkStackSync(json, { plan: s.plan })).toEqual([]);
      expect(json).toMatchIntendedAccess(s.plan);
    }
  });

  test('the resource count of each stack is what it synthesizes', () => {
    for (const s of plan.stacks) expect([s.name, s.resources]).toEqual([s.name, resourceCount(stacks.get(s.name)!)]);
  });

  test('a team in a namespace gets a provider for it; the others the organization\'s', () => {
    expect(stacks.get('acme.research')!.provider).toEqual({ vault: [{ address: 'https://vault.example.com:8200', namespace: 'research' }] });
    expect(stacks.get('acme.finance')!.provider).toEqual({ vault: [{ address: 'https://vault.example.com:8200' }] });
  });

  test('s3 backend: one state key per stack, encrypted, with the S3 lock file', () => {
    expect(stacks.get('acme.travel')!.terraform!.backend).toEqual({
      s3: { bucket: 'acme-terraform-state', region: 'eu-central-1', key: 'vault-a2a/acme.travel.tfstate', encrypt: true, use_lockfile: true },
    });
  });
});

describe('backends', () => {
  const team = `agents:\n${server('api')}`;
  test.each([
    ['local', 'backend: { type: local }', { local: { path: '../../../terraform.acme.a.tfstate' } }],
    ['none given (local)', '', { local: { path: '../../../terraform.acme.a.tfstate' } }],
    [
      's3 with a DynamoDB lock table and a KMS key',
      'backend: { type: s3, bucket: state-b1, region: us-east-1, keyPrefix: p/q, dynamodbTable: locks, kmsKeyId: "arn:aws:kms:us-east-1:1:key/k" }',
      { s3: { bucket: 'state-b1', region: 'us-east-1', key: 'p/q/acme.a.tfstate', encrypt: true, dynamodb_table: 'locks', kms_key_id: 'arn:aws:kms:us-east-1:1:key/k' } },
    ],
    ['gcs', 'backend: { type: gcs, bucket: state-b2, prefix: vault }', { gcs: { bucket: 'state-b2', prefix: 'vault/acme.a' } }],
    [
      'azurerm',
      'backend: { type: azurerm, storageAccountName: acct1, containerName: tfstate, keyPrefix: vault, resourceGroupName: rg, useAzureadAuth: true }',
      { azurerm: { storage_account_name: 'acct1', container_name: 'tfstate', key: 'vault/acme.a.tfstate', resource_group_name: 'rg', use_azuread_auth: true } },
    ],
  ])('%s', (_, backend, expected) => {
    const json = synthAll(writeTree({ 'org.yaml': `${ORG}${backend}\n`, 'teams/a.yaml': team })).get('acme.a')!;
    expect(json.terraform!.backend).toEqual(expected);
  });

  test('cloud: one named workspace per stack, in the project', () => {
    const dir = writeTree({ 'org.yaml': `${ORG}backend: { type: cloud, organization: acme-corp, project: vault, workspacePrefix: vault-a2a-, tags: [vault-a2a] }\n`, 'teams/a.yaml': team });
    const json = synthAll(dir).get('acme.a')!;
    expect(json.terraform!.cloud).toEqual({ organization: 'acme-corp', workspaces: { name: 'vault-a2a-acme-a', project: 'vault' } });
  });
});

describe('sharding', () => {
  const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/), { minLength: 1, maxLength: 12 });

  function teamDir(agents: readonly string[], shards: number): string {
    return writeTree({ 'org.yaml': ORG, 'teams/t.yaml': `shards: ${shards}\nagents:\n${agents.map((a) => server(a)).join('')}` });
  }

  function stackOfEachAgent(p: OrganizationPlan): Map<string, string> {
    const out = new Map<string, string>();
    for (const s of p.stacks) for (const e of s.plan.entities) if (e.kind === 'agent') out.set(e.name, s.name);
    return out;
  }

  test('adding an agent never moves another: every existing agent keeps its stack and its objects', () => {
    fc.assert(
      fc.property(names, fc.integer({ min: 1, max: 6 }), (agents, shards) => {
        const [added, ...existing] = agents;
        if (existing.length === 0) return;
        const before = split(teamDir(existing, shards));
        const after = split(teamDir(agents, shards));
        const was = stackOfEachAgent(before);
        const now = stackOfEachAgent(after);
        for (const a of existing) expect(now.get(a)).toBe(was.get(a));
        expect(now.get(added!)).toBe(`acme.t${shardOf(added!, shards) === 1 ? '' : `.${shardOf(added!, shards)}`}`);
        // The policies of existing agents are in the same stacks too.
        for (const s of before.stacks) {
          const again = after.stacks.find((t) => t.name === s.name)!;
          for (const p of s.plan.policies) expect(again.plan.policies).toContainEqual(p);
        }
      }),
      { numRuns: 15 },
    );
  });

  test('a team over stacks.maxResources is refused in its own file with the shards that fit; with them, no stack is over', () => {
    const agents = Array.from({ length: 40 }, (_, i) => `agent-${i}`);
    const org = `${ORG}stacks: { maxResources: 100 }\n`;
    const dir = writeTree({ 'org.yaml': org, 'teams/t.yaml': `agents:\n${agents.map((a) => server(a)).join('')}` });
    expect(refusal(dir)).toBe(
      `${dir}/teams/t.yaml:1:1: shards: stack acme.t of team "t" would hold 121 resources, over stacks.maxResources 100. Fix: set "shards: 2" in ${dir}/teams/t.yaml (this moves some of the team's agents to new stacks: review the move with vault-a2a diff), or raise stacks.maxResources in org.yaml.`,
    );
    const fixed = writeTree({ 'org.yaml': org, 'teams/t.yaml': `shards: 2\nagents:\n${agents.map((a) => server(a)).join('')}` });
    expect(validateTopologyForSynth(fixed).ok).toBe(true);
    const stacks = synthAll(fixed);
    expect([...stacks.keys()]).toEqual(['acme', 'acme.t', 'acme.t.2']);
    for (const json of stacks.values()) expect(resourceCount(json)).toBeLessThanOrEqual(100);
    const p = split(fixed);
    for (const s of p.stacks) expect(resourceCount(stacks.get(s.name)!)).toBe(s.resources);
  });

  test('no signing key allows more than 1,000 clients: a team with more is refused until sharded', () => {
    const agents = Array.from({ length: 1001 }, (_, i) => headless(`c${i}`, 'api')).join('');
    const files = (shards: number) => ({ 'org.yaml': `${ORG}stacks: { maxResources: 50000 }\n`, 'teams/t.yaml': `shards: ${shards}\nagents:\n${server('api')}${agents}` });
    const topology = load(writeTree(files(1)));
    const found = organizationIssues(topology, organizationPlan(topology, compile(topology))).errors;
    expect(found.map((d) => d.message)).toEqual(['stack acme.t of team "t" would hold 1001 clients on its signing key, over 1000']);
    const sharded = load(writeTree(files(2)));
    const p = organizationPlan(sharded, compile(sharded));
    expect(organizationIssues(sharded, p).errors).toEqual([]);
    for (const s of p.stacks) expect(s.plan.key.allowedClients.length).toBeLessThanOrEqual(1000);
  });
});

describe('dependencies and deploy order', () => {
  test('a browser client offering another team\'s scope depends on that team\'s stack; cdktf records it', () => {
    const dir = writeTree({ 'org.yaml': ORG, 'teams/servers.yaml': `agents:\n${server('api')}`, 'teams/apps.yaml': `agents:\n${browser('portal', 'api')}` });
    const p = split(dir);
    expect(p.stacks.map((s) => [s.name, s.dependsOn])).toEqual([
      ['acme', []],
      ['acme.apps', ['acme', 'acme.servers']],
      ['acme.servers', ['acme']],
    ]);
    expect(p.deployOrder).toEqual(['acme', 'acme.servers', 'acme.apps']);
    const result = topologyApp(dir, () => Testing.app());
    if (!result.ok) throw new Error(result.message);
    const apps = result.stacks.find((s) => s.node.id === 'acme.apps')!;
    expect(apps.dependencies.map((d) => d.node.id).sort()).toEqual(['acme', 'acme.servers']);
    // The scope is named, not referenced across states, and the stack still proves its access.
    const json = JSON.parse(Testing.synth(apps)) as TerraformJson;
    // Its own agent scope is a reference within the stack; the other team's scope is named.
    expect(Object.values(json.resource!.vault_identity_oidc_provider!)[0]!.scopes_supported).toEqual([
      '${vault_identity_oidc_scope.topology_scope-a2a-agentportal_56307B01.name}',
      'api.work.read',
    ]);
    expect(checkStackSync(JSON.stringify(json), { plan: p.stacks[1]!.plan })).toEqual([]);
  });

  test('browser calls in a circle between two teams cannot be deployed in any order and are refused', () => {
    const dir = writeTree({
      'org.yaml': ORG,
      'teams/a.yaml': `agents:\n${server('api-a')}${browser('portal-a', 'api-b')}`,
      'teams/b.yaml': `agents:\n${server('api-b')}${browser('portal-b', 'api-a')}`,
    });
    const text = refusal(dir);
    expect(text).toContain(`${dir}/teams/a.yaml:1:1: shards: stack acme.a offers scopes of acme.b to its browser clients`);
    expect(text).toContain(`${dir}/teams/b.yaml:1:1: shards: stack acme.b offers scopes of acme.a to its browser clients`);
  });
});

describe('namespaces', () => {
  test('a call from one namespace into another is refused, saying why', () => {
    const dir = writeTree({ 'org.yaml': ORG, 'teams/a.yaml': `namespace: a\nagents:\n${server('api')}`, 'teams/b.yaml': `agents:\n${headless('c', 'api')}` });
    expect(refusal(dir)).toMatch(
      new RegExp(`^${dir}/teams/b.yaml:6:18: agents.c.calls\\[0\\].agent: "c" \\(the organization's namespace\\) calls "api" \\(namespace "a"\\): Vault keeps OIDC keys, .* Fix: put both agents' teams in the same namespace, or remove this call.$`),
    );
  });

  test('users signing in to a client in a team namespace are refused, saying what Vault does not document', () => {
    const dir = writeTree({ 'org.yaml': ORG, 'teams/a.yaml': `namespace: a\nagents:\n${server('api')}${browser('portal', 'api')}` });
    expect(refusal(dir)).toMatch(/teams\/a.yaml:\d+:\d+: agents.portal.oidc.users: users and groups live in the organization's namespace .*does not document whether an OIDC assignment in namespace "a" may list entities or groups of a parent namespace/);
  });

  test('teams in one namespace call each other; the namespace joins the organization\'s', () => {
    const dir = writeTree({
      'org.yaml': ORG.replace('address: https://vault.example.com:8200', 'address: https://vault.example.com:8200\n  namespace: corp'),
      'teams/a.yaml': `namespace: ml\nagents:\n${server('api')}`,
      'teams/b.yaml': `namespace: ml\nagents:\n${headless('c', 'api')}`,
    });
    const stacks = synthAll(dir);
    expect(stacks.get('acme.a')!.provider).toEqual({ vault: [{ address: 'https://vault.example.com:8200', namespace: 'corp/ml' }] });
    expect(stacks.get('acme')!.provider).toEqual({ vault: [{ address: 'https://vault.example.com:8200', namespace: 'corp' }] });
    // vault_identity_oidc is one object per namespace: the first stack of the namespace holds it.
    expect(stacks.get('acme.a')!.resource!.vault_identity_oidc).toBeDefined();
    expect(stacks.get('acme.b')!.resource!.vault_identity_oidc).toBeUndefined();
  });
});

/** `file`'s topology as a directory: everything but the agents in org.yaml, the agents in the team files `teams` names. */
function asDirectory(file: string, teams: Readonly<Record<string, readonly string[]>>, shards?: Readonly<Record<string, number>>): string {
  const { agents, ...shared } = parse(fs.readFileSync(file, 'utf8')) as { agents: Record<string, unknown> };
  const files = Object.fromEntries(
    Object.entries(teams).map(([team, names]) => [`teams/${team}.yaml`, stringify({ ...(shards?.[team] !== undefined ? { shards: shards[team] } : {}), agents: Object.fromEntries(names.map((n) => [n, agents[n]])) })]),
  );
  expect(Object.values(teams).flat().sort()).toEqual(Object.keys(agents).sort());
  return writeTree({ 'org.yaml': stringify(shared), ...files });
}

/** Every stack synthesized has zero findings against its part of the plan and the resources the plan counts. */
function expectEveryStackProven(dir: string): { p: OrganizationPlan; stacks: Map<string, TerraformJson> } {
  const result = validateTopologyForSynth(dir);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  const p = split(dir);
  const stacks = synthAll(dir);
  for (const s of p.stacks) {
    const json = stacks.get(s.name)!;
    expect([s.name, checkStackSync(JSON.stringify(json), { plan: s.plan, ...checkIntentFromPlan(s.plan) })]).toEqual([s.name, []]);
    expect([s.name, resourceCount(json)]).toEqual([s.name, s.resources]);
  }
  return { p, stacks };
}

describe('delegation and the agent registry in a directory', () => {
  const DELEGATION = 'examples/delegation/topology.yaml';
  const REGISTRY = 'examples/agent-registry/topology.yaml';

  test('delegation whose actors and client agents are in one team: all of it in that team\'s stack, users looked up, zero findings per stack', () => {
    const dir = asDirectory(DELEGATION, { apps: ['chat', 'mailer', 'portal', 'summarizer'], services: ['docs', 'mail'] });
    const { p, stacks } = expectEveryStackProven(dir);
    const apps = stacks.get('delegation.apps')!;
    expect(Object.keys(apps.resource!.vault_mount ?? {})).toHaveLength(1); // the exchange engine
    expect(Object.keys(apps.resource!.vault_identity_oidc_scope ?? {}).length).toBeGreaterThan(0);
    // The actors' token roles sign with the team's key.
    const apps_ = p.stacks.find((s) => s.name === 'delegation.apps')!;
    expect(apps_.plan.key.allowedClients.map((c) => c.name)).toEqual(expect.arrayContaining(['a2a.actor.mailer', 'a2a.actor.summarizer']));
    for (const name of ['delegation', 'delegation.services']) {
      expect(p.stacks.find((s) => s.name === name)!.plan.delegation).toBeUndefined();
      expect(stacks.get(name)!.resource!.vault_mount).toBeUndefined();
    }
    // Users are in the shared stack, found by name; the services' scopes are offered by name.
    expect(Object.keys(apps.data!.vault_identity_entity ?? {}).length).toBeGreaterThan(0);
    expect(p.stacks.find((s) => s.name === 'delegation.apps')!.dependsOn).toEqual(['delegation', 'delegation.services']);
  });

  test('delegation spread over teams is refused at every actsFor, naming the stacks and the agents to put together', () => {
    const dir = asDirectory(DELEGATION, { apps: ['chat', 'portal'], actors: ['mailer', 'summarizer'], services: ['docs', 'mail'] });
    const text = refusal(dir);
    for (const actor of ['mailer', 'summarizer']) {
      expect(text).toMatch(new RegExp(`teams/actors.yaml:\\d+:\\d+: agents.${actor}.actsFor: delegation links .* by Terraform reference, which works only within one stack; these agents are in several stacks: delegation.actors \\(mailer, summarizer\\), delegation.apps \\(chat, portal\\)`));
    }
    expect(text).toMatch(/Fix: put chat, mailer, portal, summarizer in one team file \(they are in \S*teams\/actors.yaml, \S*teams\/apps.yaml\), or keep delegation in a single-file topology/);
  });

  test('delegation split by shards is refused: a shard is a hash of the name', () => {
    const dir = asDirectory(DELEGATION, { apps: ['chat', 'mailer', 'portal', 'summarizer', 'docs', 'mail'] }, { apps: 4 });
    const shards = new Set(['chat', 'mailer', 'portal', 'summarizer'].map((a) => shardOf(a, 4)));
    if (shards.size === 1) return; // the hash placed them together: nothing to refuse
    expect(refusal(dir)).toMatch(/agents.summarizer.actsFor: .*Fix: remove "shards" from \S*teams\/apps.yaml, or move chat, mailer, portal, summarizer to a team file without shards/);
  });

  test('the agent registry with its agents in one team: registrations, ceilings, profiles and entity aliases in that stack, zero findings per stack', () => {
    const dir = asDirectory(REGISTRY, { finance: ['expense', 'travel-planner'] });
    const { stacks } = expectEveryStackProven(dir);
    const team = stacks.get('agent-registry.finance')!;
    const registryTypes = ['vault_agent_registration', 'vault_oauth_resource_server_config_profile', 'vault_identity_entity_alias', 'vault_policy'];
    for (const t of registryTypes) expect([t, Object.keys(team.resource![t] ?? {}).length > 0]).toEqual([t, true]);
    expect(Object.keys(stacks.get('agent-registry')!.resource!).sort()).toEqual(['vault_identity_oidc', 'vault_identity_oidc_key']);
  });

  test('resource-server profiles no agent registers with are in the shared stack', () => {
    const { agents, ...shared } = parse(fs.readFileSync(REGISTRY, 'utf8')) as { agents: Record<string, Record<string, unknown>> };
    const plain = Object.fromEntries(Object.entries(agents).map(([n, { registry: _r, ...a }]) => [n, a]));
    const dir = writeTree({ 'org.yaml': stringify(shared), 'teams/finance.yaml': stringify({ agents: { expense: plain.expense } }), 'teams/travel.yaml': stringify({ agents: { 'travel-planner': plain['travel-planner'] } }) });
    const { p, stacks } = expectEveryStackProven(dir);
    expect(Object.keys(stacks.get(p.name)!.resource!.vault_oauth_resource_server_config_profile ?? {})).toHaveLength(1);
    for (const s of p.stacks.filter((x) => x.kind === 'team')) expect(stacks.get(s.name)!.resource!.vault_oauth_resource_server_config_profile).toBeUndefined();
  });

  test('registered agents in several teams are refused at every registry, naming the stacks', () => {
    const dir = asDirectory(REGISTRY, { finance: ['expense'], travel: ['travel-planner'] });
    const text = refusal(dir);
    expect(text).toMatch(/teams\/finance.yaml:\d+:\d+: agents.expense.registry: the agent registry .* is built in one stack, and the registered agents are in several: agent-registry.finance \(expense\), agent-registry.travel \(travel-planner\)/);
    expect(text).toMatch(/teams\/travel.yaml:\d+:\d+: agents.travel-planner.registry: /);
  });
});

describe('the rest of a topology in a directory', () => {
  test('examples/operations as a directory: signing key settings in every team key, the audit trail once in the shared stack, zero findings per stack', () => {
    const { agents, ...shared } = parse(fs.readFileSync('examples/operations/topology.yaml', 'utf8')) as Record<string, unknown>;
    const names = Object.keys(agents as object).sort();
    const half = Math.ceil(names.length / 2);
    const team = (list: string[]) => stringify({ agents: Object.fromEntries(list.map((n) => [n, (agents as Record<string, unknown>)[n]])) });
    const dir = writeTree({ 'org.yaml': stringify(shared), 'teams/one.yaml': team(names.slice(0, half)), 'teams/two.yaml': team(names.slice(half)) });
    const p = split(dir);
    const stacks = synthAll(dir);
    const sharedStack = stacks.get(p.name)!;
    expect(Object.keys(sharedStack.resource!.vault_audit ?? {}).length).toBeGreaterThan(0);
    for (const s of p.stacks) {
      if (s.kind === 'team') expect(stacks.get(s.name)!.resource!.vault_audit).toBeUndefined();
      const key = Object.values(stacks.get(s.name)!.resource!.vault_identity_oidc_key!)[0]!;
      expect([s.name, key.rotation_period, key.verification_ttl]).toEqual([s.name, 43200, 86400]);
      expect(checkStackSync(JSON.stringify(stacks.get(s.name)), { plan: s.plan, ...checkIntentFromPlan(s.plan) })).toEqual([]);
      expect(resourceCount(stacks.get(s.name)!)).toBe(s.resources);
    }
  });
});

test('examples/identity-provider as a directory: cert logins in their team, external groups in the shared stack, zero findings per stack', () => {
  const { agents, ...shared } = parse(fs.readFileSync('examples/identity-provider/topology.yaml', 'utf8')) as Record<string, unknown>;
  const names = Object.keys(agents as object).sort();
  const team = (list: string[]) => stringify({ agents: Object.fromEntries(list.map((n) => [n, (agents as Record<string, unknown>)[n]])) });
  const dir = writeTree({ 'org.yaml': stringify(shared), 'teams/one.yaml': team(names.filter((_, i) => i % 2 === 0)), 'teams/two.yaml': team(names.filter((_, i) => i % 2 === 1)) });
  // CA certificates are read relative to the topology directory.
  for (const pem of fs.readdirSync('examples/identity-provider').filter((f) => f.endsWith('.pem'))) fs.copyFileSync(path.join('examples/identity-provider', pem), path.join(dir, pem));
  const { p, stacks } = expectEveryStackProven(dir);
  for (const s of p.stacks) if (s.kind === 'team') expect(stacks.get(s.name)!.resource!.vault_identity_group_alias).toBeUndefined();
});
