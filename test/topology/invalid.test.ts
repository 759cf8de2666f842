/**
 * One mistake per document: each must produce exactly one issue, at the exact path and
 * line:column, with a message that says what is wrong. Documents start with HEAD (7 lines), so
 * body line i (1-based) is document line 7 + i.
 */
import { callHello, describeIssues, doc, hello, issuesOf, k8sLogin } from './support';

/** Delegation pieces: a sign-in client for alice and bob (lines 10-13 after hello), an actor (5 lines), users (3 lines). */
const chat = ['  chat:', k8sLogin, '    oidc: { redirectUris: ["https://chat.example.com/cb"], users: [alice, bob] }', callHello].join('\n');
const actor = (actsFor: string): string => ['  sum:', '    headless: true', k8sLogin, callHello, `    actsFor: ${actsFor}`].join('\n');
const USERS = ['users:', '  alice: { mount: up }', '  bob: { mount: up }'].join('\n');
const EXCHANGE = 'tokenExchange: { mount: identity-delegation, plugin: vault-plugin-identity-delegation }';

interface Case {
  readonly title: string;
  readonly text: string;
  readonly path: string;
  readonly message: string;
  readonly at: readonly [line: number, column: number];
  readonly fix?: string;
}

const cases: Case[] = [
  {
    title: 'YAML syntax error (flow sequence closed with "}")',
    text: doc('agents:', '  a: [1, 2}'),
    path: 'agents.a',
    message: 'syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    at: [9, 11],
  },
  {
    title: 'duplicate key',
    text: doc('agents:', hello, hello),
    path: 'agents.hello-world',
    message: 'duplicate key "hello-world" (first defined at line 9)',
    at: [10, 3],
  },
  {
    title: 'unknown field with did-you-mean',
    text: doc('agents:', hello, '  client:', k8sLogin, '    oidc: { redirectUri: ["https://app.example.com/cb"], users: [alice] }', callHello, 'users:', '  alice: { mount: up }'),
    path: 'agents.client.oidc.redirectUri',
    message: 'unknown field "redirectUri"',
    at: [12, 13],
    fix: 'did you mean "redirectUris"?',
  },
  {
    title: 'missing vault.address',
    text: `version: 1\nvault: { namespace: team-a }\nagents:\n${hello}\n`,
    path: 'vault.address',
    message: 'is required',
    at: [2, 8],
    fix: 'add "address": Vault address',
  },
  {
    title: 'agent name with uppercase letters',
    text: doc('agents:', '  Hello: { url: "https://h.example.com", skills: [{ id: s, actions: [a] }] }'),
    path: 'agents.Hello',
    message: 'name "Hello" must be lowercase letters',
    at: [9, 3],
    fix: 'rename it, e.g. to "hello"',
  },
  {
    title: 'user name with a quote',
    text: doc('agents:', hello, 'users:', `  "o'neil": { mount: up }`),
    path: "users.o'neil",
    message: `name "o'neil" must be`,
    at: [11, 3],
    fix: 'rename it, e.g. to "o-neil"',
  },
  {
    title: 'group name with a space',
    text: doc('agents:', hello, 'groups:', '  "team a": {}'),
    path: 'groups.team a',
    message: 'name "team a" must be',
    at: [11, 3],
  },
  {
    title: 'skill id with "*"',
    text: doc('agents:', '  hello-world: { url: "https://h.example.com", skills: [{ id: "hello*", actions: [read] }] }'),
    path: 'agents.hello-world.skills[0].id',
    message: '"hello*" must be lowercase letters, digits and "_"',
    at: [9, 63],
  },
  {
    title: 'mount name with "+"',
    text: doc('  "k+8": { type: kubernetes, path: k8s2 }', 'agents:', hello),
    path: 'authMounts.k+8',
    message: 'name "k+8" must be',
    at: [8, 3],
  },
  {
    title: 'agent name with a newline',
    text: doc('agents:', hello, '  "bad\\nname": { url: "https://b.example.com", skills: [{ id: s, actions: [a] }] }'),
    path: 'agents.bad\nname',
    message: 'name "bad\\nname" must be',
    at: [10, 3],
  },
  {
    title: 'mount path with a glob',
    text: doc('  more: { type: approle, path: "approle/*" }', 'agents:', hello),
    path: 'authMounts.more.path',
    message: '"approle/*" must be a mount path',
    at: [8, 32],
  },
  {
    title: 'grant not "<skill>:<action>"',
    text: doc('agents:', hello, '  client:', '    headless: true', k8sLogin, '    calls: [{ agent: hello-world, grants: [hello_world] }]'),
    path: 'agents.client.calls[0].grants[0]',
    message: '"hello_world" must be "<skill>:<action>"',
    at: [13, 44],
  },
  {
    title: 'unknown agent',
    text: doc('agents:', hello, '  client:', '    headless: true', k8sLogin, '    calls: [{ agent: hello-wrld, grants: ["hello_world:read"] }]'),
    path: 'agents.client.calls[0].agent',
    message: 'unknown agent "hello-wrld"',
    at: [13, 22],
    fix: 'use one of: hello-world',
  },
  {
    title: 'unknown skill',
    text: doc('agents:', hello, '  client:', '    headless: true', k8sLogin, '    calls: [{ agent: hello-world, grants: ["helo_world:read"] }]'),
    path: 'agents.client.calls[0].grants[0]',
    message: 'agent "hello-world" has no skill "helo_world" (its skills: hello_world)',
    at: [13, 44],
    fix: 'did you mean "hello_world:read"? Use one of: hello_world:read, hello_world:write',
  },
  {
    title: 'unknown action',
    text: doc('agents:', hello, '  client:', '    headless: true', k8sLogin, '    calls: [{ agent: hello-world, grants: ["hello_world:delete"] }]'),
    path: 'agents.client.calls[0].grants[0]',
    message: 'skill "hello_world" of agent "hello-world" has no action "delete" (its actions: read, write)',
    at: [13, 44],
  },
  {
    title: 'unknown user in oidc.users',
    text: doc('agents:', hello, '  client:', k8sLogin, '    oidc: { redirectUris: ["https://app.example.com/cb"], users: [alise] }', callHello, 'users:', '  alice: { mount: up }'),
    path: 'agents.client.oidc.users[0]',
    message: 'unknown user "alise"',
    at: [12, 67],
    fix: 'use one of: alice',
  },
  {
    title: 'unknown group in users.groups',
    text: doc('agents:', hello, 'users:', '  alice: { mount: up, groups: [admins] }'),
    path: 'users.alice.groups[0]',
    message: 'unknown group "admins"',
    at: [11, 32],
    fix: 'add groups.admins',
  },
  {
    title: 'unknown group in oidc.users',
    text: doc('agents:', hello, '  client:', k8sLogin, '    oidc: { redirectUris: ["https://app.example.com/cb"], users: ["group:ops"] }', callHello, 'groups:', '  admins: {}'),
    path: 'agents.client.oidc.users[0]',
    message: 'unknown group "ops"',
    at: [12, 67],
    fix: 'use one of: group:admins',
  },
  {
    title: 'unknown mount in login',
    text: doc('agents:', hello, '  client:', '    headless: true', '    login: { mount: kubernets, serviceAccount: c, namespace: default }', callHello),
    path: 'agents.client.login.mount',
    message: 'unknown auth mount "kubernets"',
    at: [12, 21],
  },
  {
    title: 'unknown mount for a user',
    text: doc('agents:', hello, 'users:', '  alice: { mount: ldap }'),
    path: 'users.alice.mount',
    message: 'unknown auth mount "ldap"',
    at: [11, 19],
    fix: 'use one of: up',
  },
  {
    title: 'login on a userpass mount',
    text: doc('agents:', hello, '  client:', '    headless: true', '    login: { mount: up }', callHello),
    path: 'agents.client.login.mount',
    message: 'auth mount "up" is a userpass mount; agents log in with a kubernetes, jwt or approle mount',
    at: [12, 21],
  },
  {
    title: 'user on a kubernetes mount',
    text: doc('agents:', hello, 'users:', '  alice: { mount: k8s }'),
    path: 'users.alice.mount',
    message: 'auth mount "k8s" is a kubernetes mount; users sign in with a userpass or oidc mount',
    at: [11, 19],
  },
  {
    title: 'kubernetes login without serviceAccount',
    text: doc('agents:', hello, '  client:', '    headless: true', '    login: { mount: k8s, namespace: default }', callHello),
    path: 'agents.client.login.serviceAccount',
    message: 'is required for a kubernetes login (mount "k8s")',
    at: [12, 12],
  },
  {
    title: 'kubernetes login with a subject',
    text: doc('agents:', hello, '  client:', '    headless: true', '    login: { mount: k8s, serviceAccount: c, namespace: default, subject: "spiffe://x/c" }', callHello),
    path: 'agents.client.login.subject',
    message: 'is not allowed for a kubernetes login',
    at: [12, 65],
  },
  {
    title: 'jwt login without audiences',
    text: doc('agents:', hello, '  client:', '    headless: true', '    login: { mount: spiffe, subject: "spiffe://example.org/client" }', callHello),
    path: 'agents.client.login.audiences',
    message: 'is required for a jwt login (mount "spiffe")',
    at: [12, 12],
  },
  {
    title: 'jwt login with empty audiences',
    text: doc('agents:', hello, '  client:', '    headless: true', '    login: { mount: spiffe, subject: "spiffe://example.org/client", audiences: [] }', callHello),
    path: 'agents.client.login.audiences',
    message: 'must not be empty for a jwt login',
    at: [12, 80],
  },
  {
    title: 'approle login with a service account',
    text: doc('agents:', hello, '  client:', '    headless: true', '    login: { mount: ar, serviceAccount: client }', callHello),
    path: 'agents.client.login.serviceAccount',
    message: 'is not allowed for a approle login',
    at: [12, 25],
  },
  {
    title: 'TTL of 25h',
    text: doc('defaults: { accessTokenTtl: 25h }', 'agents:', hello),
    path: 'defaults.accessTokenTtl',
    message: '"25h" is longer than the 24h maximum',
    at: [8, 29],
  },
  {
    title: 'TTL of 0',
    text: doc('defaults: { identityTokenTtl: 0 }', 'agents:', hello),
    path: 'defaults.identityTokenTtl',
    message: 'must be positive (got 0)',
    at: [8, 31],
  },
  {
    title: 'malformed TTL',
    text: doc('defaults: { loginTokenTtl: "15 minutes" }', 'agents:', hello),
    path: 'defaults.loginTokenTtl',
    message: '"15 minutes" must be a duration',
    at: [8, 28],
  },
  {
    title: 'fractional TTL',
    text: doc('defaults: { idTokenTtl: 1.5 }', 'agents:', hello),
    path: 'defaults.idTokenTtl',
    message: '1.5 is not a duration',
    at: [8, 25],
  },
  {
    title: 'wildcard redirect URI',
    text: doc('agents:', hello, '  client:', k8sLogin, '    oidc: { redirectUris: ["https://*.example.com/cb"], users: [alice] }', callHello, 'users:', '  alice: { mount: up }'),
    path: 'agents.client.oidc.redirectUris[0]',
    message: '"https://*.example.com/cb" contains "*"',
    at: [12, 28],
  },
  {
    title: 'plain http redirect to a non-loopback host',
    text: doc('agents:', hello, '  client:', k8sLogin, '    oidc: { redirectUris: ["http://app.example.com/cb"], users: [alice] }', callHello, 'users:', '  alice: { mount: up }'),
    path: 'agents.client.oidc.redirectUris[0]',
    message: 'uses plain http for a host that is not loopback',
    at: [12, 28],
    fix: 'RFC 8252',
  },
  {
    title: 'redirect URI with a fragment',
    text: doc('agents:', hello, '  client:', k8sLogin, '    oidc: { redirectUris: ["https://app.example.com/cb#x"], users: [alice] }', callHello, 'users:', '  alice: { mount: up }'),
    path: 'agents.client.oidc.redirectUris[0]',
    message: 'has a fragment',
    at: [12, 28],
  },
  {
    title: 'http Vault address',
    text: `version: 1\nvault:\n  address: http://vault.example.com:8200\nagents:\n${hello}\n`,
    path: 'vault.address',
    message: 'must use https',
    at: [3, 12],
  },
  {
    title: 'Vault address with a path',
    text: `version: 1\nvault:\n  address: https://vault.example.com:8200/v1\nagents:\n${hello}\n`,
    path: 'vault.address',
    message: 'must not have a path (got "/v1")',
    at: [3, 12],
  },
  {
    title: 'Vault address with credentials',
    text: `version: 1\nvault:\n  address: https://admin:secret@vault.example.com\nagents:\n${hello}\n`,
    path: 'vault.address',
    message: 'contains a user name or password',
    at: [3, 12],
  },
  {
    title: 'server agent URL that is not absolute',
    text: doc('agents:', '  hello-world: { url: "hello.example.com", skills: [{ id: hello_world, actions: [read] }] }'),
    path: 'agents.hello-world.url',
    message: '"hello.example.com" is not an absolute URL',
    at: [9, 23],
  },
  {
    title: 'reserved agent name',
    text: doc('agents:', '  default: { url: "https://d.example.com", skills: [{ id: s, actions: [a] }] }'),
    path: 'agents.default',
    message: 'name "default" is reserved',
    at: [9, 3],
  },
  {
    title: 'reserved user name',
    text: doc('agents:', hello, 'users:', '  root: { mount: up }'),
    path: 'users.root',
    message: 'name "root" is reserved',
    at: [11, 3],
  },
  {
    title: 'a user and an agent with the same name',
    text: doc('agents:', hello, 'users:', '  hello-world: { mount: up }'),
    path: 'users.hello-world',
    message: '"hello-world" names both a user and an agent',
    at: [11, 3],
  },
  {
    title: 'calls without oidc or headless',
    text: doc('agents:', hello, '  client:', k8sLogin, callHello),
    path: 'agents.client.calls',
    message: 'has neither oidc nor headless: true',
    at: [12, 5],
  },
  {
    title: 'calls without login',
    text: doc('agents:', hello, '  client:', '    headless: true', callHello),
    path: 'agents.client.login',
    message: 'is required: a client agent logs in to Vault',
    at: [11, 5],
    fix: 'add "login" with one of the mounts: ar, k8s, spiffe',
  },
  {
    title: 'oidc client without login',
    text: doc('agents:', hello, '  client:', '    oidc: { redirectUris: ["https://c.example.com/cb"], users: [alice] }', 'users:', '  alice: { mount: up }'),
    path: 'agents.client.login',
    message: 'is required: a client agent logs in to Vault',
    at: [11, 5],
  },
  {
    title: 'headless without calls',
    text: doc('agents:', '  hello-world: { url: "https://h.example.com", headless: true, skills: [{ id: s, actions: [a] }] }'),
    path: 'agents.hello-world.headless',
    message: 'headless: true, but the agent calls no other agent',
    at: [9, 58],
  },
  {
    title: 'an agent that does nothing',
    text: doc('agents:', hello, '  idle: { description: "does nothing" }'),
    path: 'agents.idle',
    message: 'agent "idle" does nothing',
    at: [10, 3],
  },
  {
    title: 'server agent without url',
    text: doc('agents:', '  hello-world: { skills: [{ id: s, actions: [a] }] }'),
    path: 'agents.hello-world.url',
    message: 'is required for a server agent',
    at: [9, 16],
  },
  {
    title: 'duplicate skill id',
    text: doc('agents:', '  h: { url: "https://h.example.com", skills: [{ id: s, actions: [a] }, { id: s, actions: [b] }] }'),
    path: 'agents.h.skills[1].id',
    message: 'duplicate skill id "s" (also skills[0])',
    at: [9, 78],
  },
  {
    title: 'an agent calling itself',
    text: doc('agents:', '  hello-world:', '    url: https://h.example.com', '    skills: [{ id: hello_world, actions: [read] }]', '    headless: true', k8sLogin, callHello),
    path: 'agents.hello-world.calls[0].agent',
    message: 'an agent cannot call itself',
    at: [14, 22],
  },
  {
    title: 'calling an agent that serves no skills',
    text: doc('agents:', hello, '  other:', '    headless: true', k8sLogin, '    calls: [{ agent: client, grants: ["x:y"] }]', '  client:', '    headless: true', k8sLogin, callHello),
    path: 'agents.other.calls[0].agent',
    message: 'agent "client" serves no skills, so it cannot be called',
    at: [13, 22],
    fix: 'use one of: hello-world',
  },
  {
    title: 'duplicate member in oidc.users',
    text: doc('agents:', hello, '  client:', k8sLogin, '    oidc: { redirectUris: ["https://app.example.com/cb"], users: [alice, alice] }', callHello, 'users:', '  alice: { mount: up }'),
    path: 'agents.client.oidc.users[1]',
    message: '"alice" is listed twice (also [0])',
    at: [12, 74],
  },
  {
    title: 'wrong value type',
    text: doc('agents:', hello, '  client:', '    headless: "yes"', k8sLogin, callHello),
    path: 'agents.client.headless',
    message: 'must be true or false (got "yes")',
    at: [11, 15],
  },
  {
    title: 'missing version',
    text: `vault: { address: "https://vault.example.com" }\nagents:\n${hello}\n`,
    path: 'version',
    message: 'is required',
    at: [1, 1],
    fix: 'add "version: 1"',
  },
  {
    title: 'unsupported version',
    text: `version: 2\nvault: { address: "https://vault.example.com" }\nagents:\n${hello}\n`,
    path: 'version',
    message: 'must be 1 (got 2)',
    at: [1, 10],
  },
  {
    title: 'unknown auth mount type with did-you-mean',
    text: doc('  ldap: { type: userpas, path: ldap }', 'agents:', hello),
    path: 'authMounts.ldap.type',
    message: 'must be one of kubernetes, jwt, approle, userpass, oidc (got "userpas")',
    at: [8, 17],
    fix: 'did you mean "userpass"?',
  },
  {
    title: 'two auth mounts with the same path',
    text: doc('  k8s-again: { type: kubernetes, path: kubernetes }', 'agents:', hello),
    path: 'authMounts.k8s-again.path',
    message: 'auth mount "k8s" already has path "kubernetes"',
    at: [8, 40],
  },
  // Delegation (RFC 8693): actsFor and tokenExchange.
  {
    title: 'unknown user in actsFor',
    text: doc('agents:', hello, chat, actor('[alise]'), USERS),
    path: 'agents.sum.actsFor[0]',
    message: 'unknown user "alise"',
    at: [18, 15],
    fix: 'did you mean "alice"?',
  },
  {
    title: 'unknown group in actsFor',
    text: doc('agents:', hello, chat, actor('["group:ops"]'), USERS),
    path: 'agents.sum.actsFor[0]',
    message: 'unknown group "ops"',
    at: [18, 15],
  },
  {
    title: 'actsFor a user who signs in through no oidc client',
    text: doc('agents:', hello, chat, actor('[carol]'), USERS, '  carol: { mount: up }'),
    path: 'agents.sum.actsFor[0]',
    message: 'user "carol" signs in through no oidc client agent, so no ID token of theirs could name "sum" in may_act',
    at: [18, 15],
    fix: 'oidc.users',
  },
  {
    title: 'actsFor a group none of whose members signs in',
    text: doc('agents:', hello, chat, actor('["group:ops"]'), USERS, '  carol: { mount: up, groups: [ops] }', 'groups:', '  ops: {}'),
    path: 'agents.sum.actsFor[0]',
    message: 'no member of group "ops" (carol) signs in through an oidc client agent',
    at: [18, 15],
  },
  {
    title: 'actsFor an empty group',
    text: doc('agents:', hello, chat, actor('["group:ops"]'), USERS, 'groups:', '  ops: {}'),
    path: 'agents.sum.actsFor[0]',
    message: 'group "ops" has no members, so "sum" would act for nobody',
    at: [18, 15],
  },
  {
    title: 'a user listed twice in actsFor',
    text: doc('agents:', hello, chat, actor('[alice, alice]'), USERS),
    path: 'agents.sum.actsFor[1]',
    message: '"alice" is listed twice (also [0])',
    at: [18, 22],
  },
  {
    title: 'actsFor entry that is not a name',
    text: doc('agents:', hello, chat, actor('["Alice"]'), USERS),
    path: 'agents.sum.actsFor[0]',
    message: '"Alice" must be a user name or "group:<group>"',
    at: [18, 15],
  },
  {
    title: 'a server agent acting for users without a way to get tokens',
    text: doc('agents:', hello, chat, '  sum:', '    url: https://sum.example.com', '    skills: [{ id: summarize, actions: [run] }]', k8sLogin, '    actsFor: [alice]', USERS),
    path: 'agents.sum.actsFor',
    message: 'acts for users but cannot obtain tokens',
    at: [18, 5],
    fix: 'headless: true',
  },
  {
    title: 'an oidc agent acting for users without calls',
    text: doc('agents:', hello, chat, '  sum:', k8sLogin, '    oidc: { redirectUris: ["https://sum.example.com/cb"], users: [bob] }', '    actsFor: [alice]', USERS),
    path: 'agents.sum.actsFor',
    message: 'acts for users but calls no agent, so a delegated token would grant nothing',
    at: [17, 5],
  },
  {
    title: 'tokenExchange without any actor',
    text: doc('agents:', hello, chat, USERS, EXCHANGE),
    path: 'tokenExchange',
    message: 'no agent acts for users (actsFor)',
    at: [17, 1],
  },
  {
    title: 'tokenExchange mounted under sys/',
    text: doc('agents:', hello, chat, actor('[alice]'), USERS, 'tokenExchange: { mount: sys/delegation, plugin: vault-plugin-identity-delegation }'),
    path: 'tokenExchange.mount',
    message: '"sys/delegation" is under "sys/", which Vault reserves',
    at: [22, 25],
  },
  {
    title: 'tokenExchange TTL of 2 days',
    text: doc('agents:', hello, chat, actor('[alice]'), USERS, `${EXCHANGE.slice(0, -2)}, ttl: 48h }`),
    path: 'tokenExchange.ttl',
    message: '"48h" is longer than the 24h maximum',
    at: [22, 93],
  },
  {
    title: 'tokenExchange issuer that is not a URL',
    text: doc('agents:', hello, chat, actor('[alice]'), USERS, `${EXCHANGE.slice(0, -2)}, issuer: delegation.example.com }`),
    path: 'tokenExchange.issuer',
    message: '"delegation.example.com" is not an absolute URL',
    at: [22, 96],
  },
  {
    title: 'tokenExchange plugin name with a space',
    text: doc('agents:', hello, chat, actor('[alice]'), USERS, 'tokenExchange: { mount: identity-delegation, plugin: "identity delegation" }'),
    path: 'tokenExchange.plugin',
    message: "must be a plugin name as registered in Vault's plugin catalog",
    at: [22, 54],
  },
  {
    title: 'empty document',
    text: '# nothing yet\n',
    path: '',
    message: 'the topology is empty',
    at: [1, 1],
  },
  {
    title: 'two YAML documents in one file',
    text: doc('agents:', hello, '---', 'version: 1'),
    path: '',
    message: 'syntax error',
    at: [10, 1],
    fix: 'keep one topology per file',
  },
];

describe('one mistake, one issue', () => {
  test('there are at least 25 distinct cases', () => {
    expect(new Set(cases.map((c) => c.title)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  test.each(cases)('$title', ({ text, path, message, at, fix }) => {
    const issues = issuesOf(text, 'examples/x.yaml');
    if (issues.length !== 1) throw new Error(`expected exactly one issue, got:\n${describeIssues(issues)}`);
    const [issue] = issues;
    expect(issue.file).toBe('examples/x.yaml');
    expect(issue.path).toBe(path);
    expect(issue.message).toContain(message);
    expect([issue.line, issue.column]).toEqual(at);
    expect(issue.fix.length).toBeGreaterThan(0);
    if (fix !== undefined) expect(issue.fix).toContain(fix);
  });
});
