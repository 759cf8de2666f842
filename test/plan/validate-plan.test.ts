/**
 * The checks validation runs on the compiled plan, through the loader (so every issue has its
 * file:line:column): two topology entries that land on one Vault object, Vault's name rule on
 * derived names, the synth-time TTL limits, and the warning for an empty delegation bound. Each
 * refusal has an equivalent topology that passes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile } from '../../lib/plan/compile';
import { planChecks, type PlanCheckOptions } from '../../lib/plan/validate-plan';
import { formatIssue, parseTopologyText, type TopologyIssue } from '../../lib/topology';
import type { AccessPlan } from '../../lib/plan/types';

const HEAD = `version: 1
vault: { address: "https://vault.example.com:8200" }
authMounts:
  k8s: { type: kubernetes, path: kubernetes }
  k8s-prod: { type: kubernetes, path: k8s/prod }
  spiffe: { type: jwt, path: jwt }
  spiffe-b: { type: jwt, path: jwt-b }
  up: { type: userpass, path: userpass }
  sso: { type: oidc, path: oidc }
  ar: { type: approle, path: approle }
agents:
  srv: { url: "https://srv.example.com", skills: [{ id: work, actions: [read] }] }
`;
/** HEAD is 12 lines: the first body line is line 13. */
const doc = (...body: string[]) => `${HEAD}${body.join('\n')}\n`;
const caller = (name: string, login: string) => [`  ${name}:`, `    login: ${login}`, '    headless: true', '    calls: [{ agent: srv, grants: ["work:read"] }]'];

function check(text: string, options: PlanCheckOptions = {}) {
  return parseTopologyText(text, 'topology.yaml', { derived: planChecks(options), limits: options });
}

function errors(text: string, options: PlanCheckOptions = {}): TopologyIssue[] {
  const result = check(text, options);
  if (result.ok) throw new Error('expected the topology to be refused, but it validated');
  return result.issues;
}

function valid(text: string, options: PlanCheckOptions = {}): void {
  const result = check(text, options);
  if (!result.ok) throw new Error(`expected a valid topology:\n${result.issues.map(formatIssue).join('\n')}`);
}

describe('two agents whose logins overlap', () => {
  test('one Kubernetes service account shared through a YAML anchor: refused at the second login, naming the first', () => {
    const text = doc(
      ...caller('a', '&sa { mount: k8s, serviceAccount: worker, namespace: agents }'),
      ...caller('b', '*sa'),
    );
    const [issue, ...rest] = errors(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: 'topology.yaml', line: 18, column: 12, path: 'agents.b.login' });
    expect(issue.related).toEqual([{ file: 'topology.yaml', line: 14, column: 16, path: 'agents.a.login' }]);
    expect(issue.message).toBe(
      'the login of agent "a" and the login of agent "b" both admit service account "worker" in namespace "agents" on auth mount "kubernetes": a pod running as it can use either login role, and Vault keeps one alias per mount and name, so the agents are one identity',
    );
    expect(formatIssue(issue)).toContain('See also topology.yaml:14:16: agents.a.login. Fix: give each agent its own service account');
  });

  test('the same service account in another namespace, or on another mount path, is another identity', () => {
    valid(doc(...caller('a', '{ mount: k8s, serviceAccount: worker, namespace: agents }'), ...caller('b', '{ mount: k8s, serviceAccount: worker, namespace: batch }')));
    valid(doc(...caller('a', '{ mount: k8s, serviceAccount: worker, namespace: agents }'), ...caller('b', '{ mount: k8s-prod, serviceAccount: worker, namespace: agents }')));
  });

  test('one JWT subject on one mount, whatever the audiences: refused; on another mount path: accepted', () => {
    const [issue] = errors(
      doc(
        ...caller('a', '{ mount: spiffe, subject: "spiffe://example.org/worker", audiences: [vault] }'),
        ...caller('b', '{ mount: spiffe, subject: "spiffe://example.org/worker", audiences: [other] }'),
      ),
    );
    expect(issue.path).toBe('agents.b.login');
    expect(issue.related?.map((r) => r.path)).toEqual(['agents.a.login']);
    expect(issue.message).toContain('both bind JWT subject "spiffe://example.org/worker" on auth mount "jwt"');
    expect(issue.fix).toBe('give each agent its own JWT subject, or its own jwt mount');
    valid(
      doc(
        ...caller('a', '{ mount: spiffe, subject: "spiffe://example.org/worker", audiences: [vault] }'),
        ...caller('b', '{ mount: spiffe-b, subject: "spiffe://example.org/worker", audiences: [vault] }'),
      ),
    );
  });

  test('JWT subjects that differ only in case are one alias (Vault lower-cases alias lookups by default)', () => {
    const [issue] = errors(
      doc(...caller('a', '{ mount: spiffe, subject: "spiffe://example.org/Worker", audiences: [vault] }'), ...caller('b', '{ mount: spiffe, subject: "spiffe://example.org/worker", audiences: [vault] }')),
    );
    expect(issue.message).toContain('differ only in case');
  });

  test('two agents on one AppRole mount have two role ids: accepted', () => {
    valid(doc(...caller('a', '{ mount: ar }'), ...caller('b', '{ mount: ar }')));
  });
});

describe('users whose login names collide on a mount', () => {
  const client = ['  app:', '    login: { mount: k8s, serviceAccount: app, namespace: apps }', '    oidc: { redirectUris: ["https://app.example.com/cb"], users: [alice, bob] }'];

  test("a user's alias equal to another user's name: refused at the alias, naming the other user", () => {
    const [issue, ...rest] = errors(doc(...client, 'users:', '  alice: { mount: up }', '  bob: { mount: up, alias: alice }'));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: 'users.bob.alias', line: 18, column: 28 });
    expect(issue.related).toEqual([{ file: 'topology.yaml', line: 17, column: 3, path: 'users.alice' }]);
    expect(issue.message).toBe(
      'user "alice" (alias defaults to the name) and user "bob"\'s alias both sign in as "alice" on auth mount "userpass": Vault keeps one alias per mount and name, so whoever signs in as "alice" is all of them',
    );
  });

  test('aliases differing only in case collide; the same alias on two mounts does not', () => {
    const [issue] = errors(doc(...client, 'users:', '  alice: { mount: sso, alias: Alice@example.com }', '  bob: { mount: sso, alias: alice@example.com }'));
    expect(issue.message).toContain('"Alice@example.com" and "alice@example.com" differ only in case, which Vault ignores for aliases');
    valid(doc(...client, 'users:', '  alice: { mount: sso, alias: alice }', '  bob: { mount: up, alias: alice }'));
  });

  test('a userpass alias Vault could never log in with (its path takes a Vault name) is refused; on an oidc mount it is fine', () => {
    const [issue] = errors(doc(...client, 'users:', '  alice: { mount: up, alias: alice@example.com }', '  bob: { mount: up }'));
    expect(issue).toMatchObject({ path: 'users.alice.alias' });
    expect(issue.message).toContain('is not a userpass login name');
    valid(doc(...client, 'users:', '  alice: { mount: sso, alias: alice@example.com }', '  bob: { mount: up }'));
  });

  test('a user and an agent with one name are refused before the plan, naming both', () => {
    const result = parseTopologyText(doc(...client, 'users:', '  app: { mount: up }', '  alice: { mount: up }', '  bob: { mount: up }'), 'topology.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.related])).toEqual([['users.app', [{ file: 'topology.yaml', line: 13, column: 3, path: 'agents.app' }]]]);
  });
});

describe('two topology names that land on one Vault object (a plan whose naming would collide)', () => {
  const text = doc(...caller('a', '{ mount: k8s, serviceAccount: a, namespace: x }'), ...caller('b', '{ mount: k8s, serviceAccount: b, namespace: x }'));
  const renamed = (rename: (plan: AccessPlan) => AccessPlan) => ({ compile: (t: Parameters<typeof compile>[0]) => rename(compile(t)) });

  test("two agents' policies under one name, even differing only in case (Vault lower-cases policy names)", () => {
    const [issue] = errors(text, renamed((p) => ({ ...p, policies: p.policies.map((x) => ({ ...x, name: x.agent === 'a' ? 'shared' : 'SHARED' })) })));
    expect(issue.path).toBe('agents.b');
    expect(issue.related?.map((r) => r.path)).toEqual(['agents.a']);
    expect(issue.message).toBe(
      'the policy of agent "a" and the policy of agent "b" both become the Vault ACL policy "shared" ("SHARED" and "shared" differ only in case, which Vault ignores for these names), so they would be one Vault object: each write would replace the other',
    );
  });

  test('two identity-token roles under one name; OIDC names are case-sensitive, so "R" and "r" are two', () => {
    const [issue] = errors(text, renamed((p) => ({ ...p, identityTokenRoles: p.identityTokenRoles.map((r) => ({ ...r, name: 'r' })) })));
    expect(issue.message).toContain('both become the Vault identity-token role "r"');
    valid(text, renamed((p) => ({ ...p, identityTokenRoles: p.identityTokenRoles.map((r) => ({ ...r, name: r.agent === 'a' ? 'r' : 'R' })) })));
  });

  test('a derived name Vault would refuse is reported at the entry it comes from', () => {
    const [issue] = errors(text, renamed((p) => ({ ...p, identityTokenRoles: p.identityTokenRoles.map((r) => ({ ...r, name: `${r.name}-` })) })));
    expect(issue).toMatchObject({ path: 'agents.a.calls', message: expect.stringContaining('becomes the Vault identity-token role "a.srv-", which breaks Vault\'s name rule') });
  });
});

describe('TTL limits of the synth-time checks', () => {
  const app = ['  app:', '    login: { mount: k8s, serviceAccount: app, namespace: apps }', '    oidc: { redirectUris: ["https://app.example.com/cb"], users: [alice] }', '    calls: [{ agent: srv, grants: ["work:read"] }]'];
  const withDefaults = (defaults: string, ...more: string[]) => doc(...app, ...more, 'users:', '  alice: { mount: up }').replace('agents:\n', `defaults: ${defaults}\nagents:\n`);

  test('accessTokenTtl above the access-token limit: refused at the field, the fix names the field and the limit', () => {
    const [issue, ...rest] = errors(withDefaults('{ accessTokenTtl: 1h }'));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: 'defaults.accessTokenTtl', line: 11, column: 29 });
    expect(issue.message).toBe('access tokens would live 1h, longer than the 30m access-token limit (--max-access-ttl) the synth-time checks (A2A-TTL-OIDC-TOKEN) enforce, for client "app"');
    expect(issue.fix).toBe('set defaults.accessTokenTtl to at most 30m, or accept it with agents.app.suppressions: [{ rule: A2A-TTL-OIDC-TOKEN, reason }]');
  });

  test('the configured limit: with 10m, the default 15m is refused and the fix says 10m, never 15 minutes', () => {
    const found = errors(withDefaults('{}'), { maxAccessTtlSeconds: 600 });
    expect(found.map((i) => i.path).sort()).toEqual(['defaults.accessTokenTtl', 'defaults.idTokenTtl']);
    for (const i of found) {
      expect(i.fix).toContain('at most 10m');
      expect(i.fix).not.toMatch(/15m|15 minutes/);
    }
    valid(withDefaults('{ accessTokenTtl: 1h }'), { maxAccessTtlSeconds: 7200 });
  });

  test('above 24h the fix suggests the configured limit, not 24h', () => {
    const result = parseTopologyText(withDefaults('{ loginTokenTtl: 25h }'), 'topology.yaml', { limits: { maxLoginTtlSeconds: 1800 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].fix).toMatch(/^use at most 30m /);
  });

  test('an agent that suppresses the TTL rule, with a reason, accepts longer tokens for its own objects only', () => {
    valid(withDefaults('{ accessTokenTtl: 1h, idTokenTtl: 1h }', '    suppressions: [{ rule: A2A-TTL-OIDC-TOKEN, reason: "sessions outlive 30m; SEC-42" }]'));
    const [issue] = errors(withDefaults('{ loginTokenTtl: 2h }', '    suppressions: [{ rule: A2A-TTL-OIDC-TOKEN, reason: "sessions outlive 30m; SEC-42" }]'));
    expect(issue.path).toBe('defaults.loginTokenTtl');
    expect(issue.message).toContain('longer than the 1h login-token limit');
  });

  test('a TTL that governs nothing is not refused: identityTokenTtl without headless agents or actors', () => {
    valid(withDefaults('{ identityTokenTtl: 2h }'));
    expect(errors(doc(...caller('a', '{ mount: k8s, serviceAccount: a, namespace: x }')).replace('agents:\n', 'defaults: { identityTokenTtl: 2h }\nagents:\n'))[0].path).toBe('defaults.identityTokenTtl');
  });
});

describe('the delegation bound at validate', () => {
  const example = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'delegation', 'topology.yaml'), 'utf8');

  test('the example: no warnings', () => {
    const result = check(example);
    expect(result.ok && result.warnings).toEqual([]);
  });

  test('an actor whose users can obtain none of its grants: a warning at its actsFor, and the topology is accepted', () => {
    // chat no longer calls mail (its last call), so carol cannot send mail herself.
    const line = '      - { agent: mail, grants: ["mail:send"] }\n';
    const at = example.lastIndexOf(line);
    const noMail = example.slice(0, at) + example.slice(at + line.length);
    const result = check(noMail);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        'agents.mailer.actsFor',
        'agent "mailer" can do nothing for carol: they cannot obtain any of its grants (mail.mail.send) by signing in, and a delegated token never carries more than its user could obtain, so it gets no token-exchange role for them',
      ],
    ]);
    if (result.ok) expect(compile(result.topology).delegation?.tokenExchange?.roles.map((r) => r.name)).not.toContain('mailer.chat.may-act.mailer.summarizer');
  });
});
