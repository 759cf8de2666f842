/**
 * `vault-a2a access` as data and Markdown, on every example synthesized in-process: exact
 * Markdown for hello-world, exact grants for the others, and the properties a reviewer relies on
 * (deterministic, blind to Terraform addresses, escaping).
 */
import { stackAccess } from '../../lib/analysis/analyze';
import { renderAccessMarkdown } from '../../lib/review/access-markdown';
import { accessReport } from '../../lib/review/access-report';
import type { AccessGrant, StackAccessReport } from '../../lib/review/access-report-types';
import { formatLifetime } from '../../lib/review/lifetime';
import { renameAddresses, resourceOf, stackOf, synthExample, type Doc } from './stacks';

const reportOf = async (doc: Doc, name: string, file?: string): Promise<StackAccessReport> => accessReport(await stackAccess(stackOf(doc, name, file)));

/** One line per grant with every field that matters, for exact comparison. */
function facet(g: AccessGrant): string {
  switch (g.kind) {
    case 'login':
      return `login ${g.role} [${g.method}] ${g.binding}; policies ${g.policies.join(',')}; default ${g.defaultPolicy}; ttl ${formatLifetime(g.tokenTtl)}/${formatLifetime(g.tokenMaxTtl)}`;
    case 'registration':
      return `registration ${g.registration}; ceiling ${g.ceilingPolicies.join(',')}; default ceiling ${g.defaultCeilingPolicy}; rar ${g.authorizationDetails}`;
    case 'member-of':
      return `member-of ${g.group}`;
    case 'policy':
      return `policy ${g.policy} via ${g.attached.join(',')}${g.known ? '' : ' (unknown)'}`;
    case 'vault-path':
      return `path ${g.path}: ${g.capabilities.join(',')} by ${g.policies.join(',')}`;
    case 'client-credentials':
      return `client-credentials ${g.client} (${formatLifetime(g.idTokenTtl)}/${formatLifetime(g.accessTokenTtl)}) by ${g.policies.join(',')}`;
    case 'identity-token':
      return `identity-token ${g.role} [${g.claims.join(',')}] ${formatLifetime(g.ttl)} by ${g.policies.join(',')}`;
    case 'introspect':
      return `introspect by ${g.policies.join(',')}`;
    case 'token-exchange':
      return `token-exchange ${g.mount}/${g.role} as ${g.actor} by ${g.policies.join(',')}`;
    case 'sign-in':
      return `sign-in ${g.client} (${formatLifetime(g.idTokenTtl)}/${formatLifetime(g.accessTokenTtl)}) by ${g.assignments.map((a) => `${a.assignment}:${a.member}`).join(',')}`;
    case 'scope':
      return `scope ${g.scope} [${g.claims.join(',')}] as ${g.as} of ${g.client}@${g.provider}`;
    case 'acts-for':
      return `acts-for ${g.subjectKind} ${g.subject} via ${g.via}`;
    case 'may-act':
      return `may-act ${g.actor} (${g.actorClientKind} ${g.actorClient}) via ${g.via}`;
  }
}

function facets(r: StackAccessReport): Record<string, string[]> {
  return Object.fromEntries(r.principals.map((p) => [`${p.kind} ${p.name}${p.includes.length ? ` + ${p.includes.join(', ')}` : ''}`, p.grants.map(facet)]));
}

const HELLO_WORLD_MARKDOWN = `## Access in stack \`hello-world\`

From \`stacks/hello-world/cdk.tf.json\`. 1 agent, 1 user and 1 group.

### Agent \`test-client\`

Includes login role \`kubernetes/test-client\`.

| Access | Grant | Granted by |
| --- | --- | --- |
| Login | \`kubernetes/test-client\`: service account test-client in namespace default; tokens live 15m (max 15m) with \`a2a-agent-test-client\` (no \`default\`) | kubernetes login role \`kubernetes/test-client\` |
| Policy | \`a2a-agent-test-client\` | tokens of login role \`kubernetes/test-client\` |
| Vault path | \`identity/oidc/client/test-client\`: read | policy \`a2a-agent-test-client\` |
| OIDC client credentials | client \`test-client\` (ID token 15m, access token 15m) | policy \`a2a-agent-test-client\` |
| Scope | \`a2a-agent.test-client\` (claims \`a2a_agent\`, \`a2a_user\`) as client | provider \`test-client\` of client \`test-client\` |
| Scope | \`hello-world.hello_world.read\` (claims \`hello-world.hello_world.read\`) as client | provider \`test-client\` of client \`test-client\` |

### User \`end-user\`

| Access | Grant | Granted by |
| --- | --- | --- |
| Member of | group \`agent\` | group \`agent\` |
| Policy | \`default\` | Vault's default (every token carries it unless removed) |
| Vault path | \`identity/oidc/provider/+/authorize\`: read, update | policy \`default\` |
| Sign-in | through client \`test-client\` (ID token 15m, access token 15m) | assignment \`test-client\` (lists it and group \`agent\`) |
| Scope | \`a2a-agent.test-client\` (claims \`a2a_agent\`, \`a2a_user\`) as end user | provider \`test-client\` of client \`test-client\` |
| Scope | \`hello-world.hello_world.read\` (claims \`hello-world.hello_world.read\`) as end user | provider \`test-client\` of client \`test-client\` |

### Group \`agent\`

Members: \`end-user\`.

| Access | Grant | Granted by |
| --- | --- | --- |
| Sign-in | through client \`test-client\` (ID token 15m, access token 15m) | assignment \`test-client\` (lists it) |
| Scope | \`a2a-agent.test-client\` (claims \`a2a_agent\`, \`a2a_user\`) as end user | provider \`test-client\` of client \`test-client\` |
| Scope | \`hello-world.hello_world.read\` (claims \`hello-world.hello_world.read\`) as end user | provider \`test-client\` of client \`test-client\` |
`;

describe('access report of the examples', () => {
  test('hello-world: exact Markdown', async () => {
    const report = await reportOf(synthExample('hello-world'), 'hello-world', 'stacks/hello-world/cdk.tf.json');
    expect(renderAccessMarkdown([report])).toBe(HELLO_WORLD_MARKDOWN);
  });

  test('headless: the client mints exactly its token; the server may only introspect', async () => {
    expect(facets(await reportOf(synthExample('headless'), 'headless'))).toEqual({
      'agent hello-world + login-role:kubernetes/hello-world': [
        'login kubernetes/hello-world [kubernetes] service account hello-world in namespace default; policies a2a-agent-hello-world; default false; ttl 15m/15m',
        'policy a2a-agent-hello-world via token:login-role:kubernetes/hello-world',
        'path identity/oidc/introspect: update by a2a-agent-hello-world',
        'introspect by a2a-agent-hello-world',
      ],
      'agent test-client + login-role:kubernetes/test-client': [
        'login kubernetes/test-client [kubernetes] service account test-client in namespace default; policies a2a-agent-test-client; default false; ttl 15m/15m',
        'policy a2a-agent-test-client via token:login-role:kubernetes/test-client',
        'path identity/oidc/token/test-client.hello-world: read by a2a-agent-test-client',
        'identity-token test-client.hello-world [a2a_agent,hello-world.hello_world.read] 15m by a2a-agent-test-client',
      ],
    });
  });

  test('expense: each caller holds exactly its action; the JWT login is bound to its SPIFFE id', async () => {
    expect(facets(await reportOf(synthExample('expense'), 'expense'))).toEqual({
      'agent bookkeeper + login-role:jwt-spiffe/bookkeeper': [
        'login jwt-spiffe/bookkeeper [jwt] subject spiffe://example.org/ns/finance/sa/bookkeeper, audience vault; policies a2a-agent-bookkeeper; default false; ttl 15m/15m',
        'policy a2a-agent-bookkeeper via token:login-role:jwt-spiffe/bookkeeper',
        'path identity/oidc/token/bookkeeper.expense: read by a2a-agent-bookkeeper',
        'identity-token bookkeeper.expense [a2a_agent,expense.expense.read] 15m by a2a-agent-bookkeeper',
      ],
      'agent expense + login-role:kubernetes/expense': [
        'login kubernetes/expense [kubernetes] service account expense in namespace finance; policies a2a-agent-expense; default false; ttl 15m/15m',
        'policy a2a-agent-expense via token:login-role:kubernetes/expense',
        'path identity/oidc/introspect: update by a2a-agent-expense',
        'introspect by a2a-agent-expense',
      ],
      'agent travel-planner + login-role:kubernetes/travel-planner': [
        'login kubernetes/travel-planner [kubernetes] service account travel-planner in namespace travel; policies a2a-agent-travel-planner; default false; ttl 15m/15m',
        'policy a2a-agent-travel-planner via token:login-role:kubernetes/travel-planner',
        'path identity/oidc/token/travel-planner.expense: read by a2a-agent-travel-planner',
        'identity-token travel-planner.expense [a2a_agent,expense.expense.submit] 15m by a2a-agent-travel-planner',
      ],
    });
  });

  test('delegation: actors act for exactly the users who delegated to them; users see who may act for them', async () => {
    const f = facets(await reportOf(synthExample('delegation'), 'delegation'));
    expect(Object.keys(f)).toEqual([
      'agent chat + login-role:kubernetes/chat',
      'agent mailer + login-role:kubernetes/mailer',
      'agent portal + login-role:kubernetes/portal',
      'agent summarizer + login-role:kubernetes/summarizer',
      'user alice',
      'user bob',
      'user carol',
      'group staff',
    ]);
    expect(f['agent mailer + login-role:kubernetes/mailer']).toEqual([
      'login kubernetes/mailer [kubernetes] service account mailer in namespace agents; policies a2a-agent-mailer; default false; ttl 15m/15m',
      'policy a2a-agent-mailer via token:login-role:kubernetes/mailer',
      'path identity-delegation/token/mailer.chat.may-act.mailer.summarizer: create,update by a2a-agent-mailer',
      'path identity/oidc/token/a2a.actor.mailer: read by a2a-agent-mailer',
      'path identity/oidc/token/mailer.mail: read by a2a-agent-mailer',
      'identity-token a2a.actor.mailer [a2a_agent,actor_grants] 15m by a2a-agent-mailer',
      'identity-token mailer.mail [a2a_agent,mail.mail.send] 15m by a2a-agent-mailer',
      'token-exchange identity-delegation/mailer.chat.may-act.mailer.summarizer as mailer by a2a-agent-mailer',
      'acts-for user carol via scope:chat.may-act.mailer.summarizer',
    ]);
    expect(f['agent summarizer + login-role:kubernetes/summarizer']!.filter((l) => /^(acts-for|token-exchange)/.test(l))).toEqual([
      'token-exchange identity-delegation/summarizer.chat.may-act.mailer.summarizer as summarizer by a2a-agent-summarizer',
      'token-exchange identity-delegation/summarizer.chat.may-act.summarizer as summarizer by a2a-agent-summarizer',
      'token-exchange identity-delegation/summarizer.portal.may-act.summarizer as summarizer by a2a-agent-summarizer',
      'acts-for user alice via scope:chat.may-act.summarizer',
      'acts-for user alice via scope:portal.may-act.summarizer',
      'acts-for user carol via scope:chat.may-act.mailer.summarizer',
    ]);
    expect(f['agent chat + login-role:kubernetes/chat']!.filter((l) => l.startsWith('client-credentials'))).toEqual([
      'client-credentials chat (15m/15m) by a2a-agent-chat',
      'client-credentials chat.may-act.mailer.summarizer (15m/15m) by a2a-agent-chat',
      'client-credentials chat.may-act.summarizer (15m/15m) by a2a-agent-chat',
    ]);
    expect(f['user alice']).toEqual([
      'member-of staff',
      'policy default via default',
      'path identity/oidc/provider/+/authorize: read,update by default',
      'sign-in chat.may-act.summarizer (15m/15m) by chat.may-act.summarizer:direct',
      'sign-in portal.may-act.summarizer (15m/15m) by portal.may-act.summarizer:direct',
      'scope a2a-agent.chat [a2a_agent,a2a_user] as end-user of chat.may-act.summarizer@chat.may-act.summarizer',
      'scope a2a-agent.portal [a2a_agent,a2a_user] as end-user of portal.may-act.summarizer@portal.may-act.summarizer',
      'scope chat.may-act.summarizer [may_act] as end-user of chat.may-act.summarizer@chat.may-act.summarizer',
      'scope docs.documents.read [docs.documents.read] as end-user of chat.may-act.summarizer@chat.may-act.summarizer',
      'scope mail.mail.send [mail.mail.send] as end-user of chat.may-act.summarizer@chat.may-act.summarizer',
      'scope portal.may-act.summarizer [may_act] as end-user of portal.may-act.summarizer@portal.may-act.summarizer',
      'scope summarizer.summarize.run [summarizer.summarize.run] as end-user of chat.may-act.summarizer@chat.may-act.summarizer',
      'may-act summarizer (identity-token-role a2a.actor.summarizer) via scope:chat.may-act.summarizer',
      'may-act summarizer (identity-token-role a2a.actor.summarizer) via scope:portal.may-act.summarizer',
    ]);
    expect(f['user bob']!.filter((l) => /^(sign-in|may-act)/.test(l))).toEqual(['sign-in chat (15m/15m) by chat:direct']);
    expect(f['user carol']!.filter((l) => l.startsWith('may-act'))).toEqual([
      'may-act mailer (identity-token-role a2a.actor.mailer) via scope:chat.may-act.mailer.summarizer',
      'may-act summarizer (identity-token-role a2a.actor.summarizer) via scope:chat.may-act.mailer.summarizer',
    ]);
    // The partitions assign users one by one: the group itself reaches nothing.
    expect(f['group staff']).toEqual([]);
  });

  test('agent-registry: the registration is shown under its agent with its ceiling and RAR mode', async () => {
    const report = await reportOf(synthExample('agent-registry'), 'agent-registry');
    expect(report.principals.map((p) => [p.id, p.includes])).toEqual([
      ['entity:expense', ['agent-registration:expense', 'login-role:kubernetes/expense']],
      ['entity:travel-planner', ['agent-registration:travel-planner', 'login-role:kubernetes/travel-planner']],
    ]);
    expect(facets(report)['agent travel-planner + agent-registration:travel-planner, login-role:kubernetes/travel-planner']).toEqual([
      'login kubernetes/travel-planner [kubernetes] service account travel-planner in namespace travel; policies a2a-agent-travel-planner; default false; ttl 15m/15m',
      'registration travel-planner; ceiling a2a-ceiling-travel-planner; default ceiling false; rar required',
      'policy a2a-agent-travel-planner via entity,token:login-role:kubernetes/travel-planner',
      'path identity/oidc/token/travel-planner.expense: read by a2a-agent-travel-planner',
      'identity-token travel-planner.expense [a2a_agent,expense.expense.submit] 15m by a2a-agent-travel-planner',
    ]);
  });
});

describe('what a reviewer relies on', () => {
  test('blind to Terraform addresses: every resource renamed, the same report', async () => {
    const doc = synthExample('delegation');
    const renamed = renameAddresses(doc, (_type, name) => `renamed_${name.length}_${name.replace(/[^A-Za-z0-9]/g, '')}`);
    expect(JSON.stringify(renamed)).not.toContain('topology_');
    expect(await reportOf(renamed, 'delegation')).toEqual(await reportOf(doc, 'delegation'));
  });

  test('deterministic: keys in another order give byte-identical Markdown and JSON', async () => {
    const doc = synthExample('hello-world');
    const reversed = JSON.parse(JSON.stringify(doc), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
    const a = await reportOf(doc, 'hello-world');
    const b = await reportOf(reversed, 'hello-world');
    expect(renderAccessMarkdown([b])).toBe(renderAccessMarkdown([a]));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  test('a hand-edited stack shows what Vault would allow: glob path, wider login, unknown policy, allow_all, long TTL', async () => {
    const doc = synthExample('hello-world');
    resourceOf(doc, 'vault_policy', 'a2a-agent-test-client').policy = 'path "identity/oidc/client/*" { capabilities = ["read", "list"] }';
    const login = resourceOf(doc, 'vault_kubernetes_auth_backend_role', 'test-client', 'role_name');
    login.bound_service_account_names = ['*'];
    login.token_policies.push('ops-admin');
    delete login.token_ttl;
    const client = resourceOf(doc, 'vault_identity_oidc_client', 'test-client');
    client.assignments = ['allow_all'];
    client.access_token_ttl = 7200;
    const f = facets(await reportOf(doc, 'hello-world'));
    // Any service account: the alias is no longer predictable, so the login role cannot be tied
    // to the agent's entity and is reported on its own.
    expect(Object.keys(f)).toEqual(['user end-user', 'group agent', 'entity test-client', 'login-role kubernetes/test-client']);
    expect(f['login-role kubernetes/test-client']).toEqual([
      'login kubernetes/test-client [kubernetes] any service account in namespace default; policies a2a-agent-test-client,ops-admin; default false; ttl 768h (Vault default)/15m',
      'policy a2a-agent-test-client via token',
      'policy ops-admin via token (unknown)',
      'path identity/oidc/client/*: read,list by a2a-agent-test-client',
      'client-credentials test-client (15m/2h) by a2a-agent-test-client',
      'scope a2a-agent.test-client [a2a_agent,a2a_user] as client of test-client@test-client',
      'scope hello-world.hello_world.read [hello-world.hello_world.read] as client of test-client@test-client',
    ]);
    // allow_all admits every entity, the agent's own included.
    expect(f['user end-user']!.find((l) => l.startsWith('sign-in'))).toBe('sign-in test-client (15m/2h) by allow_all:everyone');
    expect(f['entity test-client']!.find((l) => l.startsWith('sign-in'))).toBe('sign-in test-client (15m/2h) by allow_all:everyone');
  });

  test('Markdown escapes what would break a table or a code span', async () => {
    const doc = synthExample('hello-world');
    resourceOf(doc, 'vault_policy', 'a2a-agent-test-client').policy = 'path "secret/a|b`c" { capabilities = ["read"] }';
    const md = renderAccessMarkdown([await reportOf(doc, 'hello-world')]);
    expect(md).toContain('| Vault path | `` secret/a\\|b`c ``: read | policy `a2a-agent-test-client` |');
    for (const row of md.split('\n').filter((l) => l.startsWith('| Vault path'))) expect(row.split(/(?<!\\)\|/).length).toBe(5);
  });
});
