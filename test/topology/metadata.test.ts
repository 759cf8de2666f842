/** Agent metadata in tokens (issue #13, part 3): one owner per agent, one Vault templates can carry. */
import { normalizeTopology } from '../../lib/topology';
import { callHello, doc, expectOneIssue, hello, k8sLogin, type OneMistakeCase } from './support';

const client = (...extra: string[]): string => ['  client:', '    headless: true', k8sLogin, callHello, ...extra].join('\n');

const cases: OneMistakeCase[] = [
  {
    title: 'an owner with "+", which Vault refuses to substitute (and then drops every claim)',
    text: doc('agents:', hello, client('    owner: "ops+oncall"')),
    path: 'agents.client.owner',
    message: '"ops+oncall" must be one line of text without *, +',
    at: [14, 12],
  },
  {
    title: 'an owner with a quote, which the exchange plugin would write into JSON raw',
    text: doc('agents:', hello, client(`    owner: 'team "blue"'`)),
    path: 'agents.client.owner',
    message: 'must be one line of text without *, +, ", \\, { or }',
    at: [14, 12],
  },
  {
    title: 'two owners',
    text: doc('agents:', hello, client('    owner: travel-team', '    registry: { owner: finance }')),
    path: 'agents.client.owner',
    message: '"travel-team" differs from registry.owner "finance"; an agent has one owner',
    at: [14, 12],
  },
  {
    title: "a registration owner with '*', which the agent's tokens would carry",
    text: doc('agents:', hello, client('    registry: { owner: "team*" }')),
    path: 'agents.client.registry.owner',
    message: '"team*" is also the owner in the agent\'s tokens',
    at: [14, 24],
  },
];

describe('one mistake, one issue', () => {
  test.each(cases)('$title', expectOneIssue);
});

test('the owner is the agent\'s, or its registration\'s; the registration gets the agent\'s when it names none', () => {
  const base = { version: 1 as const, vault: { address: 'https://vault.example.com' }, authMounts: { k: { type: 'kubernetes' as const, path: 'kubernetes' } } };
  const server = { url: 'https://s.example.com', skills: [{ id: 's', actions: ['a'] }] };
  const login = { mount: 'k', serviceAccount: 'c', namespace: 'd', audience: 'vault' };
  const t = normalizeTopology({
    ...base,
    agents: {
      s: server,
      a: { owner: 'travel-team', login, headless: true, calls: [{ agent: 's', grants: ['s:a'] }], registry: {} },
      b: { login, headless: true, calls: [{ agent: 's', grants: ['s:a'] }], registry: { owner: 'finance' } },
    },
  });
  const of = (name: string) => t.agents.find((x) => x.name === name)!;
  expect([of('a').owner, of('a').registry?.owner]).toEqual(['travel-team', 'travel-team']);
  expect([of('b').owner, of('b').registry?.owner]).toEqual(['finance', 'finance']);
  expect(of('s')).not.toHaveProperty('owner');
});
