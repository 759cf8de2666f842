/**
 * Exact policy paths, no glob involved: another client's credentials, another agent's identity
 * tokens, and `update` on the Vault objects that decide who gets access.
 */
import { addStanza, jsonPolicy, ref, res, stanza, stanzas } from '../edit';
import type { Widening } from '../types';

const E = 'exact-path' as const;

export const EXACT_PATH: readonly Widening[] = [
  {
    id: 'exact-path/web-reads-admin-client-secret',
    category: E,
    base: 'portal',
    edit: (d) => addStanza(d, 'a2a-agent-web', stanza('identity/oidc/client/admin', ['read'])),
    why: "web gains admin's OIDC client secret (a read of identity/oidc/client/<name> returns client_secret for confidential clients) and so can act as the admin client, whose provider offers reports.reports.write [A5].",
  },
  {
    id: 'exact-path/portal-reads-chat-partition-secret',
    category: E,
    base: 'delegation',
    edit: (d) => addStanza(d, 'a2a-agent-portal', stanza('identity/oidc/client/chat.may-act.summarizer', ['read'])),
    why: "portal gains the client secret of chat's sign-in partition for alice, so it can redeem that client's authorization codes as chat [A5].",
  },
  {
    id: 'exact-path/travel-planner-mints-bookkeeper-tokens',
    category: E,
    base: 'expense',
    edit: (d) => addStanza(d, 'a2a-agent-travel-planner', stanza('identity/oidc/token/bookkeeper.expense', ['read'])),
    why: 'travel-planner can read identity/oidc/token/bookkeeper.expense, i.e. mint identity tokens carrying expense.expense.read for the expense server, a grant the topology gives only to bookkeeper [A5].',
  },
  {
    id: 'exact-path/cron-mints-deployer-tokens-json-policy',
    category: E,
    base: 'machines',
    edit: (d) =>
      (res(d, 'vault_policy', 'a2a-agent-cron').policy = JSON.stringify({
        path: {
          'identity/oidc/token/cron.ledger': { capabilities: ['read'] },
          'identity/oidc/token/deployer.ledger': { capabilities: ['read'] },
        },
      })),
    why: "cron's policy, rewritten in Vault's JSON policy syntax, also reads identity/oidc/token/deployer.ledger: cron mints tokens carrying ledger.ledger.post [A5].",
  },
  {
    id: 'exact-path/server-mints-its-callers-token',
    category: E,
    base: 'headless',
    edit: (d) => addStanza(d, 'a2a-agent-hello-world', stanza('identity/oidc/token/test-client.hello-world', ['read'])),
    why: "the server hello-world, which may only introspect, can now mint tokens from test-client's role carrying hello-world.hello_world.read [A5].",
  },
  {
    id: 'exact-path/client-updates-own-entity-by-name',
    category: E,
    base: 'hello-world',
    edit: (d) => addStanza(d, 'a2a-agent-test-client', stanza('identity/entity/name/test-client', ['update'])),
    why: 'test-client can write its own entity: setting its policies gives every token of that entity any policy it names [A5, identity.mdx note].',
  },
  {
    id: 'exact-path/client-updates-own-entity-by-id-reference',
    category: E,
    base: 'hello-world',
    edit: (d) =>
      addStanza(d, 'a2a-agent-test-client', stanza(`identity/entity/id/${ref(d, 'vault_identity_entity', 'test-client', 'id')}`, ['update'])),
    why: "the same write on its own entity, addressed by id through a Terraform reference interpolated into the policy text: test-client sets its entity's policies [A5].",
  },
  {
    id: 'exact-path/batch-updates-admins-group',
    category: E,
    base: 'portal',
    edit: (d) => addStanza(d, 'a2a-agent-batch', stanza('identity/group/name/admins', ['update'])),
    why: 'batch can add itself (or anyone) to group admins, which the admin client assignment admits, and can set the group\'s policies [A5].',
  },
  {
    id: 'exact-path/web-updates-staff-group-by-id-reference',
    category: E,
    base: 'portal',
    edit: (d) => addStanza(d, 'a2a-agent-web', stanza(`identity/group/id/${ref(d, 'vault_identity_group', 'staff', 'id')}`, ['create', 'update'])),
    why: "web can rewrite group staff (members, policies) through identity/group/id/<id>, the id given as an interpolated reference [A5].",
  },
  {
    id: 'exact-path/client-updates-own-login-role',
    category: E,
    base: 'hello-world',
    edit: (d) => addStanza(d, 'a2a-agent-test-client', stanza('auth/kubernetes/role/test-client', ['update'])),
    why: "test-client can rewrite its own Kubernetes login role (token_policies, bound service accounts), so it decides its own policies and who logs in as it [A5].",
  },
  {
    id: 'exact-path/bookkeeper-updates-own-jwt-role',
    category: E,
    base: 'expense',
    edit: (d) => addStanza(d, 'a2a-agent-bookkeeper', stanza('auth/jwt-spiffe/role/bookkeeper', ['create', 'update'])),
    why: 'bookkeeper can rewrite its JWT login role on mount jwt-spiffe: token_policies and bound_subject/bound_claims become its choice [A5, A2].',
  },
  {
    id: 'exact-path/client-updates-own-provider',
    category: E,
    base: 'hello-world',
    edit: (d) => addStanza(d, 'a2a-agent-test-client', stanza('identity/oidc/provider/test-client', ['update'])),
    why: "test-client can change its provider's scopes_supported and allowed_client_ids, offering itself scopes (hello-world.super_hello_world.read) it was not granted [A5].",
  },
  {
    id: 'exact-path/web-updates-admin-assignment',
    category: E,
    base: 'portal',
    edit: (d) => addStanza(d, 'a2a-agent-web', stanza('identity/oidc/assignment/admin', ['update'])),
    why: "web can set entity_ids/group_ids of the admin client's assignment, admitting any entity to sign in through admin [A5].",
  },
  {
    id: 'exact-path/web-updates-shared-scope',
    category: E,
    base: 'portal',
    edit: (d) => addStanza(d, 'a2a-agent-web', stanza('identity/oidc/scope/reports.reports.read', ['update'])),
    why: "web can rewrite the template of scope reports.reports.read, e.g. adding \"reports.reports.write\": true to every ID token and userinfo response of its users [A5, E].",
  },
  {
    id: 'exact-path/client-updates-own-token-role',
    category: E,
    base: 'headless',
    edit: (d) => addStanza(d, 'a2a-agent-test-client', stanza('identity/oidc/role/test-client.hello-world', ['update'])),
    why: "test-client can rewrite the template of the identity-token role it mints from, adding claims such as hello-world.super_hello_world.read [A5].",
  },
  {
    id: 'exact-path/bookkeeper-writes-entity-aliases',
    category: E,
    base: 'expense',
    edit: (d) => addStanza(d, 'a2a-agent-bookkeeper', stanza('identity/entity-alias', ['create', 'update'])),
    why: 'bookkeeper can bind any (mount accessor, name) alias to any entity, e.g. its own SPIFFE ID to the expense entity, and log in as a more privileged entity [A5, A4].',
  },
  {
    id: 'exact-path/server-resets-a-users-password',
    category: E,
    base: 'portal',
    edit: (d) => addStanza(d, 'a2a-agent-reports', stanza('auth/userpass/users/alice', ['create', 'update'])),
    why: "reports can set alice's userpass password (POST auth/userpass/users/:username) and log in as alice, whose alias is her user name, gaining her sign-in through web [A4; Vault userpass API].",
  },
  {
    id: 'exact-path/server-issues-secret-ids-of-another-approle',
    category: E,
    base: 'machines',
    edit: (d) => {
      addStanza(d, 'a2a-agent-ledger', stanza('auth/approle/role/cron/role-id', ['read']));
      addStanza(d, 'a2a-agent-ledger', stanza('auth/approle/role/cron/secret-id', ['update']));
    },
    why: "ledger can read cron's role_id and generate secret_ids for it, i.e. log in as cron and mint cron.ledger tokens [A3].",
  },
  {
    id: 'exact-path/agent-rewrites-own-policy',
    category: E,
    base: 'agent-registry',
    edit: (d) => addStanza(d, 'a2a-agent-travel-planner', stanza('sys/policy/a2a-agent-travel-planner', ['update'])),
    why: 'travel-planner can rewrite its own ACL policy through sys/policy/<name>, granting itself anything [A5].',
  },
  {
    id: 'exact-path/batch-updates-signing-key',
    category: E,
    base: 'portal',
    edit: (d) => addStanza(d, 'a2a-agent-batch', stanza('identity/oidc/key/portal', ['update'])),
    why: 'batch can set allowed_client_ids (e.g. "*") and the algorithm of the key every client and role of the stack signs with [A5, D1].',
  },
  {
    id: 'exact-path/client-lists-all-clients',
    category: E,
    base: 'hello-world',
    edit: (d) => addStanza(d, 'a2a-agent-test-client', stanza('identity/oidc/client', ['list'])),
    why: 'test-client gains LIST on identity/oidc/client (every client name and id; the list omits secrets): access it had none of [A5].',
  },
  {
    id: 'exact-path/summarizer-mints-mailer-call-tokens',
    category: E,
    base: 'delegation',
    edit: (d) => addStanza(d, 'a2a-agent-summarizer', stanza('identity/oidc/token/mailer.mail', ['read'])),
    why: "summarizer can mint mailer's call tokens for the mail server (mail.mail.send), a grant only mailer holds [A5].",
  },
  {
    id: 'exact-path/web-reads-admin-client-secret-json-escaped',
    category: E,
    base: 'portal',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-web');
      const text = jsonPolicy([...stanzas(p.policy), { path: 'identity/oidc/client/admin', capabilities: ['read'] }]);
      // JSON.stringify never escapes "/": write the escapes by hand, as a JSON decoder reads them.
      p.policy = text.replace('"identity/oidc/client/admin"', '"identity\\u002foidc\\u002fclient\\u002fadmin"');
    },
    why: "web's policy in Vault's JSON syntax, the new path written with \\u002f escapes, which HCL 1 unquotes with Go's strconv.Unquote (hcl v1 hcl/token/token.go), still reads identity/oidc/client/admin: admin's client secret [A5].",
  },
];
