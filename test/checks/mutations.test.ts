/**
 * Mutation suite: every good fixture passes with zero findings; each kind of widening applied to
 * a good fixture is caught by the rule meant to catch it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkStack, checkStackSync } from '../../lib/checks/check';
import { AUDITED, INTENTS, SCENARIOS } from './fixtures/scenarios';
import { data, Doc, fixture, res } from './support';

interface Mutation {
  readonly name: string;
  readonly fixture: (typeof SCENARIOS)[number];
  readonly rule: string;
  readonly mutate: (doc: Doc) => void;
  readonly withIntent?: boolean;
}

const AUDIT = 'vault_audit';
const AUDIT_HEADER = 'vault_audit_request_header';

const KEY = 'vault_identity_oidc_key';
const CLIENT = 'vault_identity_oidc_client';
const PROVIDER = 'vault_identity_oidc_provider';
const SCOPE = 'vault_identity_oidc_scope';
const ROLE = 'vault_identity_oidc_role';
const POLICY = 'vault_policy';
const K8S = 'vault_kubernetes_auth_backend_role';
const JWT = 'vault_jwt_auth_backend_role';
const APPROLE = 'vault_approle_auth_backend_role';
const REGISTRATION = 'vault_agent_registration';
const PROFILE = 'vault_oauth_resource_server_config_profile';

const CA_PEM = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'identity-provider', 'agents-ca.pem'), 'utf8');

/** A foreign cert login role holding test-client's policy, with the given name constraints. */
const addCertRole = (doc: Doc, names: Record<string, string[]>) => {
  doc.resource.vault_cert_auth_backend_role = {
    bot: { backend: 'cert', name: 'bot', certificate: CA_PEM, token_policies: ['${vault_policy.policy_test-client.name}'], token_ttl: 900, token_max_ttl: 900, token_no_default_policy: true, ...names },
  };
};

const addStanza = (doc: Doc, policy: string, stanza: string) => {
  res(doc, POLICY, policy).policy += `\n${stanza}\n`;
};

const MUTATIONS: Mutation[] = [
  { name: 'key allows "*"', fixture: 'hello-world', rule: 'A2A-KEY-WILDCARD', mutate: (d) => (res(d, KEY, 'key_hello-world').allowed_client_ids = ['*']) },
  {
    name: 'key_allowed_client_id adds "*"',
    fixture: 'headless',
    rule: 'A2A-KEY-WILDCARD',
    mutate: (d) => (res(d, 'vault_identity_oidc_key_allowed_client_id', 'key_role_test-client_hello-world').allowed_client_id = '*'),
  },
  { name: 'client falls back to the built-in default key', fixture: 'hello-world', rule: 'A2A-KEY-WILDCARD', mutate: (d) => delete res(d, CLIENT, 'client_test-client').key },
  { name: 'identity-token role signs with "default"', fixture: 'headless', rule: 'A2A-KEY-WILDCARD', mutate: (d) => (res(d, ROLE, 'role_test-client_hello-world').key = 'default') },
  { name: 'provider allows "*"', fixture: 'hello-world', rule: 'A2A-PROVIDER-WILDCARD', mutate: (d) => (res(d, PROVIDER, 'provider_test-client').allowed_client_ids = ['*']) },
  { name: 'client uses allow_all', fixture: 'hello-world', rule: 'A2A-ASSIGNMENT-ALLOW-ALL', mutate: (d) => (res(d, CLIENT, 'client_test-client').assignments = ['allow_all']) },
  {
    name: 'a second client joins a provider (no intent)',
    fixture: 'two-clients',
    rule: 'A2A-PROVIDER-SHARED',
    mutate: (d) => res(d, PROVIDER, 'provider_test-client').allowed_client_ids.push('${vault_identity_oidc_client.client_admin-client.client_id}'),
  },
  {
    name: 'a second client with other grants joins a provider (intent)',
    fixture: 'two-clients',
    rule: 'A2A-PROVIDER-SCOPE-EXCESS',
    withIntent: true,
    mutate: (d) => res(d, PROVIDER, 'provider_admin-client').allowed_client_ids.push('${vault_identity_oidc_client.client_test-client.client_id}'),
  },
  {
    name: 'a provider offers a scope its client was not granted (intent)',
    fixture: 'two-clients',
    rule: 'A2A-PROVIDER-SCOPE-EXCESS',
    withIntent: true,
    mutate: (d) => res(d, PROVIDER, 'provider_test-client').scopes_supported.push('${vault_identity_oidc_scope.scope_hello-world_super_hello_world_read.name}'),
  },
  {
    name: 'two scopes of one provider set the same claim',
    fixture: 'two-clients',
    rule: 'A2A-SCOPE-CLAIM-COLLISION',
    mutate: (d) => (res(d, SCOPE, 'scope_hello-world_super_hello_world_read').template = '{"hello-world.hello_world.read":true}'),
  },
  {
    name: 'a scope sets "sub"',
    fixture: 'hello-world',
    rule: 'A2A-RESERVED-CLAIM',
    mutate: (d) => (res(d, SCOPE, 'scope_hello-world_hello_world_read').template = '{"hello-world.hello_world.read":true,"sub":"{{identity.entity.name}}"}'),
  },
  {
    name: 'an identity-token role sets "aud"',
    fixture: 'headless',
    rule: 'A2A-RESERVED-CLAIM',
    mutate: (d) => (res(d, ROLE, 'role_test-client_hello-world').template = '{"hello-world.hello_world.read":true,"aud":"everyone"}'),
  },
  { name: 'a scope template is not JSON', fixture: 'hello-world', rule: 'A2A-TEMPLATE-INVALID', mutate: (d) => (res(d, SCOPE, 'scope_hello-world_hello_world_read').template = 'hello_world:read') },
  {
    name: 'policy reads every client secret',
    fixture: 'hello-world',
    rule: 'A2A-POLICY-GLOB-REACH',
    mutate: (d) => (res(d, POLICY, 'policy_test-client').policy = 'path "identity/oidc/client/*" {\n  capabilities = ["read"]\n}\n'),
  },
  {
    name: 'policy mints every identity token',
    fixture: 'headless',
    rule: 'A2A-POLICY-GLOB-REACH',
    mutate: (d) => (res(d, POLICY, 'policy_test-client').policy = 'path "identity/oidc/token/+" {\n  capabilities = ["read"]\n}\n'),
  },
  {
    name: 'policy uses + for the object kind',
    fixture: 'hello-world',
    rule: 'A2A-POLICY-GLOB-REACH',
    mutate: (d) => (res(d, POLICY, 'policy_test-client').policy = 'path "identity/oidc/+/test-client" {\n  capabilities = ["read"]\n}\n'),
  },
  {
    name: 'JSON-form policy with a token glob',
    fixture: 'expense',
    rule: 'A2A-POLICY-GLOB-REACH',
    mutate: (d) => (res(d, POLICY, 'policy_bookkeeper').policy = JSON.stringify({ path: { 'identity/oidc/token/*': { capabilities: ['read'] } } })),
  },
  {
    name: 'policy document rule on identity/*',
    fixture: 'expense',
    rule: 'A2A-POLICY-GLOB-REACH',
    mutate: (d) => (data(d, 'vault_policy_document', 'policy_document_travel-planner').rule[0].path = 'identity/*'),
  },
  {
    name: 'a group gets a policy reading every client secret',
    fixture: 'hello-world',
    rule: 'A2A-POLICY-GLOB-REACH',
    mutate: (d) => {
      d.resource[POLICY].ops = { name: 'ops', policy: 'path "identity/oidc/client/*" { capabilities = ["read", "list"] }' };
      res(d, 'vault_identity_group', 'group_agent').policies = ['${vault_policy.ops.name}'];
    },
  },
  { name: 'policy grants a secrets glob', fixture: 'hello-world', rule: 'A2A-POLICY-GLOB', mutate: (d) => addStanza(d, 'policy_test-client', 'path "secret/data/app/*" { capabilities = ["read"] }') },
  {
    name: 'policy grants sudo',
    fixture: 'hello-world',
    rule: 'A2A-POLICY-SUDO',
    mutate: (d) => (res(d, POLICY, 'policy_test-client').policy = 'path "identity/oidc/client/test-client" { capabilities = ["read", "sudo"] }'),
  },
  { name: 'policy reaches sys/', fixture: 'headless', rule: 'A2A-POLICY-SYS', mutate: (d) => addStanza(d, 'policy_hello-world', 'path "sys/mounts" { capabilities = ["read"] }') },
  { name: 'legacy write on a glob reaching sys/', fixture: 'headless', rule: 'A2A-POLICY-SYS', mutate: (d) => addStanza(d, 'policy_hello-world', 'path "s*" { policy = "write" }') },
  {
    name: 'policy creates tokens',
    fixture: 'headless',
    rule: 'A2A-POLICY-TOKEN-CREATE',
    mutate: (d) => addStanza(d, 'policy_test-client', 'path "auth/token/create" { capabilities = ["update"] }'),
  },
  { name: 'policy has a syntax error', fixture: 'hello-world', rule: 'A2A-POLICY-PARSE', mutate: (d) => (res(d, POLICY, 'policy_test-client').policy = 'path "identity/oidc/client/test-client" {\n  capabilities = ["read"\n') },
  {
    name: 'policy has an unknown capability',
    fixture: 'hello-world',
    rule: 'A2A-POLICY-PARSE',
    mutate: (d) => (res(d, POLICY, 'policy_test-client').policy = 'path "identity/oidc/client/test-client" { capabilities = ["write"] }'),
  },
  { name: 'login role issues root tokens', fixture: 'hello-world', rule: 'A2A-POLICY-ROOT', mutate: (d) => res(d, K8S, 'login_test-client').token_policies.push('root') },
  { name: 'entity gets root', fixture: 'headless', rule: 'A2A-POLICY-ROOT', mutate: (d) => (res(d, 'vault_identity_entity', 'entity_test-client').policies = ['root']) },
  { name: 'login role attaches a policy from elsewhere', fixture: 'hello-world', rule: 'A2A-POLICY-UNKNOWN', mutate: (d) => res(d, K8S, 'login_test-client').token_policies.push('ops-admin') },
  { name: 'access token lives 2h', fixture: 'hello-world', rule: 'A2A-TTL-OIDC-TOKEN', mutate: (d) => (res(d, CLIENT, 'client_test-client').access_token_ttl = 7200) },
  { name: 'ID token TTL left to the 24h default', fixture: 'hello-world', rule: 'A2A-TTL-OIDC-TOKEN', mutate: (d) => delete res(d, CLIENT, 'client_test-client').id_token_ttl },
  { name: 'identity token lives "2h"', fixture: 'expense', rule: 'A2A-TTL-IDENTITY-TOKEN', mutate: (d) => (res(d, ROLE, 'role_bookkeeper_expense').ttl = '2h') },
  { name: 'login token lives a day', fixture: 'headless', rule: 'A2A-TTL-LOGIN-TOKEN', mutate: (d) => (res(d, K8S, 'login_hello-world').token_ttl = 86400) },
  { name: 'login token max TTL unset (768h)', fixture: 'expense', rule: 'A2A-TTL-LOGIN-TOKEN', mutate: (d) => delete res(d, JWT, 'login_bookkeeper').token_max_ttl },
  { name: 'login tokens are periodic', fixture: 'headless', rule: 'A2A-TTL-LOGIN-TOKEN', mutate: (d) => (res(d, K8S, 'login_test-client').token_period = '1h') },
  { name: 'kubernetes role bound to any service account', fixture: 'hello-world', rule: 'A2A-LOGIN-K8S-BINDING', mutate: (d) => (res(d, K8S, 'login_test-client').bound_service_account_names = ['*']) },
  { name: 'kubernetes role without namespaces', fixture: 'headless', rule: 'A2A-LOGIN-K8S-BINDING', mutate: (d) => delete res(d, K8S, 'login_hello-world').bound_service_account_namespaces },
  { name: 'jwt role without subject', fixture: 'expense', rule: 'A2A-LOGIN-JWT-BINDING', mutate: (d) => delete res(d, JWT, 'login_bookkeeper').bound_subject },
  { name: 'jwt role without audiences', fixture: 'expense', rule: 'A2A-LOGIN-JWT-BINDING', mutate: (d) => (res(d, JWT, 'login_bookkeeper').bound_audiences = []) },
  { name: 'approle without secret id', fixture: 'two-clients', rule: 'A2A-LOGIN-APPROLE-BINDING', mutate: (d) => (res(d, APPROLE, 'login_admin-client').bind_secret_id = false) },
  { name: 'approle secret ids never expire (ttl unset)', fixture: 'two-clients', rule: 'A2A-LOGIN-APPROLE-SECRET-ID', mutate: (d) => delete res(d, APPROLE, 'login_admin-client').secret_id_ttl },
  { name: 'approle secret ids never expire (ttl 0)', fixture: 'two-clients', rule: 'A2A-LOGIN-APPROLE-SECRET-ID', mutate: (d) => (res(d, APPROLE, 'login_admin-client').secret_id_ttl = 0) },
  { name: 'approle secret ids live 30 days', fixture: 'two-clients', rule: 'A2A-LOGIN-APPROLE-SECRET-ID', mutate: (d) => (res(d, APPROLE, 'login_admin-client').secret_id_ttl = 2592000) },
  { name: 'signing key rotates once a year', fixture: 'hello-world', rule: 'A2A-KEY-ROTATION', mutate: (d) => (res(d, KEY, 'key_hello-world').rotation_period = 31536000) },
  { name: 'rotated-out keys stay trusted for 90 days', fixture: 'headless', rule: 'A2A-KEY-ROTATION', mutate: (d) => (res(d, KEY, 'key_headless').verification_ttl = '2160h') },
  { name: 'signing key rotation only known after apply', fixture: 'expense', rule: 'A2A-KEY-ROTATION', mutate: (d) => (res(d, KEY, 'key_expense').rotation_period = '${var.rotation}') },
  {
    name: 'client secret in an output',
    fixture: 'hello-world',
    rule: 'A2A-OUTPUT-SECRET',
    mutate: (d) => (d.output.secret = { value: '${vault_identity_oidc_client.client_test-client.client_secret}' }),
  },
  { name: 'whole client in an output', fixture: 'hello-world', rule: 'A2A-OUTPUT-SECRET', mutate: (d) => (d.output.client = { value: '${vault_identity_oidc_client.client_test-client}' }) },
  { name: 'provider without https', fixture: 'hello-world', rule: 'A2A-PROVIDER-HTTPS', mutate: (d) => (res(d, PROVIDER, 'provider_test-client').https_enabled = false) },
  {
    name: 'key lists the client that names it',
    fixture: 'hello-world',
    rule: 'A2A-REFERENCE-CYCLE',
    mutate: (d) => (res(d, KEY, 'key_hello-world').allowed_client_ids = ['${vault_identity_oidc_client.client_test-client.client_id}']),
  },
  // Scenario 5: agent registry and resource-server profiles.
  { name: 'a registration makes RAR optional', fixture: 'agent-registry', rule: 'A2A-RAR-OPTIONAL', mutate: (d) => (res(d, REGISTRATION, 'registration_expense').optional_authorization_details = true) },
  { name: 'a profile makes RAR optional', fixture: 'agent-registry', rule: 'A2A-RAR-OPTIONAL', mutate: (d) => (res(d, PROFILE, 'profile_corporate-idp').optional_authorization_details = true) },
  {
    name: 'RAR optional with an in-document suppression that gives no reason',
    fixture: 'agent-registry',
    rule: 'A2A-RAR-OPTIONAL',
    mutate: (d) => {
      const r = res(d, REGISTRATION, 'registration_travel-planner');
      r.optional_authorization_details = true;
      r['//'] = { a2a_suppressions: [{ rule: 'A2A-RAR-OPTIONAL', reason: '  ' }] };
    },
  },
  { name: 'a registration without ceiling policies', fixture: 'agent-registry', rule: 'A2A-REGISTRY-NO-CEILING', mutate: (d) => delete res(d, REGISTRATION, 'registration_expense').ceiling_policies },
  { name: "a registration keeps Vault's default ceiling", fixture: 'agent-registry', rule: 'A2A-REGISTRY-NO-CEILING', mutate: (d) => delete res(d, REGISTRATION, 'registration_expense').no_default_ceiling_policy },
  {
    name: 'a ceiling allows a path the agent is not granted',
    fixture: 'agent-registry',
    rule: 'A2A-REGISTRY-CEILING-EXCESS',
    mutate: (d) => addStanza(d, 'ceiling_travel-planner', 'path "identity/oidc/token/bookkeeper.expense" { capabilities = ["read"] }'),
  },
  {
    name: 'a ceiling allows an extra capability on a granted path',
    fixture: 'agent-registry',
    rule: 'A2A-REGISTRY-CEILING-EXCESS',
    mutate: (d) => (res(d, POLICY, 'ceiling_expense').policy = 'path "identity/oidc/introspect" { capabilities = ["update", "read"] }'),
  },
  {
    name: 'a ceiling is a glob over every identity token',
    fixture: 'agent-registry',
    rule: 'A2A-REGISTRY-CEILING-EXCESS',
    mutate: (d) => (res(d, POLICY, 'ceiling_travel-planner').policy = 'path "identity/oidc/token/*" { capabilities = ["read"] }'),
  },
  {
    name: 'a registration adds another agent\'s policy to its ceiling',
    fixture: 'agent-registry',
    rule: 'A2A-REGISTRY-CEILING-EXCESS',
    mutate: (d) => res(d, REGISTRATION, 'registration_expense').ceiling_policies.push('${vault_policy.policy_travel-planner.name}'),
  },
  {
    name: "a registered agent's entity gets another agent's policy",
    fixture: 'agent-registry',
    rule: 'A2A-REGISTRY-ENTITY-EXCESS',
    mutate: (d) => (res(d, 'vault_identity_entity', 'entity_travel-planner').policies = ['${vault_policy.policy_expense.name}']),
  },
  {
    name: 'a registered agent\'s entity gets a glob through an entity-policies resource',
    fixture: 'agent-registry',
    rule: 'A2A-REGISTRY-ENTITY-EXCESS',
    mutate: (d) => {
      d.resource[POLICY]['wide'] = { name: 'wide', policy: 'path "identity/oidc/token/*" { capabilities = ["read"] }' };
      d.resource['vault_identity_entity_policies'] = { wide: { entity_id: '${vault_identity_entity.entity_expense.id}', policies: ['${vault_policy.wide.name}'] } };
    },
  },
  { name: 'a profile without audiences', fixture: 'agent-registry', rule: 'A2A-PROFILE-AUDIENCE', mutate: (d) => delete res(d, PROFILE, 'profile_corporate-idp').audiences },
  { name: 'a profile fetches keys over http', fixture: 'agent-registry', rule: 'A2A-PROFILE-JWKS-HTTPS', mutate: (d) => (res(d, PROFILE, 'profile_corporate-idp').jwks_uri = 'http://login.example.com/oauth2/agents/v1/keys') },
  { name: 'a profile tolerates 5 minutes of skew', fixture: 'agent-registry', rule: 'A2A-PROFILE-CLOCK-SKEW', mutate: (d) => (res(d, PROFILE, 'profile_corporate-idp').clock_skew_leeway = 300) },
  { name: 'a profile accepts all nine algorithms', fixture: 'agent-registry', rule: 'A2A-PROFILE-ALGORITHMS', mutate: (d) => delete res(d, PROFILE, 'profile_corporate-idp').supported_algorithms },
  {
    name: 'a profile accepts four algorithms',
    fixture: 'agent-registry',
    rule: 'A2A-PROFILE-ALGORITHMS',
    mutate: (d) => (res(d, PROFILE, 'profile_corporate-idp').supported_algorithms = ['RS256', 'RS384', 'RS512', 'PS256']),
  },
  { name: 'a disabled profile', fixture: 'agent-registry', rule: 'A2A-PROFILE-DISABLED', mutate: (d) => (res(d, PROFILE, 'profile_corporate-idp').enabled = false) },
  { name: 'the prebuilt 5.6.0 pin with registry resources', fixture: 'agent-registry', rule: 'A2A-PROVIDER-FLOOR', mutate: (d) => (d.terraform.required_providers.vault.version = '5.6.0') },
  { name: 'a pessimistic ~> 5.0 constraint', fixture: 'agent-registry', rule: 'A2A-PROVIDER-FLOOR', mutate: (d) => (d.terraform.required_providers.vault.version = '~> 5.0') },
  { name: 'no vault provider version at all', fixture: 'agent-registry', rule: 'A2A-PROVIDER-FLOOR', mutate: (d) => delete d.terraform.required_providers.vault.version },
  // Cert logins, on any stack: a role without a name constraint, or with a glob.
  { name: 'a cert role pins no name', fixture: 'hello-world', rule: 'A2A-LOGIN-CERT-BINDING', mutate: (d) => addCertRole(d, {}) },
  { name: 'a cert role pins only an OU', fixture: 'hello-world', rule: 'A2A-LOGIN-CERT-BINDING', mutate: (d) => addCertRole(d, { allowed_organizational_units: ['agents'] }) },
  { name: 'a cert role allows every common name of a domain', fixture: 'hello-world', rule: 'A2A-LOGIN-CERT-BINDING', mutate: (d) => addCertRole(d, { allowed_common_names: ['*.agents.example.org'] }) },
  { name: 'a cert role allows every SPIFFE ID of a trust domain', fixture: 'hello-world', rule: 'A2A-LOGIN-CERT-BINDING', mutate: (d) => addCertRole(d, { allowed_uri_sans: ['spiffe://example.org/*'] }) },
  // What the access model cannot read fails closed, with or without a topology.
  { name: 'a resource type the model does not read', fixture: 'hello-world', rule: 'A2A-MODEL-UNREADABLE', mutate: (d) => (d.resource.vault_token_auth_backend_role = { ops: { role_name: 'ops', allowed_policies: ['root'] } }) },
  { name: 'for_each on a policy', fixture: 'hello-world', rule: 'A2A-MODEL-UNREADABLE', mutate: (d) => (res(d, POLICY, 'policy_test-client').for_each = '${toset(var.agents)}') },
  // Names every object inherits are not in the model's tables: each is as unknown as any other.
  { name: 'a resource type named like an inherited property', fixture: 'hello-world', rule: 'A2A-MODEL-UNREADABLE', mutate: (d) => (d.resource.toString = { x: { path: 'sys/policies/acl/admin' } }) },
  { name: 'an argument named like an inherited property', fixture: 'hello-world', rule: 'A2A-MODEL-UNREADABLE', mutate: (d) => (res(d, POLICY, 'policy_test-client').constructor = '${var.x}') },
  { name: 'a top-level block named like an inherited property', fixture: 'hello-world', rule: 'A2A-MODEL-UNREADABLE', mutate: (d) => (d.hasOwnProperty = { x: 1 }) },
  // Audit devices and headers are written from the root namespace through an aliased provider; only
  // an alias that is the stack's own Vault (same address, nothing else) and only for them is read.
  {
    name: 'an audit device through a provider alias with a namespace',
    fixture: 'expense',
    rule: 'A2A-MODEL-UNREADABLE',
    mutate: (d) => {
      d.provider.vault.push({ alias: 'other', address: 'https://vault.example.com:8200', namespace: 'elsewhere' });
      res(d, AUDIT, 'audit_file').provider = 'vault.other';
    },
  },
  {
    name: 'an audit device through a provider alias for another Vault',
    fixture: 'expense',
    rule: 'A2A-MODEL-UNREADABLE',
    mutate: (d) => {
      d.provider.vault.push({ alias: 'root', address: 'https://vault.other.example.com:8200' });
      res(d, AUDIT, 'audit_file').provider = 'vault.root';
    },
  },
  {
    name: 'a policy through the root-namespace alias',
    fixture: 'expense',
    rule: 'A2A-MODEL-UNREADABLE',
    mutate: (d) => {
      d.provider.vault.push({ alias: 'root', address: 'https://vault.example.com:8200' });
      res(d, POLICY, 'policy_expense').provider = 'vault.root';
    },
  },
  { name: 'an entity in a namespace of its own', fixture: 'two-clients', rule: 'A2A-MODEL-UNREADABLE', mutate: (d) => (res(d, 'vault_identity_entity', 'entity_end-user').namespace = 'other') },
  // The audit trail (issue #13).
  { name: 'every audit device removed (intent: required)', fixture: 'expense', rule: 'A2A-AUDIT-REQUIRED', withIntent: true, mutate: (d) => delete d.resource[AUDIT] },
  { name: 'an audit device logs raw', fixture: 'expense', rule: 'A2A-AUDIT-SECRETS', mutate: (d) => (res(d, AUDIT, 'audit_syslog').options.log_raw = 'true') },
  { name: 'log_raw only known after apply', fixture: 'expense', rule: 'A2A-AUDIT-SECRETS', mutate: (d) => (res(d, AUDIT, 'audit_file').options.log_raw = '${var.raw}') },
  {
    name: 'X-Vault-Token audited in plaintext',
    fixture: 'expense',
    rule: 'A2A-AUDIT-SECRETS',
    mutate: (d) => (d.resource[AUDIT_HEADER]['audit_header_token'] = { name: 'X-Vault-Token', hmac: false }),
  },
  { name: 'Authorization audited with hmac unset', fixture: 'expense', rule: 'A2A-AUDIT-SECRETS', mutate: (d) => (d.resource[AUDIT_HEADER]['audit_header_auth'] = { name: 'authorization' }) },
];

/** The topology's intent for a fixture: its client scopes, and whether it requires an audit trail. */
const intentOf = (fixture: string) => ({ intent: INTENTS[fixture], ...(AUDITED.has(fixture) ? { auditRequired: true } : {}) });
const options = (m: Pick<Mutation, 'fixture' | 'withIntent'>) => (m.withIntent ? intentOf(m.fixture) : {});

describe('good fixtures', () => {
  test.each(SCENARIOS.map((s) => [s]))('%s has no findings, with and without intent', async (name) => {
    expect(await checkStack(fixture(name))).toEqual([]);
    expect(await checkStack(fixture(name), intentOf(name))).toEqual([]);
  });
});

describe('each widening is caught by its rule', () => {
  test.each(MUTATIONS.map((m) => [m.name, m]))('%s', (_name, m) => {
    const doc = fixture(m.fixture);
    m.mutate(doc);
    const findings = checkStackSync(doc, options(m));
    expect(findings.map((f) => f.rule)).toContain(m.rule);
    const caught = findings.filter((f) => f.rule === m.rule);
    for (const f of caught) expect(f.suppressed).toBeUndefined();
  });

  it('covers at least 20 kinds of widening and every rule', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(20);
    const { RULES } = jest.requireActual('../../lib/checks/rules') as typeof import('../../lib/checks/rules');
    // The delegation rules are mutated on the synthesized delegation example (these fixtures have
    // no may_act or exchange engine); that suite must name each of them in an expectation.
    const delegationSuite = fs.readFileSync(path.join(__dirname, 'delegation.test.ts'), 'utf8');
    const elsewhere = ['A2A-MAYACT-EXCESS', 'A2A-MAYACT-GROUP-REACH', 'A2A-EXCHANGE-UNBOUND', 'A2A-EXCHANGE-MAYACT', 'A2A-EXCHANGE-NON-ACTOR', 'A2A-DELEGATION-BOUND'];
    for (const id of elsewhere) expect(delegationSuite).toContain(`'${id} `);
    // The intent rules need a plan: test/analysis/intent-routes.test.ts mutates a synthesized stack route by route.
    const intentSuite = fs.readFileSync(path.join(__dirname, '..', 'analysis', 'intent-routes.test.ts'), 'utf8');
    const withPlan = ['A2A-INTENT-EXCESS', 'A2A-INTENT-MISSING'];
    for (const id of withPlan) expect(intentSuite).toContain(`'${id}'`);
    // Where the stack writes, compared with the topology's vault settings: its own suite.
    const targetSuite = fs.readFileSync(path.join(__dirname, 'intent-target.test.ts'), 'utf8');
    expect(targetSuite).toContain(`'A2A-INTENT-TARGET'`);
    const caught = new Set([...MUTATIONS.map((m) => m.rule), ...elsewhere, ...withPlan, 'A2A-INTENT-TARGET']);
    expect(RULES.map((r) => r.id).filter((id) => !caught.has(id))).toEqual([]);
  });

  it('the async path (hcl2json parse) finds exactly what the sync path finds', async () => {
    for (const m of MUTATIONS) {
      const doc = fixture(m.fixture);
      m.mutate(doc);
      expect(await checkStack(doc, options(m))).toEqual(checkStackSync(doc, options(m)));
    }
  });
});
