/**
 * Hand-built normalized topologies for unit tests of the compiler and everything after it, so
 * those tests do not depend on the loader. They mirror examples/hello-world, headless, expense,
 * delegation and agent-registry.
 */
import type { NormalizedAgent, NormalizedTopology } from '../../lib/topology/normalized';

const TTL = { accessTokenSeconds: 900, idTokenSeconds: 900, identityTokenSeconds: 900, loginTokenSeconds: 900 };

export function agent(name: string, fields: Partial<Omit<NormalizedAgent, 'name'>> = {}): NormalizedAgent {
  return { name, skills: [], headless: false, calls: [], ...fields };
}

export function helloWorld(): NormalizedTopology {
  return {
    name: 'hello-world',
    vault: { address: 'https://vault.example.com:8200' },
    ttl: TTL,
    mounts: [
      { name: 'kubernetes', type: 'kubernetes', path: 'kubernetes' },
      { name: 'userpass', type: 'userpass', path: 'userpass' },
    ],
    users: [{ name: 'end-user', mount: 'userpass', alias: 'end-user', groups: ['agent'] }],
    groups: [{ name: 'agent' }],
    agents: [
      agent('hello-world', {
        url: 'https://hello-world.example.com',
        skills: [
          { id: 'hello_world', actions: ['read'], public: true },
          { id: 'super_hello_world', actions: ['read'], public: false },
        ],
      }),
      agent('test-client', {
        login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'test-client', namespace: 'default', audience: 'vault' },
        oidc: {
          redirectUris: ['http://127.0.0.1:9998/callback', 'http://localhost:9998/callback'],
          members: { users: ['end-user'], groups: ['agent'] },
        },
        calls: [{ agent: 'hello-world', grants: [{ skill: 'hello_world', action: 'read' }] }],
      }),
    ],
  };
}

export function headless(): NormalizedTopology {
  return {
    name: 'headless',
    vault: { address: 'https://vault.example.com:8200' },
    ttl: TTL,
    mounts: [{ name: 'kubernetes', type: 'kubernetes', path: 'kubernetes' }],
    users: [],
    groups: [],
    agents: [
      agent('hello-world', {
        url: 'https://hello-world.example.com',
        login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'hello-world', namespace: 'default', audience: 'vault' },
        skills: [
          { id: 'hello_world', actions: ['read'], public: true },
          { id: 'super_hello_world', actions: ['read'], public: false },
        ],
      }),
      agent('test-client', {
        login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'test-client', namespace: 'default', audience: 'vault' },
        headless: true,
        calls: [{ agent: 'hello-world', grants: [{ skill: 'hello_world', action: 'read' }] }],
      }),
    ],
  };
}

export function expense(): NormalizedTopology {
  return {
    name: 'expense',
    vault: { address: 'https://vault.example.com:8200' },
    ttl: TTL,
    mounts: [
      { name: 'kubernetes', type: 'kubernetes', path: 'kubernetes' },
      { name: 'spiffe', type: 'jwt', path: 'jwt-spiffe' },
    ],
    users: [],
    groups: [],
    agents: [
      agent('bookkeeper', {
        login: { kind: 'jwt', mount: 'spiffe', subject: 'spiffe://example.org/ns/finance/sa/bookkeeper', audiences: ['vault'] },
        headless: true,
        calls: [{ agent: 'expense', grants: [{ skill: 'expense', action: 'read' }] }],
      }),
      agent('expense', {
        url: 'https://expense.example.com',
        login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'expense', namespace: 'finance', audience: 'vault' },
        skills: [{ id: 'expense', actions: ['approve', 'read', 'submit'], description: 'Expense reports', public: true }],
      }),
      agent('travel-planner', {
        login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'travel-planner', namespace: 'travel', audience: 'vault' },
        headless: true,
        calls: [{ agent: 'expense', grants: [{ skill: 'expense', action: 'submit' }] }],
      }),
    ],
  };
}

/** Mirrors examples/agent-registry (scenario 5): two registered agents, one corporate IdP profile. */
export function agentRegistry(): NormalizedTopology {
  return {
    name: 'agent-registry',
    vault: { address: 'https://vault.example.com:8200', namespace: 'agents' },
    ttl: TTL,
    mounts: [{ name: 'kubernetes', type: 'kubernetes', path: 'kubernetes' }],
    users: [],
    groups: [],
    resourceServers: [
      {
        name: 'corporate-idp',
        issuer: 'https://login.example.com/oauth2/agents',
        keySource: { kind: 'jwks', uri: 'https://login.example.com/oauth2/agents/v1/keys' },
        audiences: ['https://vault.example.com:8200'],
        algorithms: ['ES256', 'PS256'],
        clockSkewLeewaySeconds: 30,
        userClaim: 'sub',
        jwtType: 'access_token',
        authorizationDetails: { kind: 'required' },
        entityAliases: { kind: 'accessor', accessor: 'auth_oauth_0a1b2c3d' },
      },
    ],
    agents: [
      agent('expense', {
        url: 'https://expense.example.com',
        owner: 'finance-platform',
        login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'expense', namespace: 'finance', audience: 'vault' },
        registry: {
          owner: 'finance-platform',
          description: "Serves expense reports; verifies callers' identity tokens through Vault",
          ceiling: { kind: 'derived' },
          authorizationDetails: { kind: 'required' },
          subjects: [{ resourceServer: 'corporate-idp', subject: '0oa8expenseagent' }],
        },
        skills: [{ id: 'expense', actions: ['approve', 'read', 'submit'], public: true }],
      }),
      agent('travel-planner', {
        owner: 'travel-team',
        login: { kind: 'kubernetes', mount: 'kubernetes', serviceAccount: 'travel-planner', namespace: 'travel', audience: 'vault' },
        headless: true,
        registry: {
          owner: 'travel-team',
          description: 'Plans trips and files their expenses',
          ceiling: { kind: 'derived' },
          authorizationDetails: { kind: 'required' },
          subjects: [{ resourceServer: 'corporate-idp', subject: '0oa8travelplanner' }],
        },
        calls: [{ agent: 'expense', grants: [{ skill: 'expense', action: 'submit' }] }],
      }),
    ],
  };
}

/**
 * Mirrors examples/delegation: alice delegates to summarizer, bob to nobody, carol to summarizer
 * and mailer; alice and bob sign in to chat through group staff, carol directly; alice alone
 * also uses portal. chat calls docs and mail too, so its users can obtain what the actors use.
 */
export function delegation(): NormalizedTopology {
  const k8s = (serviceAccount: string, namespace: string) => ({ kind: 'kubernetes' as const, mount: 'kubernetes', serviceAccount, namespace, audience: 'vault' });
  return {
    name: 'delegation',
    vault: { address: 'https://vault.example.com:8200' },
    ttl: TTL,
    mounts: [
      { name: 'kubernetes', type: 'kubernetes', path: 'kubernetes' },
      { name: 'userpass', type: 'userpass', path: 'userpass' },
    ],
    users: [
      { name: 'alice', mount: 'userpass', alias: 'alice', groups: ['staff'] },
      { name: 'bob', mount: 'userpass', alias: 'bob', groups: ['staff'] },
      { name: 'carol', mount: 'userpass', alias: 'carol', groups: [] },
    ],
    groups: [{ name: 'staff', description: 'Employees' }],
    agents: [
      agent('chat', {
        description: 'The chat app users sign in to; it hands their ID token to the actors.',
        login: k8s('chat', 'apps'),
        oidc: { redirectUris: ['https://chat.example.com/callback'], members: { users: ['carol'], groups: ['staff'] } },
        calls: [
          { agent: 'docs', grants: [{ skill: 'documents', action: 'read' }] },
          { agent: 'mail', grants: [{ skill: 'mail', action: 'send' }] },
          { agent: 'summarizer', grants: [{ skill: 'summarize', action: 'run' }] },
        ],
      }),
      agent('docs', {
        url: 'https://docs.example.com',
        skills: [{ id: 'documents', actions: ['read'], description: "Reads a user's documents", public: true }],
      }),
      agent('mail', {
        url: 'https://mail.example.com',
        skills: [{ id: 'mail', actions: ['send'], description: 'Sends mail as the user', public: true }],
      }),
      agent('mailer', {
        description: "Sends mail on a user's behalf.",
        login: k8s('mailer', 'agents'),
        headless: true,
        calls: [{ agent: 'mail', grants: [{ skill: 'mail', action: 'send' }] }],
        actsFor: { users: ['carol'], groups: [] },
      }),
      agent('portal', {
        description: 'A second sign-in app, for alice only.',
        login: k8s('portal', 'apps'),
        oidc: { redirectUris: ['https://portal.example.com/callback'], members: { users: ['alice'], groups: [] } },
      }),
      agent('summarizer', {
        description: "Summarizes a user's documents on their behalf.",
        url: 'https://summarizer.example.com',
        skills: [{ id: 'summarize', actions: ['run'], public: true }],
        login: k8s('summarizer', 'agents'),
        headless: true,
        calls: [{ agent: 'docs', grants: [{ skill: 'documents', action: 'read' }] }],
        actsFor: { users: ['alice', 'carol'], groups: [] },
      }),
    ],
    tokenExchange: { mount: 'identity-delegation', plugin: 'vault-plugin-identity-delegation', ttlSeconds: 900 },
    // carol delegates to two actors: the list form of may_act (the RFC 8693 form names one party).
    delegation: { mayActForm: 'array' },
  };
}
