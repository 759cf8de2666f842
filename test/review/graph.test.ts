/** The graph model (from the compiled plan) and its Mermaid rendering. */
import fc from 'fast-check';
import { graphFromTopology, type GraphModel } from '../../lib/review/graph-model';
import { agentNodeId, groupNodeId, renderMermaid, userNodeId } from '../../lib/review/mermaid';
import { delegation, expense, headless, helloWorld } from '../support/normalized';
import { arbitraryTopology } from './arbitrary-topology';

describe('graph model', () => {
  test('scenario 1: membership, sign-in by user and group, the browser call with its grant', () => {
    expect(graphFromTopology(helloWorld())).toEqual({
      users: ['end-user'],
      groups: ['agent'],
      agents: [
        { name: 'hello-world', role: 'server' },
        { name: 'test-client', role: 'client' },
      ],
      edges: [
        { kind: 'member-of', user: 'end-user', group: 'agent' },
        { kind: 'signs-in', principal: { kind: 'group', name: 'agent' }, client: 'test-client' },
        { kind: 'signs-in', principal: { kind: 'user', name: 'end-user' }, client: 'test-client' },
        { kind: 'calls', client: 'test-client', server: 'hello-world', flow: 'browser', grants: ['hello_world:read'] },
      ],
    });
  });

  test('scenarios 2 and 3: headless calls carry exactly their grants', () => {
    expect(graphFromTopology(headless()).edges).toEqual([
      { kind: 'calls', client: 'test-client', server: 'hello-world', flow: 'headless', grants: ['hello_world:read'] },
    ]);
    expect(graphFromTopology(expense()).edges).toEqual([
      { kind: 'calls', client: 'bookkeeper', server: 'expense', flow: 'headless', grants: ['expense:read'] },
      { kind: 'calls', client: 'travel-planner', server: 'expense', flow: 'headless', grants: ['expense:submit'] },
    ]);
  });

  test('scenario 4: actsFor becomes acts-for edges per user; the sign-in partitions of chat and portal fold back into them', () => {
    const graph = graphFromTopology(delegation());
    expect(graph.agents.map((a) => a.name)).toEqual(['chat', 'docs', 'mail', 'mailer', 'portal', 'summarizer']);
    expect(graph.edges.filter((e) => e.kind !== 'member-of')).toEqual([
      // The partitions assign users one by one (a group cannot be split by delegation set).
      { kind: 'signs-in', principal: { kind: 'user', name: 'alice' }, client: 'chat' },
      { kind: 'signs-in', principal: { kind: 'user', name: 'alice' }, client: 'portal' },
      { kind: 'signs-in', principal: { kind: 'user', name: 'bob' }, client: 'chat' },
      { kind: 'signs-in', principal: { kind: 'user', name: 'carol' }, client: 'chat' },
      { kind: 'calls', client: 'chat', server: 'docs', flow: 'browser', grants: ['documents:read'] },
      { kind: 'calls', client: 'chat', server: 'mail', flow: 'browser', grants: ['mail:send'] },
      { kind: 'calls', client: 'chat', server: 'summarizer', flow: 'browser', grants: ['summarize:run'] },
      { kind: 'calls', client: 'mailer', server: 'mail', flow: 'headless', grants: ['mail:send'] },
      { kind: 'calls', client: 'summarizer', server: 'docs', flow: 'headless', grants: ['documents:read'] },
      { kind: 'acts-for', actor: 'mailer', subject: { kind: 'user', name: 'carol' } },
      { kind: 'acts-for', actor: 'summarizer', subject: { kind: 'user', name: 'alice' } },
      { kind: 'acts-for', actor: 'summarizer', subject: { kind: 'user', name: 'carol' } },
    ]);
  });

  test('actsFor a group: one edge per member who signs in somewhere', () => {
    const t = delegation();
    const agents = t.agents.map((a) => (a.name === 'mailer' ? { ...a, actsFor: { users: [], groups: ['staff'] } } : a));
    expect(graphFromTopology({ ...t, agents }).edges.filter((e) => e.kind === 'acts-for' && e.actor === 'mailer')).toEqual([
      { kind: 'acts-for', actor: 'mailer', subject: { kind: 'user', name: 'alice' } },
      { kind: 'acts-for', actor: 'mailer', subject: { kind: 'user', name: 'bob' } },
    ]);
  });

  test('an agent that serves skills and calls others is both', () => {
    const t = expense();
    const agents = t.agents.map((a) =>
      a.name === 'bookkeeper' ? { ...a, url: 'https://bookkeeper.example.com', skills: [{ id: 'ledger', actions: ['read'], public: true }] } : a,
    );
    expect(graphFromTopology({ ...t, agents }).agents).toEqual([
      { name: 'bookkeeper', role: 'client-and-server' },
      { name: 'expense', role: 'server' },
      { name: 'travel-planner', role: 'client' },
    ]);
  });
});

describe('mermaid', () => {
  test('scenario 1, exactly', () => {
    expect(renderMermaid(graphFromTopology(helloWorld()))).toBe(
      [
        'flowchart LR',
        '  subgraph sg_users["Users"]',
        '    u_end_user(["end-user"])',
        '  end',
        '  subgraph sg_groups["Groups"]',
        '    g_agent{{"group agent"}}',
        '  end',
        '  subgraph sg_clients["Client agents"]',
        '    a_test_client["test-client"]',
        '  end',
        '  subgraph sg_servers["Server agents"]',
        '    a_hello_world["hello-world"]',
        '  end',
        '  u_end_user ---|"member of"| g_agent',
        '  g_agent -->|"signs in"| a_test_client',
        '  u_end_user -->|"signs in"| a_test_client',
        '  a_test_client -->|"oidc: hello_world:read"| a_hello_world',
        '',
      ].join('\n'),
    );
  });

  test('headless calls are dotted; delegation edges are thick and point at the subject', () => {
    const t = helloWorld();
    const graph = graphFromTopology({ ...t, agents: [t.agents[0], { ...t.agents[1], headless: true }] });
    const delegated: GraphModel = {
      ...graph,
      edges: [...graph.edges, { kind: 'acts-for', actor: 'test-client', subject: { kind: 'user', name: 'end-user' } }],
    };
    expect(renderMermaid(delegated).split('\n').slice(-4)).toEqual([
      '  a_test_client -->|"oidc: hello_world:read"| a_hello_world',
      '  a_test_client -.->|"identity token: hello_world:read"| a_hello_world',
      '  a_test_client ==>|"acts for"| u_end_user',
      '',
    ]);
  });

  test('node ids are distinct for distinct names, contain no "-", and differ by kind', () => {
    expect(['a-b', 'a_b', 'a--b', 'a__b', 'a-_b', 'a_-b'].map(agentNodeId)).toEqual(['a_a_b', 'a_a_Ub', 'a_a__b', 'a_a_U_Ub', 'a_a__Ub', 'a_a_U_b']);
    // Client names read from a stack may hold "." (a sign-in partition nobody or several agents own).
    expect(['chat.may-act.x', 'chat_Dmay'].map(agentNodeId)).toEqual(['a_chat_Dmay_act_Dx', 'a_chat_UDmay']);
    expect(new Set([userNodeId('x'), groupNodeId('x'), agentNodeId('x')]).size).toBe(3);
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/), { minLength: 2, maxLength: 20 }), (names) => {
        const ids = names.map(agentNodeId);
        expect(new Set(ids).size).toBe(names.length);
        for (const id of ids) expect(id).toMatch(/^a_[A-Za-z0-9_]+$/);
      }),
    );
  });

  test('generated topologies: every edge joins declared nodes; rendering is deterministic', () => {
    fc.assert(
      fc.property(arbitraryTopology, (topology) => {
        const text = renderMermaid(graphFromTopology(topology));
        expect(renderMermaid(graphFromTopology(topology))).toBe(text);
        const lines = text.split('\n');
        const declared = new Set(lines.map((l) => /^ {4}([A-Za-z0-9_]+)[[({]/.exec(l)?.[1]).filter((x): x is string => x !== undefined));
        expect(declared.size).toBe(topology.users.length + topology.groups.length + topology.agents.length);
        for (const line of lines.filter((l) => /^ {2}[a-z]_/.test(l))) {
          const [, from, to] = /^ {2}(\S+) \S+\|"[^"]*"\| (\S+)$/.exec(line) ?? [];
          expect(declared.has(from) && declared.has(to)).toBe(true);
        }
      }),
      { numRuns: 50, endOnFailure: true },
    );
  });
});
