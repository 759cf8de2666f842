/**
 * How schema and reference checks work together: one mistake, one report; broken subtrees do
 * not crash the reference checks; TypeScript objects get paths without positions.
 */
import { normalizeTopology, parseTopologyText, TopologyValidationError, type Topology } from '../../lib/topology';
import { HEAD, HELLO_SERVER, issuesOf } from './support';

const where = (text: string): string[] => issuesOf(text).map((i) => `${i.path}: ${i.message}`);

describe('schema and reference issues together', () => {
  test('a misspelt required field is one issue (unknown field), not also "is required"', () => {
    const issues = issuesOf(`version: 1\nvault: { adress: "https://v.example.com" }\nagents:\n${HELLO_SERVER}`);
    expect(issues.map((i) => i.path)).toEqual(['vault.adress']);
    expect(issues[0].fix).toContain('did you mean "address"?');
  });

  test('a reference that already fails the name pattern is not also "unknown"', () => {
    const text = `${HEAD}agents:\n${HELLO_SERVER}  c:\n    headless: true\n    login: { mount: ar }\n    calls: [{ agent: "Hello World", grants: ["hello_world:read"] }]\n`;
    expect(where(text)).toEqual(['agents.c.calls[0].agent: "Hello World" must be lowercase letters, digits, "-" and "_", starting with a letter, not ending with "-", at most 63 characters']);
  });

  test('the value under a badly named agent is still checked', () => {
    const text = `${HEAD}agents:\n${HELLO_SERVER}  Client:\n    headless: true\n    login: { mount: ar }\n    calls: [{ agent: hello-world, grants: ["hello_world:delete"] }]\n`;
    expect(where(text).map((w) => w.split(':')[0])).toEqual(['agents.Client', 'agents.Client.calls[0].grants[0]']);
  });

  test('subtrees of the wrong type do not crash reference checks', () => {
    const text = `${HEAD}users: [alice]\ngroups: 3\nagents:\n  a: 5\n  b: { calls: 7, skills: "x", login: [], oidc: { users: "all" } }\n  c: { headless: true, login: { mount: ar }, calls: [{ agent: a, grants: ["s:a"] }, 9] }\n`;
    // Reading order (line, then column); the missing redirectUris points at the oidc map.
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual([
      'users',
      'groups',
      'agents.a',
      'agents.b.calls',
      'agents.b.skills',
      'agents.b.login',
      'agents.b.oidc.redirectUris',
      'agents.b.oidc.users',
      'agents.c.calls[1]',
    ]);
  });

  test('a call to an agent whose skills failed the schema is not guessed at', () => {
    const text = `${HEAD}agents:\n  s: { url: "https://s.example.com", skills: [{ id: Bad, actions: [read] }] }\n  c: { headless: true, login: { mount: ar }, calls: [{ agent: s, grants: ["bad:read"] }] }\n`;
    expect(issuesOf(text).map((i) => i.path)).toEqual(['agents.s.skills[0].id']);
  });

  test('names that exist on Object.prototype are not mistaken for defined agents', () => {
    const text = `${HEAD}agents:\n${HELLO_SERVER}  c: { headless: true, login: { mount: ar }, calls: [{ agent: constructor, grants: ["x:y"] }] }\n`;
    expect(where(text)).toEqual(['agents.c.calls[0].agent: unknown agent "constructor"']);
  });
});

describe('normalizeTopology (TypeScript objects)', () => {
  const server = { url: 'https://h.example.com', skills: [{ id: 'hello_world', actions: ['read'] }] };

  test('normalizes a valid object', () => {
    const topology: Topology = {
      version: 1,
      vault: { address: 'https://vault.example.com/' },
      authMounts: { ar: { type: 'approle', path: 'approle' } },
      agents: {
        'hello-world': server,
        client: { headless: true, login: { mount: 'ar' }, calls: [{ agent: 'hello-world', grants: ['hello_world:read'] }] },
      },
    };
    const normalized = normalizeTopology(topology);
    expect(normalized.vault.address).toBe('https://vault.example.com');
    expect(normalized.agents.map((a) => a.name)).toEqual(['client', 'hello-world']);
  });

  test('throws every issue with paths and no positions', () => {
    const topology = {
      version: 1,
      vault: { address: 'http://vault.example.com' },
      agents: { 'hello-world': server, client: { headless: true, calls: [{ agent: 'hello', grants: ['hello_world:read'] }] } },
    } as const;
    let caught: unknown;
    try {
      normalizeTopology(topology as unknown as Topology);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TopologyValidationError);
    const { issues, message } = caught as TopologyValidationError;
    expect(issues.map((i) => i.path)).toEqual(['vault.address', 'agents.client.login', 'agents.client.calls[0].agent']);
    expect(issues.every((i) => i.file === undefined && i.line === undefined)).toBe(true);
    expect(message.split('\n')[0]).toBe(
      'vault.address: must use https (got "http://vault.example.com"). Fix: use https, e.g. https://vault.example.com:8200: tokens and client secrets travel over this connection ' +
        '(plain http is accepted only on loopback, 127.0.0.0/8, [::1] or localhost, for tests and local development).',
    );
  });

  test('refuses a non-object without crashing', () => {
    expect(() => normalizeTopology(null as unknown as Topology)).toThrow('the topology is empty');
    expect(() => normalizeTopology([] as unknown as Topology)).toThrow('the topology must be a map (got a list)');
  });
});

describe('only plain data', () => {
  test('a "__proto__" key is refused (zod would drop it silently)', () => {
    const text = '{"version": 1, "vault": {"address": "https://v.example.com"},\n "agents": {"__proto__": {"url": "https://a.example.com", "skills": [{"id": "s", "actions": ["a"]}]}}}';
    expect(issuesOf(text).map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).toEqual(['2:13 agents.__proto__: "__proto__" cannot be used as a key']);
  });

  test.each(['!!binary aGVsbG8=', '!!set { x }', '!!timestamp 2001-12-14'])('YAML 1.1 tag %s is refused', (value) => {
    const issues = issuesOf(`${HEAD}agents:\n  a: ${value}\n`);
    expect(issues.map((i) => `${i.line}:${i.column} ${i.path}`)).toEqual(['9:6 agents.a']);
    expect(issues[0].message).toContain('Unresolved tag');
    expect(issues[0].fix).toContain('remove the "!" tag');
  });

  test('TypeScript objects that are not plain data are refused without crashing', () => {
    const cyclic: Record<string, unknown> = { version: 1, vault: { address: 'https://v.example.com' } };
    cyclic.agents = { a: cyclic };
    expect(() => normalizeTopology(cyclic as unknown as Topology)).toThrow('agents.a: refers back to itself (a cycle)');
    const withMap = { version: 1, vault: { address: 'https://v.example.com' }, agents: { a: new Map() } };
    expect(() => normalizeTopology(withMap as unknown as Topology)).toThrow('agents.a: must be a map or a list (got a Map)');
  });
});

describe('kubernetes login audience', () => {
  const text = (login: string) => `version: 1
vault: { address: https://vault.example.com }
authMounts: { k8s: { type: kubernetes, path: kubernetes }, sp: { type: jwt, path: jwt } }
agents:
  srv: { url: "https://srv.example.com", skills: [{ id: s, actions: [a] }] }
  chat:
    login: ${login}
    headless: true
    calls: [{ agent: srv, grants: ["s:a"] }]
`;

  test('allowed on a kubernetes login, normalized, and without it a warning (never an error)', () => {
    const withAudience = parseTopologyText(text('{ mount: k8s, serviceAccount: chat, namespace: apps, audience: vault }'), 'a.yaml');
    expect(withAudience.ok && withAudience.warnings).toEqual([]);
    expect(withAudience.ok && withAudience.topology.agents.find((a) => a.name === 'chat')?.login).toEqual({
      kind: 'kubernetes', mount: 'k8s', serviceAccount: 'chat', namespace: 'apps', audience: 'vault',
    });
    const without = parseTopologyText(text('{ mount: k8s, serviceAccount: chat, namespace: apps }'), 'a.yaml');
    expect(without.ok && without.warnings.map((w) => `${w.line}:${w.column} ${w.path}: ${w.message}`)).toEqual([
      '7:5 agents.chat.login: kubernetes login without "audience": Vault accepts a token of apps/chat issued for any audience, and warns on every write of the role',
    ]);
  });

  test('not allowed on a jwt login (which binds audiences)', () => {
    const r = parseTopologyText(text('{ mount: sp, subject: "spiffe://x/chat", audiences: [vault], audience: vault }'), 'a.yaml');
    expect(!r.ok && r.issues.map((i) => `${i.path}: ${i.message}. ${i.fix}`)).toEqual([
      'agents.chat.login.audience: is not allowed for a jwt login (mount "sp"). remove it: jwt logins are bound by subject and audiences',
    ]);
  });
});
