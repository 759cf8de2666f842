import { compile } from '../../lib/plan/compile';
import type { AccessPlan, Grant } from '../../lib/plan/types';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { declaredActors, reachableMayAct } from '../support/delegation';
import { boundTag, partitionName } from '../../lib/plan/naming';
import { agent, delegation, headless, helloWorld } from '../support/normalized';

function policyPaths(plan: AccessPlan, agent: string): string[] {
  return (plan.policies.find((p) => p.agent === agent)?.rules ?? []).map((r) => `${r.capabilities.join(',')} ${r.path}`);
}

function withAgents(t: NormalizedTopology, change: (name: string) => Partial<NormalizedTopology['agents'][number]> | undefined): NormalizedTopology {
  return { ...t, agents: t.agents.map((a) => ({ ...a, ...(change(a.name) ?? {}) })) };
}

describe('compile: scenario 4 (delegation)', () => {
  const plan = compile(delegation());
  const d = plan.delegation!;

  test('chat is split by delegation set; portal, used only by alice, has no client of its own name', () => {
    expect(d.partitions).toEqual([
      { agent: 'chat', client: 'chat', actors: [], users: ['bob'] },
      {
        agent: 'chat',
        client: 'chat.may-act.mailer.summarizer',
        actors: ['mailer', 'summarizer'],
        users: ['carol'],
        mayActScope: 'chat.may-act.mailer.summarizer',
        bounds: [
          { actor: 'mailer', scopes: ['mail.mail.send'] },
          { actor: 'summarizer', scopes: ['docs.documents.read'] },
        ],
      },
      {
        agent: 'chat',
        client: 'chat.may-act.summarizer',
        actors: ['summarizer'],
        users: ['alice'],
        mayActScope: 'chat.may-act.summarizer',
        bounds: [{ actor: 'summarizer', scopes: ['docs.documents.read'] }],
      },
      {
        agent: 'portal',
        client: 'portal.may-act.summarizer',
        actors: ['summarizer'],
        users: ['alice'],
        mayActScope: 'portal.may-act.summarizer',
        bounds: [{ actor: 'summarizer', scopes: ['docs.documents.read'] }],
      },
    ]);
    expect(plan.clients.map((c) => [c.name, c.assignment.entities, c.assignment.groups, c.provider.scopes])).toEqual([
      // Every partition also offers the scope naming the agent it was split from.
      ['chat', ['bob'], [], ['a2a-agent.chat', 'docs.documents.read', 'mail.mail.send', 'summarizer.summarize.run']],
      ['chat.may-act.mailer.summarizer', ['carol'], [], ['a2a-agent.chat', 'chat.may-act.mailer.summarizer', 'docs.documents.read', 'mail.mail.send', 'summarizer.summarize.run']],
      ['chat.may-act.summarizer', ['alice'], [], ['a2a-agent.chat', 'chat.may-act.summarizer', 'docs.documents.read', 'mail.mail.send', 'summarizer.summarize.run']],
      ['portal.may-act.summarizer', ['alice'], [], ['a2a-agent.portal', 'portal.may-act.summarizer']],
    ]);
    // Everything else about a partition client is the agent's.
    for (const c of plan.clients) {
      expect(c.redirectUris).toEqual([c.name.startsWith('portal') ? 'https://portal.example.com/callback' : 'https://chat.example.com/callback']);
      expect([c.clientType, c.idTokenTtlSeconds, c.accessTokenTtlSeconds]).toEqual(['confidential', 900, 900]);
      expect([c.assignment.name, c.provider.name]).toEqual([c.name, c.name]);
    }
  });

  test('one may_act scope per partition with actors, naming each actor by entity and actor-token role', () => {
    expect(d.mayActScopes).toEqual([
      {
        name: 'chat.may-act.mailer.summarizer',
        claim: 'may_act',
        form: 'array',
        actors: [
          { agent: 'mailer', entity: 'mailer', tokenRole: 'a2a.actor.mailer' },
          { agent: 'summarizer', entity: 'summarizer', tokenRole: 'a2a.actor.summarizer' },
        ],
        description: 'may_act (RFC 8693) for users of chat who delegate to mailer, summarizer',
      },
      {
        name: 'chat.may-act.summarizer',
        claim: 'may_act',
        form: 'array',
        actors: [{ agent: 'summarizer', entity: 'summarizer', tokenRole: 'a2a.actor.summarizer' }],
        description: 'may_act (RFC 8693) for users of chat who delegate to summarizer',
      },
      {
        name: 'portal.may-act.summarizer',
        claim: 'may_act',
        form: 'array',
        actors: [{ agent: 'summarizer', entity: 'summarizer', tokenRole: 'a2a.actor.summarizer' }],
        description: 'may_act (RFC 8693) for users of portal who delegate to summarizer',
      },
    ]);
  });

  test('per user, through every client they can use, may_act lists exactly their actors', () => {
    const reach = reachableMayAct(plan);
    const view = (user: string) => Object.fromEntries([...reach.get(user)!].map(([agent, r]) => [agent, r]));
    expect(view('alice')).toEqual({
      chat: { clients: ['chat.may-act.summarizer'], actors: ['summarizer'] },
      portal: { clients: ['portal.may-act.summarizer'], actors: ['summarizer'] },
    });
    expect(view('bob')).toEqual({ chat: { clients: ['chat'], actors: [] } });
    expect(view('carol')).toEqual({ chat: { clients: ['chat.may-act.mailer.summarizer'], actors: ['mailer', 'summarizer'] } });
    expect(declaredActors(delegation())).toEqual(new Map([['alice', ['summarizer']], ['bob', []], ['carol', ['mailer', 'summarizer']]]));
  });

  test('each actor gets an actor-token role carrying its grants under one claim', () => {
    expect(d.actors).toEqual([
      {
        agent: 'mailer',
        entity: 'mailer',
        users: ['carol'],
        tokenRole: { name: 'a2a.actor.mailer', agent: 'mailer', scopes: ['mail.mail.send'], template: '{"actor_grants":["mail.mail.send"],"a2a_agent":{"name":{{identity.entity.metadata.a2a_agent}},"owner":{{identity.entity.metadata.a2a_owner}},"type":"headless"}}', ttlSeconds: 900 },
      },
      {
        agent: 'summarizer',
        entity: 'summarizer',
        users: ['alice', 'carol'],
        tokenRole: { name: 'a2a.actor.summarizer', agent: 'summarizer', scopes: ['docs.documents.read'], template: '{"actor_grants":["docs.documents.read"],"a2a_agent":{"name":{{identity.entity.metadata.a2a_agent}},"owner":{{identity.entity.metadata.a2a_owner}},"type":"headless"}}', ttlSeconds: 900 },
      },
    ]);
    expect(plan.key.allowedClients).toEqual([
      { kind: 'client', name: 'chat' },
      { kind: 'client', name: 'chat.may-act.mailer.summarizer' },
      { kind: 'client', name: 'chat.may-act.summarizer' },
      { kind: 'client', name: 'portal.may-act.summarizer' },
      { kind: 'identity-token-role', name: 'a2a.actor.mailer' },
      { kind: 'identity-token-role', name: 'a2a.actor.summarizer' },
      { kind: 'identity-token-role', name: 'mailer.mail' },
      { kind: 'identity-token-role', name: 'summarizer.docs' },
    ]);
    expect(plan.identityTokenIssuer).toBe('https://vault.example.com:8200');
  });

  test('the exchange engine: one role per (actor, partition that delegates to it), bound to that partition', () => {
    expect(d.tokenExchange).toEqual({
      mount: 'identity-delegation',
      plugin: 'vault-plugin-identity-delegation',
      issuer: 'https://vault.example.com:8200/v1/identity-delegation',
      defaultTtlSeconds: 900,
      subjectJwksProvider: 'chat.may-act.mailer.summarizer',
      key: { name: 'delegation', algorithm: 'RS256', keySize: 2048 },
      roles: [
        { name: 'mailer.chat.may-act.mailer.summarizer', actor: 'mailer', partition: 'chat.may-act.mailer.summarizer', users: ['carol'], context: ['mail.mail.send'], audiences: ['https://mail.example.com'], ttlSeconds: 900 },
        { name: 'summarizer.chat.may-act.mailer.summarizer', actor: 'summarizer', partition: 'chat.may-act.mailer.summarizer', users: ['carol'], context: ['docs.documents.read'], audiences: ['https://docs.example.com'], ttlSeconds: 900 },
        { name: 'summarizer.chat.may-act.summarizer', actor: 'summarizer', partition: 'chat.may-act.summarizer', users: ['alice'], context: ['docs.documents.read'], audiences: ['https://docs.example.com'], ttlSeconds: 900 },
        { name: 'summarizer.portal.may-act.summarizer', actor: 'summarizer', partition: 'portal.may-act.summarizer', users: ['alice'], context: ['docs.documents.read'], audiences: ['https://docs.example.com'], ttlSeconds: 900 },
      ],
    });
  });

  test('policies: actors mint their token and write only their own exchange roles; chat reads its partitions', () => {
    expect(policyPaths(plan, 'summarizer')).toEqual([
      'create,update identity-delegation/token/summarizer.chat.may-act.mailer.summarizer',
      'create,update identity-delegation/token/summarizer.chat.may-act.summarizer',
      'create,update identity-delegation/token/summarizer.portal.may-act.summarizer',
      'read identity/oidc/token/a2a.actor.summarizer',
      'read identity/oidc/token/summarizer.docs',
    ]);
    expect(policyPaths(plan, 'mailer')).toEqual([
      'create,update identity-delegation/token/mailer.chat.may-act.mailer.summarizer',
      'read identity/oidc/token/a2a.actor.mailer',
      'read identity/oidc/token/mailer.mail',
    ]);
    expect(policyPaths(plan, 'chat')).toEqual([
      'read identity/oidc/client/chat',
      'read identity/oidc/client/chat.may-act.mailer.summarizer',
      'read identity/oidc/client/chat.may-act.summarizer',
    ]);
    expect(policyPaths(plan, 'portal')).toEqual(['read identity/oidc/client/portal.may-act.summarizer']);
    const exchangeWriters = plan.policies.filter((p) => p.rules.some((r) => r.path.startsWith('identity-delegation/'))).map((p) => p.agent);
    expect(exchangeWriters).toEqual(['mailer', 'summarizer']);
  });

  test('grants say who may act for whom, and through which sign-in clients', () => {
    const actFor = plan.grants.filter((g): g is Extract<Grant, { kind: 'act-for' }> => g.kind === 'act-for');
    expect(actFor.map((g) => [g.principal.name, g.user, g.clients, g.reason])).toEqual([
      ['mailer', 'carol', ['chat.may-act.mailer.summarizer'], 'listed in agents.mailer.actsFor'],
      ['summarizer', 'alice', ['chat.may-act.summarizer', 'portal.may-act.summarizer'], 'listed in agents.summarizer.actsFor'],
      ['summarizer', 'carol', ['chat.may-act.mailer.summarizer'], 'listed in agents.summarizer.actsFor'],
    ]);
    const signIn = plan.grants.filter((g) => g.kind === 'sign-in').map((g) => (g.kind === 'sign-in' ? [g.principal.name, g.client, g.reason] : []));
    expect(signIn).toEqual([
      ['alice', 'chat.may-act.summarizer', 'listed in agents.chat.oidc.users; delegates to exactly summarizer'],
      ['alice', 'portal.may-act.summarizer', 'listed in agents.portal.oidc.users; delegates to exactly summarizer'],
      ['bob', 'chat', 'listed in agents.chat.oidc.users; delegates to nobody'],
      ['carol', 'chat.may-act.mailer.summarizer', 'listed in agents.chat.oidc.users; delegates to exactly mailer, summarizer'],
    ]);
  });
});

describe('compile: delegation shapes', () => {
  test('without actsFor there is no delegation plan, and nothing about the plan changes', () => {
    for (const t of [helloWorld(), headless()]) expect(compile(t)).not.toHaveProperty('delegation');
    const t = delegation();
    const none = withAgents({ ...t, tokenExchange: undefined }, () => ({ actsFor: undefined }));
    const plan = compile(none);
    expect(plan.delegation).toBeUndefined();
    expect(plan.clients.map((c) => [c.name, c.assignment.entities, c.assignment.groups])).toEqual([
      ['chat', ['carol'], ['staff']],
      ['portal', ['alice'], []],
    ]);
  });

  test('a client agent none of whose users delegates keeps its client and its group assignment', () => {
    const t = delegation();
    const plan = compile({
      ...t,
      users: [...t.users, { name: 'dave', mount: 'userpass', alias: 'dave', groups: ['ops'] }],
      groups: [...t.groups, { name: 'ops' }],
      agents: [
        ...t.agents,
        {
          name: 'ops-console',
          skills: [],
          headless: false,
          calls: [],
          login: { kind: 'approle', mount: 'kubernetes' },
          oidc: { redirectUris: ['https://ops.example.com/cb'], members: { users: [], groups: ['ops'] } },
        },
      ],
    });
    expect(plan.clients.find((c) => c.name.startsWith('ops-console'))).toMatchObject({ name: 'ops-console', assignment: { entities: [], groups: ['ops'] } });
    expect(plan.delegation?.partitions.some((p) => p.agent === 'ops-console')).toBe(false);
  });

  test('a group acting through actsFor expands to its members, and the reason says so', () => {
    const t = withAgents(delegation(), (name) => (name === 'summarizer' ? { actsFor: { users: [], groups: ['staff'] } } : undefined));
    const plan = compile(t);
    expect(plan.delegation?.actors.find((a) => a.agent === 'summarizer')?.users).toEqual(['alice', 'bob']);
    expect(reachableMayAct(plan).get('bob')?.get('chat')).toEqual({ clients: ['chat.may-act.summarizer'], actors: ['summarizer'] });
    const grant = plan.grants.find((g) => g.kind === 'act-for' && g.user === 'bob');
    expect(grant?.reason).toBe('member of group:staff listed in agents.summarizer.actsFor');
  });

  test('without tokenExchange: may_act and actor tokens, but no exchange paths in any policy', () => {
    const plan = compile({ ...delegation(), tokenExchange: undefined });
    expect(plan.delegation?.tokenExchange).toBeUndefined();
    expect(plan.delegation?.mayActScopes.map((s) => s.name)).toEqual(['chat.may-act.mailer.summarizer', 'chat.may-act.summarizer', 'portal.may-act.summarizer']);
    expect(plan.policies.flatMap((p) => p.rules).filter((r) => !r.path.startsWith('identity/'))).toEqual([]);
  });

  test('the default issuer follows the namespace; an explicit issuer is kept as written', () => {
    const t = delegation();
    const namespaced = compile({ ...t, vault: { address: 'https://vault.example.com:8200', namespace: 'team-a' } });
    expect(namespaced.delegation?.tokenExchange?.issuer).toBe('https://vault.example.com:8200/v1/team-a/identity-delegation');
    const explicit = compile({ ...t, tokenExchange: { ...t.tokenExchange!, issuer: 'https://sts.example.com/' } });
    expect(explicit.delegation?.tokenExchange?.issuer).toBe('https://sts.example.com/');
  });

  test('partition, may_act scope and actor-role names can never equal an agent, grant scope or call role name', () => {
    const plan = compile(delegation());
    const d = plan.delegation!;
    const agentNames = new Set(delegation().agents.map((a) => a.name));
    const grantScopes = new Set(plan.scopes.map((s) => s.name));
    const callRoles = new Set(plan.identityTokenRoles.map((r) => r.name));
    for (const name of [...d.partitions.map((p) => p.client), ...d.mayActScopes.map((s) => s.name)]) {
      if (!agentNames.has(name)) expect(name).toMatch(/^[a-z][a-z0-9_-]*\.may-act(-[0-9a-f]{8})?(\.[a-z][a-z0-9_-]*)+$/);
      expect(grantScopes.has(name)).toBe(false);
    }
    for (const role of d.actors.map((a) => a.tokenRole.name)) {
      expect(role.split('.')).toHaveLength(3); // call roles `<client>.<server>` have two parts
      expect(callRoles.has(role)).toBe(false);
    }
    for (const p of plan.policies) for (const r of p.rules) expect(r.path).not.toMatch(/[*+]/);
  });
});

/**
 * The bound in action: summarizer now also mails its summaries (mail:send), chat no longer lets
 * its users send mail, and webmail does, for carol and dave. dave is staff and lets summarizer act
 * for him, like alice; alice cannot send mail herself, dave can.
 */
function bounded(): NormalizedTopology {
  const t = delegation();
  return {
    ...t,
    users: [...t.users, { name: 'dave', mount: 'userpass', alias: 'dave', groups: ['staff'] }],
    agents: [
      ...t.agents.map((a) => {
        if (a.name === 'chat') return { ...a, calls: a.calls.filter((c) => c.agent !== 'mail') };
        if (a.name === 'summarizer')
          return { ...a, calls: [...a.calls, { agent: 'mail', grants: [{ skill: 'mail', action: 'send' }] }], actsFor: { users: ['alice', 'carol', 'dave'], groups: [] } };
        return a;
      }),
      agent('webmail', {
        login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'webmail', namespace: 'apps' },
        oidc: { redirectUris: ['https://webmail.example.com/callback'], members: { users: ['carol', 'dave'], groups: [] } },
        calls: [{ agent: 'mail', grants: [{ skill: 'mail', action: 'send' }] }],
      }),
    ].sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

describe('compile: the delegation bound (actor grants ∩ user grants)', () => {
  const plan = compile(bounded());
  const d = plan.delegation!;
  const aliceTag = boundTag([{ actor: 'summarizer', scopes: ['docs.documents.read'] }]);
  const alicePartition = partitionName('chat', ['summarizer'], aliceTag);

  test('users with one delegation set but different bounds get different partitions; an unrestricted bound keeps the plain name', () => {
    expect(alicePartition).toMatch(/^chat\.may-act-[0-9a-f]{8}\.summarizer$/);
    const chat = d.partitions.filter((p) => p.agent === 'chat').map((p) => [p.client, p.users, p.bounds]);
    expect(chat).toEqual(
      [
        ['chat', ['bob'], undefined],
        ['chat.may-act.mailer.summarizer', ['carol'], [{ actor: 'mailer', scopes: ['mail.mail.send'] }, { actor: 'summarizer', scopes: ['docs.documents.read', 'mail.mail.send'] }]],
        ['chat.may-act.summarizer', ['dave'], [{ actor: 'summarizer', scopes: ['docs.documents.read', 'mail.mail.send'] }]],
        [alicePartition, ['alice'], [{ actor: 'summarizer', scopes: ['docs.documents.read'] }]],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
  });

  test("each role's context is exactly the bound of the users it accepts, and its aud only the servers of that context", () => {
    const roles = d.tokenExchange!.roles.filter((r) => r.partition.startsWith('chat')).map((r) => [r.name, r.users, r.context, r.audiences]);
    expect(roles).toEqual(
      [
        ['mailer.chat.may-act.mailer.summarizer', ['carol'], ['mail.mail.send'], ['https://mail.example.com']],
        ['summarizer.chat.may-act.mailer.summarizer', ['carol'], ['docs.documents.read', 'mail.mail.send'], ['https://docs.example.com', 'https://mail.example.com']],
        ['summarizer.chat.may-act.summarizer', ['dave'], ['docs.documents.read', 'mail.mail.send'], ['https://docs.example.com', 'https://mail.example.com']],
        [`summarizer.${alicePartition}`, ['alice'], ['docs.documents.read'], ['https://docs.example.com']],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
  });

  test('an empty bound makes no role: an actor nobody can give anything to gets no exchange path for them', () => {
    const t = bounded();
    // carol can no longer send mail herself: the mailer can do nothing for her.
    const noMail = { ...t, agents: t.agents.map((a) => (a.name === 'webmail' ? { ...a, oidc: { ...a.oidc!, members: { users: ['dave'], groups: [] } } } : a)) };
    const p = compile(noMail);
    expect(p.delegation!.tokenExchange!.roles.filter((r) => r.actor === 'mailer')).toEqual([]);
    expect(p.policies.find((x) => x.agent === 'mailer')!.rules.map((r) => r.path)).toEqual(['identity/oidc/token/a2a.actor.mailer', 'identity/oidc/token/mailer.mail']);
    // may_act still says what carol declared: the mailer may act for her (it just cannot obtain anything).
    expect(reachableMayAct(p).get('carol')?.get('chat')?.actors).toEqual(['mailer', 'summarizer']);
  });

  test('partition names depend only on the delegation set and the bound: an unrelated agent changes none', () => {
    const t = bounded();
    const more = compile({ ...t, agents: [...t.agents, agent('auditor', { login: { kind: 'approle', mount: 'kubernetes' }, headless: true, calls: [{ agent: 'docs', grants: [{ skill: 'documents', action: 'read' }] }] })] });
    expect(more.delegation!.partitions).toEqual(d.partitions);
    expect(more.delegation!.tokenExchange!.roles).toEqual(d.tokenExchange!.roles);
  });

  test('without an exchange engine there are no delegated tokens, so partitions are not split by the bound', () => {
    const p = compile({ ...bounded(), tokenExchange: undefined });
    expect(p.delegation!.partitions.filter((x) => x.agent === 'chat').map((x) => [x.client, x.users, x.bounds])).toEqual([
      ['chat', ['bob'], undefined],
      ['chat.may-act.mailer.summarizer', ['carol'], undefined],
      ['chat.may-act.summarizer', ['alice', 'dave'], undefined],
    ]);
  });
});
