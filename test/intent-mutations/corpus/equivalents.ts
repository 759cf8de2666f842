/**
 * Edits that give nobody more access: the same access written differently (`same`), or strictly
 * less (`narrower`). `check --topology` must stay clean and `diff --fail-on-escalation` must pass.
 */
import { addData, addResource, dataRef, editJson, hclPolicy, jsonPolicy, key, renameResource, res, reverseKeys, stanza, stanzas } from '../edit';
import type { Equivalent } from '../types';

const JWT = 'vault_jwt_auth_backend_role';
const K8S = 'vault_kubernetes_auth_backend_role';

export const EQUIVALENTS: readonly Equivalent[] = [
  {
    id: 'same/jwt-bound-subject-as-bound-claims',
    base: 'expense',
    kind: 'same',
    edit: (d) => {
      const role = res(d, JWT, 'bookkeeper');
      role.bound_claims = { sub: role.bound_subject };
      delete role.bound_subject;
    },
    why: 'bound_subject: X and bound_claims {sub: X} (string type, no comma) are both exact equality on sub [A2].',
  },
  {
    id: 'same/jwt-bound-subject-as-typed-bound-claims',
    base: 'machines',
    kind: 'same',
    edit: (d) => {
      const role = res(d, JWT, 'builder');
      role.bound_claims = { sub: role.bound_subject };
      role.bound_claims_type = 'string';
      delete role.bound_subject;
    },
    why: "the same move with bound_claims_type 'string' written out (Vault's default) [A2].",
  },
  {
    id: 'same/jwt-bound-claims-parsing-disabled',
    base: 'machines',
    kind: 'same',
    edit: (d) => {
      const role = res(d, JWT, 'deployer');
      role.bound_claims = { sub: role.bound_subject };
      role.disable_bound_claims_parsing = true;
      delete role.bound_subject;
    },
    why: 'with comma parsing disabled a single value is one exact sub, as bound_subject is [A2].',
  },
  {
    id: 'same/jwt-subject-bound-twice',
    base: 'machines',
    kind: 'same',
    edit: (d) => {
      const role = res(d, JWT, 'builder');
      role.bound_claims = { sub: role.bound_subject };
    },
    why: 'bound_subject and bound_claims {sub} both required (AND) and equal: the same single subject [A2].',
  },
  {
    id: 'same/policy-hcl-as-json',
    base: 'hello-world',
    kind: 'same',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-test-client');
      p.policy = jsonPolicy(stanzas(p.policy));
    },
    why: "Vault's JSON policy syntax with the same path and capabilities is the same policy [A5, vault-facts ACL].",
  },
  {
    id: 'same/multi-stanza-policy-as-json',
    base: 'delegation',
    kind: 'same',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-summarizer');
      p.policy = jsonPolicy(stanzas(p.policy));
    },
    why: "summarizer's five stanzas in JSON syntax: the same paths and capabilities [vault-facts ACL].",
  },
  {
    id: 'same/json-policy-with-unicode-escapes',
    base: 'portal',
    kind: 'same',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-web');
      p.policy = jsonPolicy(stanzas(p.policy)).replace('"identity/oidc/client/web"', '"identity\\u002foidc\\u002fclient\\u002fweb"');
    },
    why: "Vault parses JSON policies with HCL 1, which unquotes JSON strings with Go's strconv.Unquote: \\u002f is '/', the same path identity/oidc/client/web (hcl v1 hcl/token/token.go) [vault-facts ACL].",
  },
  {
    id: 'narrower/login-token-ttl-shorter',
    base: 'headless',
    kind: 'narrower',
    edit: (d) => {
      const role = res(d, K8S, 'test-client');
      role.token_ttl = 300;
      role.token_max_ttl = 300;
    },
    why: 'login tokens live 5 minutes instead of 15: less access in time [A6].',
  },
  {
    id: 'narrower/client-token-ttls-shorter',
    base: 'hello-world',
    kind: 'narrower',
    edit: (d) => {
      const client = res(d, 'vault_identity_oidc_client', 'test-client');
      client.id_token_ttl = 300;
      client.access_token_ttl = 300;
    },
    why: 'ID and access tokens live 5 minutes instead of 15 [vault-facts OIDC client].',
  },
  {
    id: 'narrower/identity-token-ttl-shorter',
    base: 'expense',
    kind: 'narrower',
    edit: (d) => (res(d, 'vault_identity_oidc_role', 'bookkeeper.expense').ttl = 600),
    why: "bookkeeper's identity tokens live 10 minutes instead of 15 [D1].",
  },
  {
    id: 'same/deny-on-a-path-not-granted',
    base: 'portal',
    kind: 'same',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-web');
      p.policy = `${p.policy}\n${stanza('identity/oidc/client/admin', ['deny'])}\n`;
    },
    why: "a deny on a path web was never granted changes nothing (deny only removes) [vault-facts ACL].",
  },
  {
    id: 'same/deny-glob',
    base: 'hello-world',
    kind: 'same',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-test-client');
      p.policy = `${p.policy}\n${stanza('sys/*', ['deny'])}\n`;
    },
    why: 'a deny on sys/* grants nothing and test-client had no sys/ access to lose [vault-facts ACL].',
  },
  {
    id: 'same/literal-policy-name-in-login-role',
    base: 'expense',
    kind: 'same',
    edit: (d) => (res(d, K8S, 'travel-planner').token_policies = ['a2a-agent-travel-planner']),
    why: 'the literal name of the same policy instead of a reference to it [A5].',
  },
  {
    id: 'same/literal-assignment-name-in-client',
    base: 'hello-world',
    kind: 'same',
    edit: (d) => (res(d, 'vault_identity_oidc_client', 'test-client').assignments = ['test-client']),
    why: 'the client names its assignment literally instead of by reference [A5].',
  },
  {
    id: 'same/literal-scope-name-in-provider',
    base: 'hello-world',
    kind: 'same',
    edit: (d) => (res(d, 'vault_identity_oidc_provider', 'test-client').scopes_supported = ['hello-world.hello_world.read']),
    why: 'the provider names its one scope literally instead of by reference [A5].',
  },
  {
    id: 'same/rename-policy-resource',
    base: 'portal',
    kind: 'same',
    edit: (d) => renameResource(d, 'vault_policy', key(d, 'vault_policy', 'a2a-agent-web'), 'web_policy'),
    why: 'a Terraform resource rename (references updated) changes no Vault object [A8: Vault keys policies by name].',
  },
  {
    id: 'same/rename-entity-resource',
    base: 'delegation',
    kind: 'same',
    edit: (d) => renameResource(d, 'vault_identity_entity', key(d, 'vault_identity_entity', 'summarizer'), 'summarizer'),
    why: "renaming summarizer's entity resource, with every reference (aliases, may_act templates, exchange roles) updated, changes no Vault object [A4].",
  },
  {
    id: 'same/reorder-policy-stanzas',
    base: 'delegation',
    kind: 'same',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-chat');
      p.policy = hclPolicy(stanzas(p.policy).reverse());
    },
    why: 'stanza order carries no meaning in a Vault policy [vault-facts ACL].',
  },
  {
    id: 'same/reorder-lists-and-keys',
    base: 'portal',
    kind: 'same',
    edit: (d) => {
      const provider = res(d, 'vault_identity_oidc_provider', 'admin');
      provider.scopes_supported.reverse();
      for (const type of Object.keys(d.resource)) d.resource[type] = reverseKeys(d.resource[type]);
      d.resource = reverseKeys(d.resource);
    },
    why: "scopes_supported is a set and JSON key order means nothing to Terraform [A5].",
  },
  {
    id: 'same/split-policy-across-two',
    base: 'delegation',
    kind: 'same',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-summarizer');
      const all = stanzas(p.policy);
      const exchange = all.filter((s) => s.path.startsWith('identity-delegation/'));
      const rest = all.filter((s) => !s.path.startsWith('identity-delegation/'));
      p.policy = hclPolicy(rest);
      addResource(d, 'vault_policy', 'summarizer_exchange', { name: 'a2a-agent-summarizer-exchange', policy: hclPolicy(exchange) });
      res(d, K8S, 'summarizer').token_policies.push('${vault_policy.summarizer_exchange.name}');
    },
    why: "summarizer's stanzas split over two policies, both attached to its login role: the union is the same [vault-facts ACL: attached policies merge].",
  },
  {
    id: 'narrower/remove-a-capability',
    base: 'delegation',
    kind: 'narrower',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-mailer');
      p.policy = hclPolicy(stanzas(p.policy).map((s) => ({ ...s, capabilities: s.capabilities.filter((c) => c !== 'update') })));
    },
    why: "mailer keeps create but loses update on its exchange path: strictly less [vault-facts ACL].",
  },
  {
    id: 'narrower/remove-a-stanza',
    base: 'delegation',
    kind: 'narrower',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-chat');
      p.policy = hclPolicy(stanzas(p.policy).filter((s) => s.path !== 'identity/oidc/client/chat'));
    },
    why: "chat no longer reads the client of its non-delegating partition: strictly less [A5].",
  },
  {
    id: 'same/policy-document-data-source',
    base: 'expense',
    kind: 'same',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-travel-planner');
      addData(d, 'vault_policy_document', 'travel_planner', {
        rule: stanzas(p.policy).map((s) => ({ path: s.path, capabilities: [...s.capabilities], description: s.comments.join(' ') })),
      });
      p.policy = '${data.vault_policy_document.travel_planner.hcl}';
    },
    why: "a vault_policy_document data source rendering the same rule is the same policy [vault-facts ACL].",
  },
  {
    id: 'same/duplicate-namespace-entry',
    base: 'headless',
    kind: 'same',
    edit: (d) => res(d, K8S, 'hello-world').bound_service_account_namespaces.push('default'),
    why: 'a namespace listed twice admits the same service accounts [A1].',
  },
  {
    id: 'same/duplicate-audience-entry',
    base: 'expense',
    kind: 'same',
    edit: (d) => res(d, JWT, 'bookkeeper').bound_audiences.push('vault'),
    why: 'an audience listed twice is the same any-of set [A2].',
  },
  {
    id: 'same/policy-comments-and-layout',
    base: 'hello-world',
    kind: 'same',
    edit: (d) => (res(d, 'vault_policy', 'a2a-agent-test-client').policy = 'path "identity/oidc/client/test-client" { capabilities = ["read"] }'),
    why: 'one-line HCL without the comment: the same stanza [vault-facts ACL].',
  },
  {
    id: 'same/scope-template-reformatted',
    base: 'hello-world',
    kind: 'same',
    edit: (d) => (res(d, 'vault_identity_oidc_scope', 'hello-world.hello_world.read').template = '{\n  "hello-world.hello_world.read" : true\n}\n'),
    why: 'whitespace in a JSON template is not a claim [E].',
  },
  {
    id: 'same/token-role-template-escaped-same-key',
    base: 'headless',
    kind: 'same',
    edit: (d) => (res(d, 'vault_identity_oidc_role', 'test-client.hello-world').template = '{"hello-world.hello\\u005fworld.read":true}'),
    why: '\\u005f is "_": the decoder reads the same key hello-world.hello_world.read [E].',
  },
  {
    id: 'same/group-description-changed',
    base: 'portal',
    kind: 'same',
    edit: (d) => (res(d, 'vault_identity_group', 'staff').metadata = { description: 'Everyone on the payroll' }),
    why: 'group metadata that no template reads grants nothing [A7, E].',
  },
  {
    id: 'same/unattached-policy-added',
    base: 'portal',
    kind: 'same',
    edit: (d) => addResource(d, 'vault_policy', 'audit_reader', { name: 'a2a-audit-reader', policy: `${stanza('identity/oidc/client/admin', ['read'])}\n` }),
    why: 'a policy no login role, entity or group attaches is carried by no token [A5, A6].',
  },
  {
    id: 'narrower/k8s-audience-added',
    base: 'portal',
    kind: 'narrower',
    edit: (d) => (res(d, K8S, 'web').audience = 'vault'),
    why: "the role now also requires aud 'vault' in the service-account JWT [A1].",
  },
  {
    id: 'narrower/user-removed-from-assignment',
    base: 'portal',
    kind: 'narrower',
    edit: (d) => (res(d, 'vault_identity_oidc_assignment', 'web').entity_ids = []),
    why: 'carol can no longer sign in through web [A5].',
  },
  {
    id: 'narrower/group-removed-from-assignment',
    base: 'hello-world',
    kind: 'narrower',
    edit: (d) => (res(d, 'vault_identity_oidc_assignment', 'test-client').group_ids = []),
    why: 'group agent no longer admits anyone; end-user is still listed directly [A5, A7].',
  },
  {
    id: 'narrower/exchange-ttl-shorter',
    base: 'delegation',
    kind: 'narrower',
    edit: (d) => editJson(res(d, 'vault_generic_endpoint', 'role/summarizer.chat.may-act.summarizer'), 'data_json', (j) => (j.ttl = '5m0s')),
    why: "summarizer's delegated tokens for alice live 5 minutes instead of 15 [vault-facts Delegation].",
  },
  {
    id: 'same/assignment-duplicate-entry',
    base: 'portal',
    kind: 'same',
    edit: (d) => {
      const a = res(d, 'vault_identity_oidc_assignment', 'web');
      a.entity_ids.push(a.entity_ids[0]);
    },
    why: 'Vault deduplicates assignment entity_ids on write [A5].',
  },
  {
    id: 'same/depends-on-added',
    base: 'expense',
    kind: 'same',
    edit: (d) => (res(d, K8S, 'travel-planner').depends_on = [`vault_policy.${key(d, 'vault_policy', 'a2a-agent-travel-planner')}`]),
    why: 'an explicit dependency on the policy the role already references changes only ordering [A8 needs duplicates for order to matter].',
  },
  {
    id: 'narrower/key-rotation-shorter',
    base: 'headless',
    kind: 'narrower',
    edit: (d) => {
      const k = res(d, 'vault_identity_oidc_key', 'headless');
      k.rotation_period = 3600;
      k.verification_ttl = 3600;
    },
    why: 'the signing key rotates hourly and old keys verify for an hour (still ≥ the 15-minute token TTL) [D1].',
  },
  {
    id: 'same/entity-metadata-unused',
    base: 'hello-world',
    kind: 'same',
    edit: (d) => (res(d, 'vault_identity_entity', 'end-user').metadata = { team: 'qa' }),
    why: 'entity metadata that no scope or role template reads grants nothing [E].',
  },
  {
    id: 'same/duplicate-capability',
    base: 'hello-world',
    kind: 'same',
    edit: (d) => (res(d, 'vault_policy', 'a2a-agent-test-client').policy = `${stanza('identity/oidc/client/test-client', ['read', 'read'])}\n`),
    why: 'a capability listed twice is the same set [vault-facts ACL].',
  },
  {
    id: 'narrower/approle-secret-id-limits',
    base: 'machines',
    kind: 'narrower',
    edit: (d) => {
      const role = res(d, 'vault_approle_auth_backend_role', 'cron');
      role.secret_id_ttl = 600;
      role.secret_id_num_uses = 1;
    },
    why: "cron's secret ids expire after 10 minutes and one use instead of never [A3, D3].",
  },
  {
    id: 'same/registration-description-changed',
    base: 'agent-registry',
    kind: 'same',
    edit: (d) => (res(d, 'vault_agent_registration', 'travel-planner').description = 'Plans trips'),
    why: 'a registration description grants nothing [G].',
  },
  {
    id: 'narrower/profile-clock-skew-smaller',
    base: 'agent-registry',
    kind: 'narrower',
    edit: (d) => (res(d, 'vault_oauth_resource_server_config_profile', 'corporate-idp').clock_skew_leeway = 10),
    why: 'the profile tolerates 10 s of skew instead of 30 [vault-facts profile].',
  },
  {
    id: 'narrower/redirect-uri-removed',
    base: 'hello-world',
    kind: 'narrower',
    edit: (d) => res(d, 'vault_identity_oidc_client', 'test-client').redirect_uris.pop(),
    why: 'one redirect URI fewer: codes can be sent to fewer places [A5].',
  },
  {
    id: 'same/may-act-entry-keys-reordered',
    base: 'delegation',
    kind: 'same',
    edit: (d) =>
      editJson(res(d, 'vault_identity_oidc_scope', 'chat.may-act.mailer.summarizer'), 'template', (t) => {
        t.may_act = t.may_act.map((e: Record<string, string>) => reverseKeys(e));
      }),
    why: 'key order inside the may_act objects means nothing to a JSON decoder [E].',
  },
  {
    id: 'same/scope-description-changed',
    base: 'portal',
    kind: 'same',
    edit: (d) => (res(d, 'vault_identity_oidc_scope', 'reports.reports.write').description = 'Write reports'),
    why: 'a scope description is shown on consent screens, not a claim [E].',
  },
  {
    id: 'same/rename-login-role-resource',
    base: 'machines',
    kind: 'same',
    edit: (d) => renameResource(d, JWT, key(d, JWT, 'builder'), 'builder_login'),
    why: "a Terraform rename of builder's JWT role: the same role on the same mount [A2].",
  },
  {
    id: 'same/own-policy-name-in-other-case',
    base: 'portal',
    kind: 'same',
    edit: (d) => (res(d, K8S, 'web').token_policies = ['A2A-Agent-Web']),
    why: "Vault resolves 'A2A-Agent-Web' to a2a-agent-web (policy names are lower-cased): web keeps exactly its own policy [A8].",
  },
  {
    id: 'same/reference-instead-of-literal-mount-path',
    base: 'expense',
    kind: 'same',
    edit: (d) => (res(d, JWT, 'bookkeeper').backend = dataRef(d, 'vault_auth_backend', 'jwt-spiffe', 'path')),
    why: "the role's backend given as a reference to the mount data source whose path is jwt-spiffe: the same mount [A2].",
  },
  // The audit trail and the client generation grant nobody anything (issue #13 parts 1 and 2).
  {
    id: 'same/audit-header-hmac',
    base: 'operations',
    kind: 'same',
    edit: (d) => {
      const table = d.resource.vault_audit_request_header as Record<string, { name: string; hmac: boolean }>;
      const header = Object.values(table).find((h) => h.name === 'User-Agent');
      if (!header) throw new Error('no audited User-Agent header');
      header.hmac = true;
    },
    why: 'hashing an audited header changes what the log shows, not what anybody may do in Vault [C1].',
  },
  {
    id: 'same/client-generation-raised',
    base: 'operations',
    kind: 'same',
    edit: (d) => {
      const table = d.resource.terraform_data as Record<string, { triggers_replace: { client: string; generation: number } }>;
      const data = Object.values(table).find((t) => t.triggers_replace.client === 'dashboard');
      if (!data) throw new Error('no generation of client dashboard');
      data.triggers_replace.generation = 3;
    },
    why: "a new generation replaces dashboard's client (a new client_id and secret), with the same assignment, provider and scopes [D2].",
  },
  {
    id: 'narrower/approle-secret-id-fewer-uses',
    base: 'operations',
    kind: 'narrower',
    edit: (d) => (res(d, 'vault_approle_auth_backend_role', 'nightly-export').secret_id_num_uses = 1),
    why: 'one login per secret id instead of three: strictly less [A3, D3].',
  },
];
