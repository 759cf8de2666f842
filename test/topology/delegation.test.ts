/** Delegation in the topology: the example validates, normalizes to the hand-built plan input, and is order-independent. */
import { join, relative } from 'node:path';
import { loadTopologyFile, normalizeTopology, type Topology } from '../../lib/topology';
import { delegation } from '../support/normalized';
import { HEAD, HELLO_SERVER, issuesOf } from './support';

const example = relative(process.cwd(), join(__dirname, '..', '..', 'examples', 'delegation', 'topology.yaml'));

describe('examples/delegation', () => {
  test('loads to exactly the hand-built topology the compiler tests use', () => {
    expect(loadTopologyFile(example)).toEqual(delegation());
  });
});

describe('normalizing actsFor and tokenExchange', () => {
  const base: Topology = {
    version: 1,
    vault: { address: 'https://vault.example.com:8200', namespace: 'team-a' },
    authMounts: { up: { type: 'userpass', path: 'userpass' }, ar: { type: 'approle', path: 'approle' } },
    users: { alice: { mount: 'up', groups: ['staff'] }, bob: { mount: 'up' } },
    groups: { staff: {} },
    agents: {
      docs: { url: 'https://docs.example.com', skills: [{ id: 'documents', actions: ['read'] }] },
      chat: { login: { mount: 'ar' }, oidc: { redirectUris: ['https://chat.example.com/cb'], users: ['group:staff', 'bob'] } },
      sum: { login: { mount: 'ar' }, headless: true, calls: [{ agent: 'docs', grants: ['documents:read'] }], actsFor: ['group:staff', 'bob'] },
    },
    tokenExchange: { mount: 'delegation', plugin: 'vault-plugin-identity-delegation', issuer: 'https://sts.example.com/', ttl: '5m' },
  };

  test('members split into users and groups, sorted; ttl in seconds; issuer verbatim', () => {
    const t = normalizeTopology(base);
    expect(t.agents.find((a) => a.name === 'sum')?.actsFor).toEqual({ users: ['bob'], groups: ['staff'] });
    expect(t.tokenExchange).toEqual({ mount: 'delegation', plugin: 'vault-plugin-identity-delegation', issuer: 'https://sts.example.com/', ttlSeconds: 300 });
  });

  test('list order does not matter', () => {
    const { docs, chat, sum } = base.agents;
    const reordered: Topology = { ...base, agents: { sum: { ...sum, actsFor: ['bob', 'group:staff'] }, chat, docs } };
    expect(JSON.stringify(normalizeTopology(reordered))).toBe(JSON.stringify(normalizeTopology(base)));
  });

  test('an empty actsFor delegates nothing and is dropped; ttl defaults to 15m', () => {
    const t = normalizeTopology({
      ...base,
      agents: { ...base.agents, sum: { ...base.agents.sum, actsFor: [] }, other: { ...base.agents.sum, actsFor: ['bob'] } },
      tokenExchange: { mount: 'delegation', plugin: 'p' },
    });
    expect(t.agents.find((a) => a.name === 'sum')).not.toHaveProperty('actsFor');
    expect(t.tokenExchange).toEqual({ mount: 'delegation', plugin: 'p', ttlSeconds: 900 });
  });
});

describe('every delegation problem of a document at once', () => {
  test('an actor that can neither get tokens nor log in, a user who signs in nowhere, and an engine TTL of 0', () => {
    const text = `${HEAD}agents:
${HELLO_SERVER}  chat:
    login: { mount: ar }
    oidc: { redirectUris: ["https://chat.example.com/cb"], users: [alice] }
  sum:
    url: https://sum.example.com
    skills: [{ id: summarize, actions: [run] }]
    actsFor: [alice, carol]
users:
  alice: { mount: up }
  carol: { mount: up }
tokenExchange: { mount: delegation, plugin: vault-plugin-identity-delegation, ttl: 0 }
`;
    expect(issuesOf(text).map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).toEqual([
      '14:5 agents.sum.login: is required for an actor: its Vault entity id is the may_act sub, and it exchanges tokens with its own Vault login',
      '16:5 agents.sum.actsFor: agent "sum" acts for users but cannot obtain tokens: it has neither headless: true nor oidc',
      '16:22 agents.sum.actsFor[1]: user "carol" signs in through no oidc client agent, so no ID token of theirs could name "sum" in may_act',
      '20:84 tokenExchange.ttl: must be positive (got 0)',
    ]);
  });
});

describe('the may_act form (delegation.mayActForm)', () => {
  const base: Topology = {
    version: 1,
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { up: { type: 'userpass', path: 'userpass' }, ar: { type: 'approle', path: 'approle' } },
    users: { alice: { mount: 'up', groups: ['staff'] }, bob: { mount: 'up' } },
    groups: { staff: {} },
    agents: {
      docs: { url: 'https://docs.example.com', skills: [{ id: 'documents', actions: ['read'] }] },
      chat: { login: { mount: 'ar' }, oidc: { redirectUris: ['https://chat.example.com/cb'], users: ['group:staff', 'bob'] } },
      sum: { login: { mount: 'ar' }, headless: true, calls: [{ agent: 'docs', grants: ['documents:read'] }], actsFor: ['alice'] },
      mailer: { login: { mount: 'ar' }, headless: true, calls: [{ agent: 'docs', grants: ['documents:read'] }], actsFor: ['bob'] },
    },
  };

  test('RFC 8693 by default: one actor per user is fine, and the normalized topology carries no setting', () => {
    expect(normalizeTopology(base)).not.toHaveProperty('delegation');
    expect(normalizeTopology({ ...base, delegation: {} }).delegation).toEqual({ mayActForm: 'rfc8693' });
  });

  test('a user with two actors needs the array form, chosen explicitly; the issue names the user and the fix', () => {
    const two: Topology = { ...base, agents: { ...base.agents, mailer: { ...base.agents.mailer, actsFor: ['bob', 'group:staff'] } } };
    expect(() => normalizeTopology(two)).toThrow(
      'users.alice: "alice" delegates to 2 agents (mailer, sum), but an RFC 8693 may_act claim names one party (delegation.mayActForm is rfc8693 by default). Fix: let one agent act for "alice", or set delegation: { mayActForm: array }',
    );
    expect(normalizeTopology({ ...two, delegation: { mayActForm: 'array' } }).delegation).toEqual({ mayActForm: 'array' });
  });

  test('delegation settings without any actor, and an unknown form, are refused', () => {
    const noActors: Topology = { ...base, agents: { docs: base.agents.docs, chat: base.agents.chat }, delegation: { mayActForm: 'array' } };
    expect(() => normalizeTopology(noActors)).toThrow('delegation: no agent acts for users (actsFor), so no ID token carries may_act');
    expect(() => normalizeTopology({ ...base, delegation: { mayActForm: 'list' as 'array' } })).toThrow('delegation.mayActForm');
  });
});
