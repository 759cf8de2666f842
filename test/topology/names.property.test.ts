/**
 * Names end up in Vault object names, ACL paths and claim templates. Whatever a user writes,
 * a name containing a quote, newline, glob, slash, brace or space must never validate, wherever
 * a name appears. Each case renames one thing consistently (definition and references), so the
 * only possible failure is the name rule itself; the control property shows the same renaming
 * with a good name validates.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseTopologyText } from '../../lib/topology';

/** Test documents are edited in place by path; `any` keeps those edits short. */
type Doc = Record<string, any>;

function base(): Doc {
  return {
    version: 1,
    vault: { address: 'https://vault.example.com' },
    authMounts: { k8s: { type: 'kubernetes', path: 'kubernetes' }, up: { type: 'userpass', path: 'userpass' } },
    users: { alice: { mount: 'up', groups: ['ops'] } },
    groups: { ops: {} },
    agents: {
      server: { url: 'https://s.example.com', skills: [{ id: 'greet', actions: ['read'] }] },
      client: {
        login: { mount: 'k8s', serviceAccount: 'client', namespace: 'default' },
        oidc: { redirectUris: ['https://app.example.com/cb'], users: ['alice', 'group:ops'] },
        calls: [{ agent: 'server', grants: ['greet:read'] }],
      },
    },
  };
}

function renameKey(map: Doc, from: string, to: string): void {
  map[to] = map[from];
  delete map[from];
}

interface Place {
  readonly where: string;
  /** Characters that are legitimate here after all ("/" separates mount path segments). */
  readonly separators?: string;
  /** Puts `name` in this place (and its references); returns the path the issue must have. */
  readonly put: (doc: Doc, name: string) => string;
}

const PLACES: Place[] = [
  {
    where: 'agent key',
    put: (d, n) => {
      renameKey(d.agents, 'server', n);
      d.agents.client.calls[0].agent = n;
      return `agents.${n}`;
    },
  },
  {
    where: 'user key',
    put: (d, n) => {
      renameKey(d.users, 'alice', n);
      d.agents.client.oidc.users[0] = n;
      return `users.${n}`;
    },
  },
  {
    where: 'group key',
    put: (d, n) => {
      renameKey(d.groups, 'ops', n);
      d.users.alice.groups[0] = n;
      d.agents.client.oidc.users[1] = `group:${n}`;
      return `groups.${n}`;
    },
  },
  {
    where: 'skill id',
    put: (d, n) => {
      d.agents.server.skills[0].id = n;
      d.agents.client.calls[0].grants[0] = `${n}:read`;
      return 'agents.server.skills[0].id';
    },
  },
  {
    where: 'action',
    put: (d, n) => {
      d.agents.server.skills[0].actions[0] = n;
      d.agents.client.calls[0].grants[0] = `greet:${n}`;
      return 'agents.server.skills[0].actions[0]';
    },
  },
  {
    where: 'auth mount key',
    put: (d, n) => {
      renameKey(d.authMounts, 'k8s', n);
      d.agents.client.login.mount = n;
      return `authMounts.${n}`;
    },
  },
  {
    where: 'auth mount path segment',
    separators: '/',
    put: (d, n) => {
      d.authMounts.k8s.path = `k8s/${n}`;
      return 'authMounts.k8s.path';
    },
  },
];

const BAD_CHARACTERS = ['"', "'", '\n', '*', '+', '/', '{', '}', ' '];

const badName = (separators = '') =>
  fc
    .tuple(
      fc.stringMatching(/^[a-z0-9]{0,8}$/),
      fc.constantFrom(...BAD_CHARACTERS.filter((c) => !separators.includes(c))),
      fc.stringMatching(/^[a-z0-9_]{0,8}$/),
    )
    .map(([before, bad, after]) => `${before}${bad}${after}`);

/** Valid in every place above: starts with a letter, no "-" (skill ids), not an existing name. */
const goodName = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/).filter((n) => !['default', 'root', 'server', 'client', 'alice', 'ops', 'up', 'k8s'].includes(n));

function validate(doc: Doc) {
  return parseTopologyText(stringify(doc), 'names.yaml');
}

describe.each(PLACES)('name in $where', ({ put, separators }) => {
  test('is refused when it contains a quote, newline, glob, slash, brace or space', () => {
    fc.assert(
      fc.property(badName(separators), (name) => {
        const doc = base();
        const path = put(doc, name);
        const result = validate(doc);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path);
      }),
      { numRuns: 60 },
    );
  });

  test('is accepted when it follows the rules (control)', () => {
    fc.assert(
      fc.property(goodName, (name) => {
        const doc = base();
        put(doc, name);
        expect(validate(doc)).toMatchObject({ ok: true });
      }),
      { numRuns: 30 },
    );
  });
});

test.each(['k8s//prod', 'k8s/', '/k8s', 'k8s/prod/'])('mount path %j with an empty segment is refused', (path) => {
  const doc = base();
  doc.authMounts.k8s.path = path;
  const result = validate(doc);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['authMounts.k8s.path']);
});
