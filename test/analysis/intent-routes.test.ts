/**
 * Issue #9, route by route: each widening of a synthesized stack is caught by `check --topology`
 * (A2A-INTENT-EXCESS naming the principal, the access and the resource, or A2A-MODEL-UNREADABLE
 * naming the block) and by `diff --fail-on-escalation` (the facts comparison); each equivalent
 * variant passes both. One topology covers every route (fixtures/routes.yaml), synthesized once.
 */
import * as path from 'path';
import { Testing } from 'cdktf';
import { checkStackSync } from '../../lib/checks/check';
import type { Finding } from '../../lib/checks/rule';
import { AgentTopologyStack } from '../../lib/constructs/stack';
import { accessFacts } from '../../lib/analysis/facts';
import { exchangeGrants, signInScopes } from '../../lib/analysis/facts-query';
import { parsePoliciesSync, accessOf } from '../../lib/analysis/analyze';
import { readStack } from '../../lib/analysis/stack';
import { diffStacks, hasEscalation } from '../../lib/review/stack-diff';
import { loadTopologyFile } from '../../lib/topology';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const FILE = path.join(__dirname, 'fixtures', 'routes.yaml');
const topology = loadTopologyFile(FILE);
const stack = new AgentTopologyStack(Testing.app(), 'routes', { topology });
const plan = stack.plan;
// `true`: CDKTF runs the validations, i.e. the Aspect with the plan, on the unmodified stack.
const BASE = Testing.synth(stack, true);
const base = (): Doc => JSON.parse(BASE);
/** alice's sign-in partition of chat (its Vault client, provider, assignment and may_act scope), whatever the naming's marker. */
const PART = plan.clients.map((c) => c.name).find((n) => /^chat\.may-act.*\.summarizer$/.test(n))!;
/** summarizer's exchange role for that partition. */
const XROLE = plan.delegation!.tokenExchange!.roles.find((r) => r.partition === PART)!.name;

/** The key of the one resource of `type` whose `field` is `value` (or ends with `/<value>` for paths). */
function key(doc: Doc, type: string, value: string, field = 'name'): string {
  const found = Object.keys(doc.resource[type] ?? {}).filter((k) => {
    const v = doc.resource[type][k][field];
    return v === value || (typeof v === 'string' && field === 'path' && v.endsWith(`/${value}`));
  });
  if (found.length !== 1) throw new Error(`expected one ${type} with ${field} ${value}, found ${found.length}`);
  return found[0]!;
}
const res = (doc: Doc, type: string, value: string, field = 'name') => doc.resource[type][key(doc, type, value, field)];
const address = (doc: Doc, type: string, value: string, field = 'name') => `${type}.${key(doc, type, value, field)}`;
const ref = (doc: Doc, type: string, value: string, attr: string, field = 'name') => `\${${address(doc, type, value, field)}.${attr}}`;
const addStanza = (doc: Doc, policy: string, stanza: string) => (res(doc, 'vault_policy', policy).policy += `\n${stanza}\n`);
const add = (doc: Doc, type: string, name: string, body: Doc) => ((doc.resource[type] ??= {})[name] = body);

const errors = (doc: Doc): Finding[] => checkStackSync(doc, { plan }).filter((f) => f.severity === 'error' && !f.suppressed);
const escalates = async (doc: Doc): Promise<boolean> => hasEscalation(await diffStacks([readStack(base(), { name: 'routes' })], [readStack(doc, { name: 'routes' })]));

interface Widening {
  readonly name: string;
  readonly mutate: (doc: Doc) => void;
  /** The finding expected: rule, principal (for A2A-INTENT-EXCESS), words of the message, and the resource it names. */
  readonly expect: (doc: Doc) => { rule: string; principal?: string; says: string; resource: string };
}

const EXCESS = 'A2A-INTENT-EXCESS';
const UNREADABLE = 'A2A-MODEL-UNREADABLE';
const policyOf = (doc: Doc, agent: string) => address(doc, 'vault_policy', `a2a-agent-${agent}`);

const WIDENINGS: Widening[] = [
  // Exact policy paths, no glob involved.
  {
    name: "an exact path reading another client's credentials",
    mutate: (d) => addStanza(d, 'a2a-agent-summarizer', 'path "identity/oidc/client/chat" { capabilities = ["read"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:agents/summarizer', says: 'reads the id and secret of OIDC client "chat"', resource: policyOf(d, 'summarizer') }),
  },
  {
    name: "an exact path minting another agent's identity tokens",
    mutate: (d) => addStanza(d, 'a2a-agent-batch', 'path "identity/oidc/token/bookkeeper.docs" { capabilities = ["read"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:approle:role batch', says: 'mints identity tokens of role "bookkeeper.docs"', resource: policyOf(d, 'batch') }),
  },
  {
    name: 'update on its own entity',
    mutate: (d) => addStanza(d, 'a2a-agent-chat', 'path "identity/entity/name/chat" { capabilities = ["update"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'attaches any policy to an entity', resource: policyOf(d, 'chat') }),
  },
  {
    name: 'update on a group',
    mutate: (d) => addStanza(d, 'a2a-agent-chat', 'path "identity/group/name/staff" { capabilities = ["update"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'add itself to any group', resource: policyOf(d, 'chat') }),
  },
  {
    name: 'update on its own login role',
    mutate: (d) => addStanza(d, 'a2a-agent-chat', 'path "auth/kubernetes/role/chat" { capabilities = ["update"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'writes login roles of auth mount "kubernetes"', resource: policyOf(d, 'chat') }),
  },
  {
    name: 'update on its provider',
    mutate: (d) => addStanza(d, 'a2a-agent-chat', 'path "identity/oidc/provider/chat" { capabilities = ["update"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'writes OIDC providers', resource: policyOf(d, 'chat') }),
  },
  {
    name: 'update on an assignment',
    mutate: (d) => addStanza(d, 'a2a-agent-chat', 'path "identity/oidc/assignment/chat" { capabilities = ["create", "update"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'writes OIDC assignments', resource: policyOf(d, 'chat') }),
  },
  {
    name: 'update on a scope',
    mutate: (d) => addStanza(d, 'a2a-agent-chat', 'path "identity/oidc/scope/summarizer.summarize.run" { capabilities = ["update"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'writes OIDC scopes', resource: policyOf(d, 'chat') }),
  },
  {
    name: 'update on an identity-token role',
    mutate: (d) => addStanza(d, 'a2a-agent-bookkeeper', 'path "identity/oidc/role/bookkeeper.docs" { capabilities = ["update"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:jwt-spiffe:sub=spiffe://example.org/ns/finance/sa/bookkeeper;aud=vault', says: 'writes identity-token roles', resource: policyOf(d, 'bookkeeper') }),
  },
  {
    name: 'update on an exchange role',
    mutate: (d) => addStanza(d, 'a2a-agent-summarizer', `path "identity-delegation/role/${XROLE}" { capabilities = ["update"] }`),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:agents/summarizer', says: 'configures the token exchange', resource: policyOf(d, 'summarizer') }),
  },
  // Policies attached by routes other than the login role.
  {
    name: "an entity's policies attribute",
    mutate: (d) => (res(d, 'vault_identity_entity', 'chat').policies = ['a2a-agent-docs']),
    expect: (d) => ({ rule: EXCESS, principal: 'entity:chat', says: 'verifies identity tokens', resource: address(d, 'vault_identity_entity', 'chat') }),
  },
  {
    name: 'vault_identity_entity_policies',
    mutate: (d) =>
      add(d, 'vault_identity_entity_policies', 'extra', { entity_id: ref(d, 'vault_identity_entity', 'bob', 'id'), policies: ['a2a-agent-docs'], exclusive: false }),
    expect: () => ({ rule: EXCESS, principal: 'login:userpass:bob', says: 'verifies identity tokens', resource: 'vault_identity_entity_policies.extra' }),
  },
  {
    name: 'vault_identity_group_policies',
    mutate: (d) => add(d, 'vault_identity_group_policies', 'extra', { group_id: ref(d, 'vault_identity_group', 'staff', 'id'), policies: ['a2a-agent-chat'] }),
    expect: () => ({ rule: EXCESS, principal: 'entity:alice', says: 'reads the id and secret of OIDC client "chat"', resource: 'vault_identity_group_policies.extra' }),
  },
  {
    name: 'a parent group: members of its subgroups inherit its policies',
    mutate: (d) => add(d, 'vault_identity_group', 'admins', { name: 'admins', type: 'internal', policies: ['a2a-agent-docs'], member_group_ids: [ref(d, 'vault_identity_group', 'staff', 'id')] }),
    expect: () => ({ rule: EXCESS, principal: 'login:userpass:alice', says: 'verifies identity tokens', resource: 'vault_identity_group.admins' }),
  },
  {
    name: 'an extra login-role policy written as a reference',
    mutate: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name').token_policies.push(ref(d, 'vault_policy', 'a2a-agent-docs', 'name')),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'verifies identity tokens', resource: policyOf(d, 'docs') }),
  },
  {
    name: 'an extra login-role policy written as a literal (in another case)',
    mutate: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name').token_policies.push('A2A-Agent-Docs'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'verifies identity tokens', resource: policyOf(d, 'docs') }),
  },
  {
    name: 'an extra login-role policy written as an expression',
    mutate: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name').token_policies.push('${join("", ["a2a-agent-", "docs"])}'),
    expect: (d) => ({ rule: UNREADABLE, says: 'token_policies is the expression', resource: address(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name') }),
  },
  {
    name: 'a policy Vault keeps but the stack does not define',
    mutate: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name').token_policies.push('ops-admin'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'holds policy ops-admin, which is not defined in the stack', resource: address(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name') }),
  },
  // Login bindings widened.
  {
    name: 'an extra service account',
    mutate: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'docs', 'role_name').bound_service_account_names.push('intruder'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/intruder', says: 'verifies identity tokens', resource: address(d, 'vault_kubernetes_auth_backend_role', 'docs', 'role_name') }),
  },
  {
    name: 'an extra namespace (any listed name in any listed namespace)',
    mutate: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'docs', 'role_name').bound_service_account_namespaces.push('sandbox'),
    expect: () => ({ rule: EXCESS, principal: 'login:kubernetes:sandbox/docs', says: 'is a credential that can log in', resource: 'vault_kubernetes_auth_backend_role' }),
  },
  {
    name: 'a namespace selector',
    mutate: (d) => (res(d, 'vault_kubernetes_auth_backend_role', 'docs', 'role_name').bound_service_account_namespace_selector = '{"matchLabels":{"team":"docs"}}'),
    expect: () => ({ rule: EXCESS, principal: 'login:kubernetes:{selector {"matchLabels":{"team":"docs"}}}/docs', says: 'is a credential that can log in', resource: 'vault_kubernetes_auth_backend_role' }),
  },
  {
    name: 'a JWT bound_claims list (any-of)',
    mutate: (d) => {
      const role = res(d, 'vault_jwt_auth_backend_role', 'bookkeeper', 'role_name');
      delete role.bound_subject;
      role.bound_claims = { sub: 'spiffe://example.org/ns/finance/sa/bookkeeper,spiffe://example.org/ns/finance/sa/intruder' };
    },
    expect: () => ({ rule: EXCESS, principal: 'login:jwt-spiffe:sub=spiffe://example.org/ns/finance/sa/intruder;aud=vault', says: 'is a credential that can log in', resource: 'vault_jwt_auth_backend_role' }),
  },
  {
    name: 'a JWT subject glob',
    mutate: (d) => {
      const role = res(d, 'vault_jwt_auth_backend_role', 'bookkeeper', 'role_name');
      delete role.bound_subject;
      Object.assign(role, { bound_claims_type: 'glob', bound_claims: { sub: 'spiffe://example.org/ns/finance/*' } });
    },
    expect: () => ({ rule: EXCESS, principal: 'login:jwt-spiffe:sub=spiffe://example.org/ns/finance/* (glob);aud=vault', says: 'is a credential that can log in', resource: 'vault_jwt_auth_backend_role' }),
  },
  {
    name: 'an extra bound audience',
    mutate: (d) => res(d, 'vault_jwt_auth_backend_role', 'bookkeeper', 'role_name').bound_audiences.push('anything'),
    expect: () => ({ rule: EXCESS, principal: 'login:jwt-spiffe:sub=spiffe://example.org/ns/finance/sa/bookkeeper;aud=anything', says: 'is a credential that can log in', resource: 'vault_jwt_auth_backend_role' }),
  },
  {
    name: 'an AppRole role that no longer needs a secret id',
    mutate: (d) => (res(d, 'vault_approle_auth_backend_role', 'batch', 'role_name').bind_secret_id = false),
    expect: () => ({ rule: EXCESS, principal: 'login:approle:role batch', says: 'login without a secret id (bind_secret_id = false) is yes', resource: 'vault_approle_auth_backend_role' }),
  },
  {
    name: 'a second Kubernetes role matching the same service account (a pod can use any role it matches)',
    mutate: (d) =>
      add(d, 'vault_kubernetes_auth_backend_role', 'second', {
        backend: 'kubernetes',
        role_name: 'second',
        bound_service_account_names: ['chat'],
        bound_service_account_namespaces: ['apps'],
        alias_name_source: 'serviceaccount_name',
        token_policies: ['a2a-agent-docs'],
        token_ttl: 900,
        token_max_ttl: 900,
        token_no_default_policy: true,
      }),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'verifies identity tokens', resource: policyOf(d, 'docs') }),
  },
  {
    name: 'a second JWT role for the same subject',
    mutate: (d) =>
      add(d, 'vault_jwt_auth_backend_role', 'second', {
        backend: 'jwt-spiffe',
        role_name: 'second',
        role_type: 'jwt',
        user_claim: 'sub',
        bound_subject: 'spiffe://example.org/ns/finance/sa/bookkeeper',
        bound_audiences: ['vault'],
        token_policies: ['a2a-agent-batch'],
        token_no_default_policy: true,
      }),
    expect: (d) => ({ rule: EXCESS, principal: 'login:jwt-spiffe:sub=spiffe://example.org/ns/finance/sa/bookkeeper;aud=vault', says: 'mints identity tokens of role "batch.docs"', resource: policyOf(d, 'batch') }),
  },
  {
    name: 'a Kubernetes role whose alias is the service account UID (not predictable)',
    mutate: (d) => (res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name').alias_name_source = 'serviceaccount_uid'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'whose alias name is not predictable', resource: address(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name') }),
  },
  {
    name: 'a JWT role naming the alias after an unbound claim',
    mutate: (d) => (res(d, 'vault_jwt_auth_backend_role', 'bookkeeper', 'role_name').user_claim = 'email'),
    expect: () => ({ rule: EXCESS, principal: 'login:jwt-spiffe:sub=spiffe://example.org/ns/finance/sa/bookkeeper;aud=vault', says: 'user_claim "email" is not bound', resource: 'vault_jwt_auth_backend_role' }),
  },
  {
    name: "the stack's own `default` policy (every token that keeps default gets it)",
    mutate: (d) => add(d, 'vault_policy', 'default', { name: 'default', policy: 'path "identity/oidc/client/chat" { capabilities = ["read"] }' }),
    expect: () => ({ rule: EXCESS, principal: 'login:userpass:carol', says: 'reads the id and secret of OIDC client "chat"', resource: 'vault_policy.default' }),
  },
  {
    name: 'a provider allowing every client',
    mutate: (d) => (res(d, 'vault_identity_oidc_provider', PART).allowed_client_ids = ['*']),
    expect: (d) => ({ rule: EXCESS, principal: 'oidc-client:chat', says: 'lets summarizer (client identity-token-role a2a.actor.summarizer) act', resource: address(d, 'vault_identity_oidc_provider', PART) }),
  },
  {
    name: 'a key signing for every client and role',
    mutate: (d) => (res(d, 'vault_identity_oidc_key', 'routes').allowed_client_ids = ['*']),
    expect: (d) => ({ rule: EXCESS, principal: 'key:routes', says: 'signs for every client and role', resource: address(d, 'vault_identity_oidc_key', 'routes') }),
  },
  {
    name: 'a client admitting everyone (allow_all)',
    mutate: (d) => res(d, 'vault_identity_oidc_client', 'chat').assignments.push('allow_all'),
    expect: (d) => ({ rule: EXCESS, principal: 'entity:alice', says: 'may sign in through OIDC client "chat"', resource: address(d, 'vault_identity_oidc_client', 'chat') }),
  },
  {
    name: 'an IdP group mapped onto an external group with policies',
    mutate: (d) => {
      add(d, 'vault_identity_group', 'contractors', { name: 'contractors', type: 'external', policies: ['a2a-agent-docs'] });
      add(d, 'vault_identity_group_alias', 'contractors', { name: 'contractors', mount_accessor: '${data.vault_auth_backend.' + Object.keys(d.data.vault_auth_backend).find((k) => d.data.vault_auth_backend[k].path === 'userpass') + '.accessor}', canonical_id: '${vault_identity_group.contractors.id}' });
    },
    expect: () => ({ rule: EXCESS, principal: 'group:contractors', says: 'takes in every login on userpass whose IdP groups include "contractors"', resource: 'vault_identity_group_alias.contractors' }),
  },
  {
    name: 'a group made a subgroup by vault_identity_group_member_group_ids',
    mutate: (d) => {
      add(d, 'vault_identity_group', 'admins', { name: 'admins', type: 'internal', policies: ['a2a-agent-batch'] });
      add(d, 'vault_identity_group_member_group_ids', 'admins', { group_id: '${vault_identity_group.admins.id}', member_group_ids: [ref(d, 'vault_identity_group', 'staff', 'id')], exclusive: false });
    },
    expect: () => ({ rule: EXCESS, principal: 'entity:bob', says: 'is a member of group "admins"', resource: 'vault_identity_group_member_group_ids.admins' }),
  },
  // Membership.
  {
    name: 'an extra entity in an assignment',
    mutate: (d) => res(d, 'vault_identity_oidc_assignment', 'chat').entity_ids.push(ref(d, 'vault_identity_entity', 'alice', 'id')),
    expect: (d) => ({ rule: EXCESS, principal: 'entity:alice', says: 'may sign in through OIDC client "chat"', resource: address(d, 'vault_identity_oidc_assignment', 'chat') }),
  },
  {
    name: "a group added to a partition's assignment (a user gains another's may_act)",
    mutate: (d) => res(d, 'vault_identity_oidc_assignment', PART).group_ids.push(ref(d, 'vault_identity_group', 'staff', 'id')),
    expect: (d) => ({ rule: EXCESS, principal: 'entity:bob', says: `may sign in through OIDC client "${PART}"`, resource: address(d, 'vault_identity_oidc_assignment', PART) }),
  },
  {
    name: 'an extra member entity by attribute',
    mutate: (d) => res(d, 'vault_identity_group', 'staff').member_entity_ids.push(ref(d, 'vault_identity_entity', 'carol', 'id')),
    expect: (d) => ({ rule: EXCESS, principal: 'entity:carol', says: 'is a member of group "staff"', resource: address(d, 'vault_identity_group', 'staff') }),
  },
  {
    name: 'an extra member entity by member resource and data-source lookup',
    mutate: (d) => {
      (d.data.vault_identity_entity ??= {}).carol = { entity_name: 'carol' };
      add(d, 'vault_identity_group_member_entity_ids', 'extra', { group_id: ref(d, 'vault_identity_group', 'staff', 'id'), member_entity_ids: ['${data.vault_identity_entity.carol.id}'], exclusive: false });
    },
    expect: () => ({ rule: EXCESS, principal: 'entity:carol', says: 'is a member of group "staff"', resource: 'vault_identity_group_member_entity_ids.extra' }),
  },
  {
    name: 'aliases swapped: a login lands on another entity',
    mutate: (d) => {
      const [alice, bob] = [res(d, 'vault_identity_entity_alias', 'alice'), res(d, 'vault_identity_entity_alias', 'bob')];
      [alice.name, bob.name] = ['bob', 'alice'];
    },
    expect: (d) => ({ rule: EXCESS, principal: 'login:userpass:bob', says: 'lands on entity "alice"', resource: address(d, 'vault_identity_entity_alias', 'alice') }),
  },
  {
    name: "an alias renamed to another agent's service account",
    mutate: (d) => (res(d, 'vault_identity_entity_alias', 'agents/summarizer').name = 'apps/chat'),
    expect: (d) => ({ rule: UNREADABLE, says: 'is also written by', resource: address(d, 'vault_identity_entity_alias', 'agents/summarizer') }),
  },
  // Claims.
  {
    name: 'an extra true claim in a scope template',
    mutate: (d) => (res(d, 'vault_identity_oidc_scope', 'summarizer.summarize.run').template = '{"summarizer.summarize.run":true,"admin":true}'),
    expect: (d) => ({ rule: EXCESS, principal: 'oidc-client:chat', says: 'adds the claim "admin": true', resource: address(d, 'vault_identity_oidc_scope', 'summarizer.summarize.run') }),
  },
  {
    name: 'an extra claim with a JSON-escaped key',
    mutate: (d) => (res(d, 'vault_identity_oidc_scope', 'summarizer.summarize.run').template = '{"summarizer.summarize.run":true,"\\u0061dmin":true}'),
    expect: (d) => ({ rule: EXCESS, principal: 'oidc-client:chat', says: 'adds the claim "admin": true', resource: address(d, 'vault_identity_oidc_scope', 'summarizer.summarize.run') }),
  },
  {
    name: 'an extra claim in an identity-token role template',
    mutate: (d) => (res(d, 'vault_identity_oidc_role', 'bookkeeper.docs').template = '{"docs.documents.read":true,"docs.documents.write":true}'),
    expect: (d) => ({ rule: EXCESS, principal: 'identity-token-role:bookkeeper.docs', says: 'adds the claim "docs.documents.write": true', resource: address(d, 'vault_identity_oidc_role', 'bookkeeper.docs') }),
  },
  // Terraform level.
  {
    name: 'vault_generic_endpoint creating a login role',
    mutate: (d) => add(d, 'vault_generic_endpoint', 'sneaky', { path: 'auth/kubernetes/role/sneaky', data_json: '{"bound_service_account_names":["*"],"bound_service_account_namespaces":["*"],"token_policies":["a2a-agent-docs"]}' }),
    expect: () => ({ rule: UNREADABLE, says: 'auth/kubernetes/role/sneaky', resource: 'vault_generic_endpoint.sneaky' }),
  },
  {
    name: 'vault_generic_endpoint creating a group',
    mutate: (d) => add(d, 'vault_generic_endpoint', 'group', { path: 'identity/group', data_json: '{"name":"admins","policies":["a2a-agent-docs"]}' }),
    expect: () => ({ rule: UNREADABLE, says: 'identity/group', resource: 'vault_generic_endpoint.group' }),
  },
  {
    name: 'a second vault_policy with the same name, applied later',
    mutate: (d) => add(d, 'vault_policy', 'zz_later', { name: 'a2a-agent-chat', policy: 'path "identity/oidc/client/chat" { capabilities = ["read"] }\npath "sys/*" { capabilities = ["sudo", "update"] }', depends_on: [policyOf(d, 'chat')] }),
    expect: () => ({ rule: UNREADABLE, says: 'the last write wins', resource: 'vault_policy.zz_later' }),
  },
  {
    name: 'a data source the model does not read',
    mutate: (d) => ((d.data.vault_generic_secret ??= {}).creds = { path: 'secret/agents' }),
    expect: () => ({ rule: UNREADABLE, says: 'vault_generic_secret is not modelled', resource: 'data.vault_generic_secret.creds' }),
  },
  {
    name: 'a template computed by jsonencode',
    mutate: (d) => (res(d, 'vault_identity_oidc_scope', 'summarizer.summarize.run').template = '${jsonencode({"summarizer.summarize.run" = true, admin = true})}'),
    expect: (d) => ({ rule: UNREADABLE, says: 'template is the expression', resource: address(d, 'vault_identity_oidc_scope', 'summarizer.summarize.run') }),
  },
  {
    name: 'count on a modelled resource',
    mutate: (d) => (res(d, 'vault_identity_entity', 'chat').count = 2),
    expect: (d) => ({ rule: UNREADABLE, says: 'count makes how many objects exist', resource: address(d, 'vault_identity_entity', 'chat') }),
  },
  {
    name: 'lifecycle.ignore_changes on a policy: Terraform keeps whatever Vault holds',
    mutate: (d) => (res(d, 'vault_policy', 'a2a-agent-chat').lifecycle = { ignore_changes: ['policy'] }),
    expect: (d) => ({ rule: UNREADABLE, says: 'ignore_changes covers policy', resource: policyOf(d, 'chat') }),
  },
  {
    name: 'lifecycle.ignore_changes = all on a login role',
    mutate: (d) => (res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name').lifecycle = { ignore_changes: 'all' }),
    expect: (d) => ({ rule: UNREADABLE, says: 'ignore_changes covers', resource: address(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name') }),
  },
  {
    name: 'token_period: a periodic token renews forever',
    mutate: (d) => (res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name').token_period = 300),
    expect: (d) => ({ rule: EXCESS, principal: 'login:kubernetes:apps/chat', says: 'login token lifetime (renewals included) is unbounded', resource: address(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name') }),
  },
  // Delegation.
  {
    name: 'a may_act scope naming another actor',
    mutate: (d) => {
      const scope = res(d, 'vault_identity_oidc_scope', PART);
      const claims = JSON.parse(scope.template);
      // An array of entries, or RFC 8693's single object: either way, one more actor.
      const extra = { client_id: ref(d, 'vault_identity_oidc_role', 'bookkeeper.docs', 'client_id'), sub: ref(d, 'vault_identity_entity', 'bookkeeper', 'id') };
      claims.may_act = [...(Array.isArray(claims.may_act) ? claims.may_act : [claims.may_act]), extra];
      scope.template = JSON.stringify(claims);
    },
    expect: (d) => ({ rule: EXCESS, principal: `oidc-client:${PART}`, says: 'lets bookkeeper (client identity-token-role bookkeeper.docs) act', resource: address(d, 'vault_identity_oidc_scope', PART) }),
  },
  {
    name: "an actor reading another actor's token role",
    mutate: (d) => addStanza(d, 'a2a-agent-batch', 'path "identity/oidc/token/a2a.actor.summarizer" { capabilities = ["read"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'login:approle:role batch', says: 'mints identity tokens of role "a2a.actor.summarizer"', resource: policyOf(d, 'batch') }),
  },
  {
    name: "an exchange role's context widened",
    mutate: (d) => {
      const role = res(d, 'vault_generic_endpoint', XROLE, 'path');
      const data = JSON.parse(role.data_json);
      data.context.push('docs.documents.write');
      role.data_json = JSON.stringify(data);
    },
    expect: () => ({ rule: EXCESS, principal: `exchange-role:identity-delegation/${XROLE}`, says: 'puts scope "docs.documents.write" in delegated tokens', resource: 'vault_generic_endpoint' }),
  },
  {
    name: "an exchange role's audience widened to another partition",
    mutate: (d) => {
      const role = res(d, 'vault_generic_endpoint', XROLE, 'path');
      const data = JSON.parse(role.data_json);
      data.bound_audiences.push(ref(d, 'vault_identity_oidc_client', 'chat', 'client_id'));
      data.bound_issuer = '';
      role.data_json = JSON.stringify(data);
    },
    expect: () => ({ rule: EXCESS, principal: `exchange-role:identity-delegation/${XROLE}`, says: 'accepts the ID tokens of bob', resource: 'vault_generic_endpoint' }),
  },
  // Registry.
  {
    name: 'a wider registry ceiling',
    mutate: (d) => addStanza(d, 'a2a-ceiling-summarizer', 'path "identity/oidc/token/*" { capabilities = ["read"] }'),
    expect: (d) => ({ rule: EXCESS, principal: 'entity:summarizer', says: 'its registry ceiling allows read on "identity/oidc/token/*"', resource: address(d, 'vault_policy', 'a2a-ceiling-summarizer') }),
  },
  {
    name: 'RAR made optional',
    mutate: (d) => (res(d, 'vault_agent_registration', 'summarizer', 'display_name').optional_authorization_details = true),
    expect: (d) => ({ rule: EXCESS, principal: 'entity:summarizer', says: 'may call without authorization_details', resource: address(d, 'vault_agent_registration', 'summarizer', 'display_name') }),
  },
];

interface Equivalent {
  readonly name: string;
  readonly mutate: (doc: Doc) => void;
}

const EQUIVALENTS: Equivalent[] = [
  {
    name: 'bound_subject X written as bound_claims {sub: X}',
    mutate: (d) => {
      const role = res(d, 'vault_jwt_auth_backend_role', 'bookkeeper', 'role_name');
      role.bound_claims = { sub: role.bound_subject };
      delete role.bound_subject;
    },
  },
  {
    name: 'a JSON policy equal to its HCL',
    mutate: (d) => {
      // The same stanzas, read off the HCL the constructs wrote, as a JSON document.
      const policy = res(d, 'vault_policy', 'a2a-agent-chat');
      const stanzas = [...(policy.policy as string).matchAll(/path "([^"]+)" \{\s*capabilities = (\[[^\]]*\])/g)];
      expect(stanzas.length).toBeGreaterThan(0);
      policy.policy = JSON.stringify({ path: Object.fromEntries(stanzas.map(([, p, caps]) => [p, { capabilities: JSON.parse(caps!) }])) });
    },
  },
  {
    name: 'shorter TTLs and an explicit max TTL',
    mutate: (d) => {
      const role = res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name');
      Object.assign(role, { token_ttl: 300, token_max_ttl: 600, token_explicit_max_ttl: 600 });
      res(d, 'vault_identity_oidc_client', 'chat').id_token_ttl = 300;
      res(d, 'vault_identity_oidc_role', 'bookkeeper.docs').ttl = 60;
    },
  },
  {
    name: 'lifecycle settings that change how Terraform replaces an object, not what it grants',
    mutate: (d) => {
      res(d, 'vault_policy', 'a2a-agent-chat').lifecycle = { create_before_destroy: true, prevent_destroy: true };
      // An empty list ignores nothing.
      res(d, 'vault_identity_oidc_provider', 'chat').lifecycle = { ignore_changes: [] };
    },
  },
  {
    name: 'an added deny',
    mutate: (d) => addStanza(d, 'a2a-agent-chat', `path "identity/oidc/client/${PART}" { capabilities = ["deny"] }`),
  },
  {
    name: 'literal names instead of references',
    mutate: (d) => {
      res(d, 'vault_kubernetes_auth_backend_role', 'chat', 'role_name').token_policies = ['a2a-agent-chat'];
      res(d, 'vault_identity_oidc_provider', 'chat').scopes_supported = ['summarizer.summarize.run'];
      res(d, 'vault_identity_oidc_client', 'chat').key = 'routes';
      res(d, 'vault_identity_oidc_client', 'chat').assignments = ['chat'];
    },
  },
  {
    name: 'a JSON-escaped key and reordered keys in a template',
    mutate: (d) => (res(d, 'vault_identity_oidc_role', 'bookkeeper.docs').template = '{"docs\\u002edocuments.read" : true}'),
  },
  {
    name: 'token bound CIDRs and a shorter secret id TTL added',
    mutate: (d) => Object.assign(res(d, 'vault_approle_auth_backend_role', 'batch', 'role_name'), { token_bound_cidrs: ['10.0.0.0/8'], secret_id_ttl: 3600, secret_id_num_uses: 1 }),
  },
  {
    name: "an exchange role's issuer and the engine's JWKS written as the provider's literal URL",
    mutate: (d) => {
      const role = res(d, 'vault_generic_endpoint', XROLE, 'path');
      const data = JSON.parse(role.data_json);
      data.bound_issuer = `https://vault.example.com:8200/v1/identity/oidc/provider/${PART}`;
      role.data_json = JSON.stringify(data);
      const config = res(d, 'vault_generic_endpoint', 'config', 'path');
      const c = JSON.parse(config.data_json);
      c.subject_jwks_uri = `https://vault.example.com:8200/v1/identity/oidc/provider/${PART}/.well-known/keys`;
      config.data_json = JSON.stringify(c);
    },
  },
  {
    name: 'bound_claims_type glob with values that hold no wildcard',
    mutate: (d) => Object.assign(res(d, 'vault_jwt_auth_backend_role', 'bookkeeper', 'role_name'), { bound_claims_type: 'glob', bound_claims: { sub: 'spiffe://example.org/ns/finance/sa/bookkeeper' } }),
  },
  {
    name: 'descriptions and list order changed',
    mutate: (d) => {
      res(d, 'vault_identity_oidc_scope', 'summarizer.summarize.run').description = 'Run summaries (reworded)';
      res(d, 'vault_identity_group', 'staff').member_entity_ids.reverse();
      res(d, 'vault_agent_registration', 'summarizer', 'display_name').description = 'reworded';
    },
  },
  {
    name: 'a Terraform address renamed (references follow)',
    mutate: (d) => {
      const oldKey = key(d, 'vault_policy', 'a2a-agent-chat');
      const text = JSON.stringify(d).split(`vault_policy.${oldKey}`).join('vault_policy.renamed_chat_policy');
      const renamed = JSON.parse(text);
      renamed.resource.vault_policy.renamed_chat_policy = renamed.resource.vault_policy[oldKey];
      delete renamed.resource.vault_policy[oldKey];
      for (const k of Object.keys(d)) delete d[k];
      Object.assign(d, renamed);
    },
  },
];

describe('every route of issue #9: a widening is caught by check --topology and diff --fail-on-escalation', () => {
  test('the synthesized stack has no findings and no escalation against itself', async () => {
    expect(errors(base())).toEqual([]);
    expect(await escalates(base())).toBe(false);
  });

  test.each(WIDENINGS.map((w) => [w.name, w]))('%s', async (_name, w) => {
    const doc = base();
    const want = w.expect(base());
    w.mutate(doc);
    const found = errors(doc).filter((f) => f.rule === want.rule && (want.principal === undefined || f.principal === want.principal));
    const matching = found.filter((f) => f.message.includes(want.says) && (f.resource.includes(want.resource) || f.message.includes(want.resource)));
    if (matching.length === 0) throw new Error(`no ${want.rule} finding for ${want.principal ?? 'the block'} saying "${want.says}" and naming ${want.resource}; found:\n${errors(doc).map((f) => `${f.rule} ${f.principal ?? ''} ${f.resource}: ${f.message}`).join('\n')}`);
    expect(await escalates(doc)).toBe(true);
  });

  test.each(EQUIVALENTS.map((e) => [e.name, e]))('equivalent, passes both: %s', async (_name, e) => {
    const doc = base();
    e.mutate(doc);
    expect(errors(doc).map((f) => `${f.rule} ${f.principal ?? ''} ${f.resource}: ${f.message}`)).toEqual([]);
    expect(await escalates(doc)).toBe(false);
  });
});

describe('suppressions with a reason', () => {
  const widened = () => {
    const doc = base();
    addStanza(doc, 'a2a-agent-chat', 'path "identity/oidc/token/summarizer.docs" { capabilities = ["read"] }');
    return doc;
  };

  test('an A2A-INTENT-EXCESS finding is matched by principal or by resource', () => {
    const doc = widened();
    for (const resource of ['login:kubernetes:apps/chat', policyOf(doc, 'chat')]) {
      const findings = checkStackSync(doc, { plan, suppressions: [{ rule: EXCESS, resource, reason: 'reviewed in SEC-1' }] }).filter((f) => f.rule === EXCESS);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.suppressed && f.reason === 'reviewed in SEC-1')).toBe(true);
    }
  });

  test('an A2A-MODEL-UNREADABLE finding is suppressed in the document', () => {
    const doc = base();
    add(doc, 'null_resource', 'hook', { '//': { a2a_suppressions: [{ rule: UNREADABLE, reason: 'runs a notification script only' }] } });
    const found = checkStackSync(doc, { plan }).filter((f) => f.rule === UNREADABLE);
    expect(found).toEqual([expect.objectContaining({ resource: 'null_resource.hook', suppressed: true, reason: 'runs a notification script only' })]);
  });

  test("a topology's per-agent suppression reaches the agent's findings and no other agent's", () => {
    const suppressed = new AgentTopologyStack(Testing.app(), 'routes', {
      topology: { ...topology, agents: topology.agents.map((a) => (a.name === 'chat' ? { ...a, suppressions: [{ rule: EXCESS, reason: 'chat mints summaries by design (SEC-2)' }] } : a)) },
    });
    const doc = widened();
    addStanza(doc, 'a2a-agent-batch', 'path "identity/oidc/token/summarizer.docs" { capabilities = ["read"] }');
    const { agentSuppressions } = jest.requireActual('../../lib/constructs/least-privilege') as typeof import('../../lib/constructs/least-privilege');
    const findings = checkStackSync(doc, { plan: suppressed.plan, suppressions: agentSuppressions(suppressed.topology) }).filter((f) => f.rule === EXCESS);
    expect(findings.find((f) => f.principal === 'login:kubernetes:apps/chat')).toMatchObject({ suppressed: true });
    expect(findings.find((f) => f.principal === 'login:approle:role batch')?.suppressed).toBeUndefined();
  });
});

test('a stack granting less than its topology: A2A-INTENT-MISSING (warning), and no escalation', async () => {
  const doc = base();
  res(doc, 'vault_identity_oidc_assignment', 'chat').entity_ids = [];
  const warnings = checkStackSync(doc, { plan }).filter((f) => f.rule === 'A2A-INTENT-MISSING');
  expect(warnings.map((f) => f.principal)).toEqual(expect.arrayContaining(['entity:bob', 'entity:carol']));
  expect(warnings.every((f) => f.severity === 'warning')).toBe(true);
  expect(await escalates(doc)).toBe(false);
});

test('the facts expose, per exchange role, the users it accepts and the scopes it yields, and what each user can obtain by signing in', () => {
  const stack = readStack(base(), { name: 'routes' });
  const facts = accessFacts(accessOf(stack, parsePoliciesSync(stack)).model);
  expect(exchangeGrants(facts)).toEqual([{ mount: 'identity-delegation', role: XROLE, users: ['alice'], scopes: ['docs.documents.read'] }]);
  // Besides the grants, every client agent's provider offers the scope naming the agent (a2a-agent.<agent>).
  expect(signInScopes(facts, 'alice')).toEqual(['a2a-agent.chat', PART, 'docs.documents.read', 'summarizer.summarize.run'].sort());
  expect(signInScopes(facts, 'bob')).toEqual(['a2a-agent.chat', 'docs.documents.read', 'summarizer.summarize.run']);
});

describe('the jest matchers use the same comparison', () => {
  beforeAll(() => (jest.requireActual('../../lib/checks/jest') as typeof import('../../lib/checks/jest')).setupLeastPrivilegeMatchers());

  test('toMatchIntendedAccess passes on the synthesized stack (given the plan or the topology) and names each difference', () => {
    expect(base()).toMatchIntendedAccess(plan);
    expect(base()).toMatchIntendedAccess(topology);
    const doc = base();
    addStanza(doc, 'a2a-agent-chat', 'path "identity/oidc/token/summarizer.docs" { capabilities = ["read"] }');
    res(doc, 'vault_identity_oidc_assignment', 'chat').entity_ids = [];
    expect(() => expect(doc).toMatchIntendedAccess(plan)).toThrow(/more than intended:\n.*a login on mount "kubernetes" as apps\/chat can read on "identity\/oidc\/token\/summarizer.docs"[\s\S]*less than intended:\n.*entity "bob" may sign in through OIDC client "chat"/);
  });

  test('toPassLeastPrivilege with the plan fails on an excess', () => {
    const doc = base();
    res(doc, 'vault_identity_group', 'staff').policies = ['a2a-agent-docs'];
    expect(base()).toPassLeastPrivilege({ plan });
    expect(() => expect(doc).toPassLeastPrivilege({ plan })).toThrow(/A2A-INTENT-EXCESS/);
  });
});
