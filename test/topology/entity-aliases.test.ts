/**
 * Mapping a resource server's JWTs to agents' entities (issue #13, part 5): the opt-in naming the
 * accessor, and agents' subjects. One mistake per document, one issue at its path and line:column.
 */
import { normalizeTopology } from '../../lib/topology';
import { callHello, doc, expectOneIssue, hello, k8sLogin, type OneMistakeCase } from './support';

const idp = (name: string, aliases?: string): string[] => [
  `  ${name}:`,
  `    issuer: https://${name}.example.com/oauth2`,
  `    jwksUri: https://${name}.example.com/oauth2/keys`,
  '    audiences: [vault]',
  ...(aliases ? [`    entityAliases: ${aliases}`] : []),
];
/** A registered headless agent with the given registry line. */
const agent = (name: string, registry: string, login = k8sLogin): string[] => [`  ${name}:`, '    headless: true', login, `    registry: ${registry}`, callHello];

const cases: OneMistakeCase[] = [
  {
    title: 'a subject at a resource server that did not opt in',
    text: doc('resourceServers:', ...idp('idp'), 'agents:', hello, ...agent('client', '{ subjects: { idp: 0oa1client } }')),
    path: 'agents.client.registry.subjects.idp',
    message: 'resource server "idp" does not map JWTs to entities: it has no entityAliases',
    at: [18, 29],
    fix: "an explicit opt-in: Vault's documentation does not say which accessor it resolves JWTs on",
  },
  {
    title: 'a subject at an unknown resource server',
    text: doc('resourceServers:', ...idp('idp', '{ mountAccessor: auth_jwt_1a2b3c4d }'), 'agents:', hello, ...agent('client', '{ subjects: { ipd: 0oa1client } }')),
    path: 'agents.client.registry.subjects.ipd',
    message: 'unknown resource server "ipd"',
    at: [19, 29],
    fix: 'use one of: idp',
  },
  {
    title: 'the accessor named twice',
    text: doc('resourceServers:', ...idp('idp', '{ mountAccessor: auth_jwt_1a2b3c4d, mount: spiffe }'), 'agents:', hello),
    path: 'resourceServers.idp.entityAliases.mount',
    message: 'mountAccessor and mount are mutually exclusive',
    at: [13, 56],
  },
  {
    title: 'the opt-in naming nothing',
    text: doc('resourceServers:', ...idp('idp', '{}'), 'agents:', hello),
    path: 'resourceServers.idp.entityAliases.mountAccessor',
    message: 'is required (or mount)',
    at: [13, 20],
  },
  {
    title: 'an unknown mount',
    text: doc('resourceServers:', ...idp('idp', '{ mount: spiffy }'), 'agents:', hello),
    path: 'resourceServers.idp.entityAliases.mount',
    message: 'unknown auth mount "spiffy"',
    at: [13, 29],
    fix: 'did you mean "spiffe"?',
  },
  {
    title: 'two issuers on one accessor',
    text: doc('resourceServers:', ...idp('idp', '{ mount: spiffe }'), ...idp('other', '{ mount: spiffe }'), 'agents:', hello),
    path: 'resourceServers.other.entityAliases.mount',
    message: 'resource server "idp" already maps its JWTs on this accessor',
    at: [18, 29],
  },
  {
    title: 'one subject for two agents',
    text: doc(
      'resourceServers:',
      ...idp('idp', '{ mountAccessor: auth_jwt_1a2b3c4d }'),
      'agents:',
      hello,
      ...agent('one', '{ subjects: { idp: 0oa1shared } }'),
      ...agent('two', '{ subjects: { idp: 0oa1shared } }'),
    ),
    path: 'agents.two.registry.subjects.idp',
    message: 'agent "one" already has subject "0oa1shared" at "idp"',
    at: [24, 34],
  },
  {
    title: "the JWT accessor is the agent's own login mount",
    text: doc('resourceServers:', ...idp('idp', '{ mount: spiffe }'), 'agents:', hello, ...agent('client', '{ subjects: { idp: spiffe://example.org/client } }', '    login: { mount: spiffe, subject: "spiffe://example.org/client", audiences: [vault] }')),
    path: 'agents.client.registry.subjects.idp',
    message: 'an entity can have only one alias on a mount',
    at: [19, 29],
  },
];

describe('one mistake, one issue', () => {
  test.each(cases)('$title', expectOneIssue);
});

test('normalized: the accessor (literal or a mount) and the subjects sorted by resource server', () => {
  const server = (issuer: string, entityAliases: object) => ({ issuer, jwksUri: `${issuer}/keys`, audiences: ['vault'], entityAliases });
  const t = normalizeTopology({
    version: 1,
    vault: { address: 'https://vault.example.com' },
    authMounts: { k: { type: 'kubernetes', path: 'kubernetes' }, jwt: { type: 'jwt', path: 'jwt' } },
    resourceServers: { b: server('https://b.example.com', { mount: 'jwt' }), a: server('https://a.example.com', { mountAccessor: 'auth_oauth_1' }) },
    agents: {
      s: { url: 'https://s.example.com', skills: [{ id: 's', actions: ['a'] }] },
      c: { login: { mount: 'k', serviceAccount: 'c', namespace: 'd', audience: 'vault' }, headless: true, calls: [{ agent: 's', grants: ['s:a'] }], registry: { subjects: { b: 'sub-b', a: 'sub-a' } } },
    },
  });
  expect(t.resourceServers?.map((s) => [s.name, s.entityAliases])).toEqual([
    ['a', { kind: 'accessor', accessor: 'auth_oauth_1' }],
    ['b', { kind: 'mount', mount: 'jwt' }],
  ]);
  expect(t.agents.find((a) => a.name === 'c')?.registry?.subjects).toEqual([
    { resourceServer: 'a', subject: 'sub-a' },
    { resourceServer: 'b', subject: 'sub-b' },
  ]);
});
