/**
 * `vault-a2a diff` as data: versions of the examples produced by synthesizing edited topologies
 * or by editing the synthesized JSON, compared by effective access and by Vault object.
 */
import fc from 'fast-check';
import type { AccessChange } from '../../lib/review/access-diff';
import { formatLifetime, type Lifetime } from '../../lib/review/lifetime';
import { renderDiffMarkdown } from '../../lib/review/diff-markdown';
import { diffStacks, hasEscalation, type AccessDiffReport } from '../../lib/review/stack-diff';
import { edit, keyOf, renameAddresses, resourceOf, stackOf, synthExample, synthText, topologyText, type Doc } from './stacks';

const diff = (before: Doc, after: Doc, name = 'stack'): Promise<AccessDiffReport> => diffStacks([stackOf(before, name)], [stackOf(after, name)]);

const show = (v: Lifetime | string | boolean | undefined): string => (typeof v === 'object' ? formatLifetime(v) : String(v));

/** One line per change: classification, change, principal, grant and what changed. */
function line(c: AccessChange): string {
  const what = c.added ? ` +${c.added.join(',')}` : c.removed ? ` -${c.removed.join(',')}` : c.field ? ` ${show(c.from)} -> ${show(c.to)}` : '';
  return `${c.classification} ${c.change} ${c.principalKind} ${c.principal}: ${c.kind} ${c.grant}${c.field ? ` [${c.field}]` : ''}${what}${c.note ? ` (${c.note})` : ''}`;
}

const accessLines = (r: AccessDiffReport) => r.stacks.flatMap((s) => s.access.map(line));
const resourceLines = (r: AccessDiffReport) =>
  r.stacks.flatMap((s) => s.resources.map((x) => `${x.change} ${x.type} ${x.name}${x.attributes.length ? ` [${x.attributes.join(',')}]` : ''}: ${x.access}`));

const helloWorld = topologyText('hello-world');
const withSuper = synthText(edit(helloWorld, 'grants: ["hello_world:read"]', 'grants: ["hello_world:read", "super_hello_world:read"]'));

describe('grants added and removed (synthesized from edited topologies)', () => {
  test('a scope added to the client agent: an escalation for the agent and for everyone who signs in through it', async () => {
    const report = await diff(synthExample('hello-world'), withSuper, 'hello-world');
    expect(accessLines(report)).toEqual([
      'escalation gained agent test-client: scope hello-world.super_hello_world.read',
      'escalation gained user end-user: scope hello-world.super_hello_world.read',
      'escalation gained group agent: scope hello-world.super_hello_world.read',
    ]);
    expect(report.stacks[0]!.access[0]).toEqual({
      principal: 'test-client',
      principalId: 'entity:test-client',
      principalKind: 'agent',
      change: 'gained',
      kind: 'scope',
      grant: 'hello-world.super_hello_world.read',
      classification: 'escalation',
      detail: {
        kind: 'scope',
        scope: 'hello-world.super_hello_world.read',
        claims: ['hello-world.super_hello_world.read'],
        client: 'test-client',
        provider: 'test-client',
        as: 'client',
      },
    });
    expect(resourceLines(report)).toEqual([
      'changed vault_identity_oidc_provider test-client [scopes_supported]: changes',
      'added vault_identity_oidc_scope hello-world.super_hello_world.read: changes',
    ]);
    expect(report.summary).toEqual({ gained: 2, escalations: 3, reductions: 0, neutral: 0, resourceChanges: 2, resourceChangesChangingAccess: 2, resourceChangesNotModelled: 0 });
    // The access facts: the client's tokens can carry the scope and its claim (who holds them is unchanged).
    expect(report.stacks[0]!.gained.map((g) => `${g.principal} ${g.key}`)).toEqual([
      'oidc-client:test-client claim:hello-world.super_hello_world.read:hello-world.super_hello_world.read=true',
      'oidc-client:test-client scope:hello-world.super_hello_world.read',
    ]);
  });

  test('the same grant removed: reductions, mirror image', async () => {
    const report = await diff(withSuper, synthExample('hello-world'), 'hello-world');
    expect(accessLines(report)).toEqual([
      'reduction lost agent test-client: scope hello-world.super_hello_world.read',
      'reduction lost user end-user: scope hello-world.super_hello_world.read',
      'reduction lost group agent: scope hello-world.super_hello_world.read',
    ]);
    expect(resourceLines(report)).toEqual([
      'changed vault_identity_oidc_provider test-client [scopes_supported]: changes',
      'removed vault_identity_oidc_scope hello-world.super_hello_world.read: changes',
    ]);
  });

  test('a headless grant moved from one action to another: one token claim gained, one lost', async () => {
    const expense = topologyText('expense');
    const after = synthText(edit(expense, 'grants: ["expense:read"]', 'grants: ["expense:approve"]'));
    const report = await diff(synthExample('expense'), after, 'expense');
    expect(accessLines(report)).toEqual([
      'escalation changed agent bookkeeper: identity-token bookkeeper.expense [claims] +expense.expense.approve',
      'reduction changed agent bookkeeper: identity-token bookkeeper.expense [claims] -expense.expense.read',
    ]);
    expect(resourceLines(report)).toEqual(['changed vault_identity_oidc_role bookkeeper.expense [template]: changes']);
  });

  test('a user added to a sign-in client that carries may_act: sign-in, scopes and a new actor', async () => {
    // The baseline: dave is staff (he signs in through chat and can read documents) but uses no
    // portal; then he signs in through portal too and lets summarizer act for him. His bound for
    // summarizer is alice's (documents:read), so he joins her portal partition.
    const delegation = edit(topologyText('delegation'), 'bob: { mount: userpass, groups: [staff] }', 'bob: { mount: userpass, groups: [staff] }\n  dave: { mount: userpass, groups: [staff] }');
    const after = synthText(edit(delegation, 'actsFor: [alice, carol]', 'actsFor: [alice, carol, dave]'));
    const withDave = synthText(edit(edit(delegation, 'users: [alice]', 'users: [alice, dave]'), 'actsFor: [alice, carol]', 'actsFor: [alice, carol, dave]'));
    const lines = accessLines(await diff(after, withDave, 'delegation'));
    expect(lines).toEqual([
      'escalation gained agent summarizer: acts-for dave',
      'escalation gained user dave: sign-in portal.may-act.summarizer',
      'escalation gained user dave: scope a2a-agent.portal',
      'escalation gained user dave: scope portal.may-act.summarizer',
      'escalation gained user dave: may-act summarizer',
    ]);
  });
});

describe('edits to the synthesized JSON', () => {
  test('identical inputs: no changes', async () => {
    const report = await diff(synthExample('delegation'), synthExample('delegation'), 'delegation');
    expect(report.stacks).toEqual([{ stack: 'delegation', status: 'compared', access: [], resources: [], gained: [] }]);
    expect(renderDiffMarkdown(report)).toBe('## Access diff\n\nNo access changes; no resource changes.\n\n### Stack `delegation`\n\nNo access changes.\n\nNo resource changes.\n');
  });

  test('every construct renamed: the same Vault objects, no access change, every resource a neutral rename', async () => {
    const before = synthExample('delegation');
    const after = renameAddresses(before, (_type, name) => `moved_${name.replace(/^topology_/, '')}`);
    const report = await diff(before, after, 'delegation');
    expect(report.stacks[0]!.access).toEqual([]);
    const blocks = Object.values(before.resource as object).reduce((n: number, b) => n + Object.keys(b).length, 0) + Object.values(before.data as object).reduce((n: number, b) => n + Object.keys(b).length, 0);
    expect(report.stacks[0]!.resources).toHaveLength(blocks);
    for (const r of report.stacks[0]!.resources) expect(r).toMatchObject({ change: 'renamed', attributes: [], access: 'unchanged' });
    expect(report.stacks[0]!.resources.find((r) => r.type === 'vault_kubernetes_auth_backend_role' && r.name === 'kubernetes/summarizer')).toBeDefined();
  });

  test('a construct renamed and a description changed: neutral resource changes, no access change', async () => {
    const before = synthExample('hello-world');
    const policyKey = keyOf(before, 'vault_policy', 'a2a-agent-test-client');
    const after = renameAddresses(before, (type, name) => (type === 'vault_policy' && name === policyKey ? 'client_policy' : name));
    resourceOf(after, 'vault_identity_oidc_scope', 'hello-world.hello_world.read').description = 'Says hello, politely';
    const report = await diff(before, after, 'hello-world');
    expect(accessLines(report)).toEqual([]);
    expect(report.stacks[0]!.resources).toEqual([
      { change: 'changed', type: 'vault_identity_oidc_scope', name: 'hello-world.hello_world.read', address: expect.stringMatching(/^vault_identity_oidc_scope\./), attributes: ['description'], access: 'unchanged' },
      { change: 'renamed', type: 'vault_policy', name: 'a2a-agent-test-client', address: 'vault_policy.client_policy', previousAddress: `vault_policy.${policyKey}`, attributes: [], access: 'unchanged' },
    ]);
  });

  test('paths: a capability added, a glob replacing an exact path, a deny', async () => {
    const before = synthExample('hello-world');
    const policy = (doc: Doc) => resourceOf(doc, 'vault_policy', 'a2a-agent-test-client');

    const update = synthExample('hello-world');
    policy(update).policy = 'path "identity/oidc/client/test-client" { capabilities = ["read", "update"] }';
    expect(accessLines(await diff(before, update))).toEqual(['escalation changed agent test-client: vault-path identity/oidc/client/test-client [capabilities] +update']);

    const glob = synthExample('hello-world');
    policy(glob).policy = 'path "identity/oidc/client/*" { capabilities = ["read"] }';
    expect(accessLines(await diff(before, glob))).toEqual([
      'escalation gained agent test-client: vault-path identity/oidc/client/* (wider than identity/oidc/client/test-client)',
      'neutral lost agent test-client: vault-path identity/oidc/client/test-client (still allowed through identity/oidc/client/*)',
    ]);
    // Back from the glob to the exact path: the glob's loss is a reduction; the exact path was already allowed.
    expect(accessLines(await diff(glob, before))).toEqual([
      'reduction lost agent test-client: vault-path identity/oidc/client/*',
      'neutral gained agent test-client: vault-path identity/oidc/client/test-client (already allowed through identity/oidc/client/*)',
    ]);

    const denied = synthExample('hello-world');
    policy(denied).policy = 'path "identity/oidc/client/*" { capabilities = ["read"] }\npath "identity/oidc/client/test-client" { capabilities = ["deny"] }';
    expect(accessLines(await diff(glob, denied))).toEqual([
      'reduction gained agent test-client: vault-path identity/oidc/client/test-client (now denied)',
      'reduction lost agent test-client: client-credentials test-client',
      'reduction lost agent test-client: scope a2a-agent.test-client',
      'reduction lost agent test-client: scope hello-world.hello_world.read',
    ]);
  });

  test('TTLs: longer is an escalation, shorter a reduction, unset means Vault\'s long default', async () => {
    const before = synthExample('hello-world');
    const longer = synthExample('hello-world');
    resourceOf(longer, 'vault_identity_oidc_client', 'test-client').access_token_ttl = 7200;
    delete resourceOf(longer, 'vault_kubernetes_auth_backend_role', 'test-client', 'role_name').token_ttl;
    const report = await diff(before, longer);
    expect(accessLines(report)).toEqual([
      'escalation changed agent test-client: login kubernetes/test-client [tokenTtl] 15m -> 768h (Vault default)',
      'escalation changed agent test-client: client-credentials test-client [accessTokenTtl] 15m -> 2h',
      'escalation changed user end-user: sign-in test-client [accessTokenTtl] 15m -> 2h',
      'escalation changed group agent: sign-in test-client [accessTokenTtl] 15m -> 2h',
    ]);
    expect(accessLines(await diff(longer, before)).every((l) => l.startsWith('reduction changed'))).toBe(true);
  });

  test('delegation widened: alice\'s sign-in scope also names mailer in may_act', async () => {
    const before = synthExample('delegation');
    const after = synthExample('delegation');
    const wide = resourceOf(after, 'vault_identity_oidc_scope', 'chat.may-act.mailer.summarizer').template;
    resourceOf(after, 'vault_identity_oidc_scope', 'chat.may-act.summarizer').template = wide;
    const report = await diff(before, after, 'delegation');
    expect(accessLines(report)).toEqual([
      'escalation gained agent mailer: acts-for alice',
      'escalation gained user alice: may-act mailer',
    ]);
    expect(resourceLines(report)).toEqual(['changed vault_identity_oidc_scope chat.may-act.summarizer [template]: changes']);
  });

  test('a policy renamed in Vault, its content unchanged: the same paths, granted by another policy (neutral)', async () => {
    const before = synthExample('headless');
    const after = synthExample('headless');
    resourceOf(after, 'vault_policy', 'a2a-agent-test-client').name = 'a2a-client';
    const lines = accessLines(await diff(before, after));
    expect(lines).toEqual([
      'neutral changed agent test-client: login kubernetes/test-client [policies] +a2a-client',
      'neutral changed agent test-client: login kubernetes/test-client [policies] -a2a-agent-test-client',
      'neutral lost agent test-client: policy a2a-agent-test-client',
      'neutral gained agent test-client: policy a2a-client',
      'neutral changed agent test-client: vault-path identity/oidc/token/test-client.hello-world [policies] +a2a-client',
      'neutral changed agent test-client: vault-path identity/oidc/token/test-client.hello-world [policies] -a2a-agent-test-client',
      'neutral changed agent test-client: identity-token test-client.hello-world [policies] +a2a-client',
      'neutral changed agent test-client: identity-token test-client.hello-world [policies] -a2a-agent-test-client',
    ]);
  });

  test('a policy the stack does not define attached to a login: an escalation of unknown extent', async () => {
    const before = synthExample('headless');
    const after = synthExample('headless');
    resourceOf(after, 'vault_kubernetes_auth_backend_role', 'test-client', 'role_name').token_policies.push('ops-admin');
    expect(accessLines(await diff(before, after))).toEqual([
      'neutral changed agent test-client: login kubernetes/test-client [policies] +ops-admin',
      'escalation gained agent test-client: policy ops-admin',
    ]);
  });

  test('a key signing for every client: no grant row, but gained by the access facts (which read keys), so it escalates', async () => {
    const before = synthExample('hello-world');
    const after = synthExample('hello-world');
    resourceOf(after, 'vault_identity_oidc_key', 'hello-world').allowed_client_ids = ['*'];
    const report = await diff(before, after);
    expect(accessLines(report)).toEqual([]);
    expect(report.stacks[0]!.gained.map((g) => `${g.principal} ${g.key}`)).toEqual(['key:hello-world allows:*']);
    expect(hasEscalation(report)).toBe(true);
    expect(resourceLines(report)).toEqual(['changed vault_identity_oidc_key hello-world [allowed_client_ids]: changes']);
  });

  test('a change the access model does not read (the provider block) is flagged for review, not called neutral', async () => {
    const before = synthExample('hello-world');
    const after = synthExample('hello-world');
    // How Terraform talks to Vault, not where it writes.
    after.provider.vault[0].skip_child_token = true;
    const report = await diff(before, after);
    expect(accessLines(report)).toEqual([]);
    expect(hasEscalation(report)).toBe(false);
    expect(report.stacks[0]!.retargeted).toBeUndefined();
    expect(resourceLines(report)).toEqual(['changed provider  [provider]: not-modelled']);
    expect(report.summary.resourceChangesNotModelled).toBe(1);
    expect(renderDiffMarkdown(report)).toContain('**not modelled**: review by hand');
  });

  test('a stack moved to another namespace grants everything anew there: an escalation', async () => {
    const before = synthExample('hello-world');
    const after = synthExample('hello-world');
    after.provider.vault[0].namespace = 'elsewhere';
    const report = await diff(before, after);
    expect(report.stacks[0]!.retargeted?.new).toMatch(/namespace "elsewhere"$/);
    expect(hasEscalation(report)).toBe(true);
    expect(accessLines(report)).toContain('escalation gained agent test-client: vault-path identity/oidc/client/test-client');
    expect(accessLines(report).every((line) => line.includes(' gained '))).toBe(true);
  });

  test('several stacks are paired by name; a stack on one side only is added or removed whole', async () => {
    const hello = stackOf(synthExample('hello-world'), 'hello-world');
    const expense = stackOf(synthExample('expense'), 'expense');
    const report = await diffStacks([hello, expense], [stackOf(synthExample('hello-world'), 'hello-world')]);
    expect(report.stacks.map((s) => [s.stack, s.status, s.access.length > 0])).toEqual([
      ['expense', 'removed', true],
      ['hello-world', 'compared', false],
    ]);
    expect(report.stacks[0]!.access.every((c) => c.change === 'lost' && c.classification !== 'escalation')).toBe(true);
    const removed = report.stacks[0]!.resources;
    expect(removed.every((r) => r.change === 'removed')).toBe(true);
    // Resources of a stack removed whole change access together; outputs never do; provider and terraform blocks are for a human to judge.
    const [configuration, vault] = [removed.filter((r) => ['output', 'provider', 'terraform'].includes(r.type)), removed.filter((r) => !['output', 'provider', 'terraform'].includes(r.type))];
    expect(configuration.map((r) => `${r.type} ${r.name} ${r.access}`)).toEqual(['output identity_token_audiences unchanged', 'provider  not-modelled', 'terraform  not-modelled']);
    expect(vault.length).toBeGreaterThan(10);
    expect(vault.every((r) => r.access === 'changes')).toBe(true);
  });
});

test('property: renaming any subset of constructs never changes access and is always a neutral rename', async () => {
  const before = synthExample('expense');
  const names = Object.entries(before.resource as Record<string, object>).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `${type}.${name}`));
  await fc.assert(
    fc.asyncProperty(fc.subarray(names, { minLength: 1 }), fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/), async (chosen, suffix) => {
      const picked = new Set(chosen);
      const after = renameAddresses(before, (type, name) => (picked.has(`${type}.${name}`) ? `${name}_${suffix}` : name));
      const report = await diff(before, after, 'expense');
      expect(report.stacks[0]!.access).toEqual([]);
      expect(report.stacks[0]!.resources.map((r) => `${r.type}.${r.previousAddress?.split('.')[1]}`).sort()).toEqual([...picked].sort());
      for (const r of report.stacks[0]!.resources) expect(r).toMatchObject({ change: 'renamed', attributes: [], access: 'unchanged' });
    }),
    { numRuns: 15 },
  );
});

test('the package root exports the reviewer API', async () => {
  const pkg = await import('../../lib');
  expect(pkg.diffStacks).toBe(diffStacks);
  expect(pkg.renderDiffMarkdown).toBe(renderDiffMarkdown);
  expect(typeof pkg.accessReport).toBe('function');
  expect(typeof pkg.renderAccessMarkdown).toBe('function');
  expect(typeof pkg.stackAccess).toBe('function');
});
