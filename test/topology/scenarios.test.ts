/** Scenarios 1–3 of shared/scenarios.md validate cleanly and normalize to what they say. */
import { parseTopologyText, type NormalizedTopology } from '../../lib/topology';
import { SCENARIO_EXPENSES, SCENARIO_HELLO_BROWSER, SCENARIO_HELLO_HEADLESS } from './scenario-texts';
import { headless, helloWorld } from '../support/normalized';
import { describeIssues } from './support';

function valid(text: string): NormalizedTopology {
  const result = parseTopologyText(text, 'scenario.yaml');
  if (!result.ok) throw new Error(`expected a valid topology:\n${describeIssues(result.issues)}`);
  return result.topology;
}

describe('scenario topologies', () => {
  test('1: hello-world behind the OIDC provider (browser)', () => {
    const t = valid(SCENARIO_HELLO_BROWSER);
    expect(t.name).toBe('hello-world');
    expect(t.users).toEqual([{ name: 'end-user', mount: 'userpass', alias: 'end-user', groups: ['agent'] }]);
    const [server, client] = t.agents;
    expect(server.skills.map((s) => [s.id, s.public])).toEqual([
      ['hello_world', true],
      ['super_hello_world', false],
    ]);
    expect(client).toEqual({
      name: 'test-client',
      skills: [],
      login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'test-client', namespace: 'default', audience: 'vault' },
      oidc: {
        redirectUris: ['http://127.0.0.1:9998/callback', 'http://localhost:9998/callback'],
        members: { users: [], groups: ['agent'] },
      },
      headless: false,
      calls: [{ agent: 'hello-world', grants: [{ skill: 'hello_world', action: 'read' }] }],
    });
  });

  test('2: the same, headless', () => {
    const t = valid(SCENARIO_HELLO_HEADLESS);
    const client = t.agents.find((a) => a.name === 'test-client');
    expect(client?.headless).toBe(true);
    expect(client?.oidc).toBeUndefined();
    expect(t.agents.find((a) => a.name === 'hello-world')?.login?.kind).toBe('kubernetes');
  });

  test('3: machine-to-machine with granular scopes, normalized in full', () => {
    expect(valid(SCENARIO_EXPENSES)).toEqual({
      name: 'expenses',
      vault: { address: 'https://vault.example.com:8200', namespace: 'finance' },
      ttl: { accessTokenSeconds: 900, idTokenSeconds: 900, identityTokenSeconds: 900, loginTokenSeconds: 900 },
      mounts: [
        { name: 'approle', type: 'approle', path: 'approle' },
        { name: 'spiffe', type: 'jwt', path: 'jwt/spiffe' },
      ],
      users: [],
      groups: [],
      agents: [
        {
          name: 'bookkeeper',
          skills: [],
          login: { kind: 'jwt', mount: 'spiffe', subject: 'spiffe://example.org/ns/finance/sa/bookkeeper', audiences: ['vault'] },
          headless: true,
          calls: [{ agent: 'expense', grants: [{ skill: 'expense', action: 'read' }] }],
        },
        {
          name: 'expense',
          url: 'https://expense.example.com',
          skills: [{ id: 'expense', actions: ['approve', 'read', 'submit'], public: true }],
          login: { kind: 'approle', mount: 'approle' },
          headless: false,
          calls: [],
        },
        {
          name: 'travel-planner',
          skills: [],
          login: { kind: 'approle', mount: 'approle' },
          headless: true,
          calls: [{ agent: 'expense', grants: [{ skill: 'expense', action: 'submit' }] }],
        },
      ],
    });
  });
});

describe('the loader produces the hand-built topologies the compiler tests use', () => {
  // test/support/normalized.ts is written by hand so compiler tests do not depend on the
  // loader; this pins the two to the same contract.
  test('hello-world (browser)', () => {
    const text = `
version: 1
name: hello-world
vault: { address: "https://vault.example.com:8200" }
authMounts:
  userpass: { type: userpass, path: userpass }
  kubernetes: { type: kubernetes, path: kubernetes }
groups: { agent: {} }
users: { end-user: { mount: userpass, groups: [agent] } }
agents:
  test-client:
    calls: [{ agent: hello-world, grants: ["hello_world:read"] }]
    oidc:
      users: [group:agent, end-user]
      redirectUris: ["http://localhost:9998/callback", "http://127.0.0.1:9998/callback"]
    login: { mount: kubernetes, namespace: default, serviceAccount: test-client, audience: vault }
  hello-world:
    url: https://hello-world.example.com
    skills:
      - { id: super_hello_world, actions: [read], public: false }
      - { id: hello_world, actions: [read] }
`;
    expect(valid(text)).toEqual(helloWorld());
  });

  test('headless', () => {
    const text = `
version: 1
name: headless
vault: { address: "https://vault.example.com:8200" }
authMounts: { kubernetes: { type: kubernetes, path: kubernetes } }
agents:
  hello-world:
    url: https://hello-world.example.com
    login: { mount: kubernetes, serviceAccount: hello-world, namespace: default, audience: vault }
    skills:
      - { id: hello_world, actions: [read] }
      - { id: super_hello_world, actions: [read], public: false }
  test-client:
    headless: true
    login: { mount: kubernetes, serviceAccount: test-client, namespace: default, audience: vault }
    calls: [{ agent: hello-world, grants: ["hello_world:read"] }]
`;
    expect(valid(text)).toEqual(headless());
  });
});
