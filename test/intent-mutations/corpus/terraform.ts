/**
 * Terraform-level routes: vault_generic_endpoint writes, duplicate Vault names applied later, data
 * sources, computed values (join, jsonencode, replace, locals, variables), meta-arguments
 * (count, for_each, depends_on) and periodic tokens.
 */
import { addData, addResource, hclString, key, ref, res, stanza, stanzas } from '../edit';
import type { Doc, Widening } from '../types';

const T = 'terraform' as const;

/** `<type>.<key>` of the resource named `name`, for depends_on. */
const address = (d: Doc, type: string, name: string): string => `${type}.${key(d, type, name)}`;

export const TERRAFORM: readonly Widening[] = [
  {
    id: 'terraform/generic-endpoint-creates-login-role',
    category: T,
    base: 'hello-world',
    edit: (d) =>
      addResource(d, 'vault_generic_endpoint', 'k8s_role_ops', {
        path: 'auth/kubernetes/role/ops',
        ignore_absent_fields: true,
        data_json: JSON.stringify({
          bound_service_account_names: ['test-client'],
          bound_service_account_namespaces: ['*'],
          alias_name_source: 'serviceaccount_name',
          token_policies: ['a2a-agent-test-client'],
          token_ttl: 900,
        }),
      }),
    why: "a login role written through vault_generic_endpoint admits a test-client service account in every namespace with test-client's policy [A1, A5].",
  },
  {
    id: 'terraform/generic-endpoint-creates-group',
    category: T,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_generic_endpoint', 'group_ops', {
        path: 'identity/group',
        ignore_absent_fields: true,
        disable_delete: true,
        data_json: JSON.stringify({ name: 'ops', policies: ['a2a-agent-admin'], member_entity_ids: [ref(d, 'vault_identity_entity', 'carol', 'id')] }),
      }),
    why: "a group created through vault_generic_endpoint gives carol admin's policy (admin's client secret) [A5, A7].",
  },
  {
    id: 'terraform/generic-endpoint-sets-entity-policies',
    category: T,
    base: 'hello-world',
    edit: (d) =>
      addResource(d, 'vault_generic_endpoint', 'end_user_policies', {
        path: 'identity/entity/name/end-user',
        ignore_absent_fields: true,
        disable_delete: true,
        data_json: JSON.stringify({ policies: ['a2a-agent-test-client'] }),
        depends_on: [address(d, 'vault_identity_entity', 'end-user')],
      }),
    why: "writing identity/entity/name/end-user sets end-user's entity policies to test-client's: she reads test-client's client secret [A5].",
  },
  {
    id: 'terraform/generic-endpoint-rewrites-assignment',
    category: T,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_generic_endpoint', 'admin_assignment', {
        path: 'identity/oidc/assignment/admin',
        ignore_absent_fields: true,
        disable_delete: true,
        data_json: JSON.stringify({
          entity_ids: [ref(d, 'vault_identity_entity', 'carol', 'id')],
          group_ids: [ref(d, 'vault_identity_group', 'admins', 'id')],
        }),
        depends_on: [address(d, 'vault_identity_oidc_assignment', 'admin')],
      }),
    why: "the admin assignment is rewritten after its resource applied, adding carol: she signs in through admin [A5].",
  },
  {
    id: 'terraform/generic-endpoint-rewrites-policy',
    category: T,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_generic_endpoint', 'web_policy_v2', {
        path: 'sys/policy/a2a-agent-web',
        ignore_absent_fields: true,
        disable_delete: true,
        data_json: JSON.stringify({ policy: `${stanza('identity/oidc/client/web', ['read'])}\n${stanza('identity/oidc/client/admin', ['read'])}\n` }),
        depends_on: [address(d, 'vault_policy', 'a2a-agent-web')],
      }),
    why: "sys/policy/a2a-agent-web is overwritten after the vault_policy applied (a write replaces the body): web reads admin's client secret [A8, A5].",
  },
  {
    id: 'terraform/duplicate-policy-name-applied-later',
    category: T,
    base: 'expense',
    edit: (d) => {
      const original = res(d, 'vault_policy', 'a2a-agent-travel-planner');
      addResource(d, 'vault_policy', 'travel_planner_v2', {
        name: 'a2a-agent-travel-planner',
        policy: `${original.policy}\n${stanza('identity/oidc/token/bookkeeper.expense', ['read'])}\n`,
        depends_on: [address(d, 'vault_policy', 'a2a-agent-travel-planner')],
      });
    },
    why: "a second vault_policy with the same name, applied after the first, replaces its body: travel-planner mints bookkeeper's expense.expense.read tokens [A8].",
  },
  {
    id: 'terraform/duplicate-policy-name-other-case',
    category: T,
    base: 'expense',
    edit: (d) =>
      addResource(d, 'vault_policy', 'tp', {
        name: 'A2A-Agent-Travel-Planner',
        policy: `${stanza('identity/oidc/token/travel-planner.expense', ['read'])}\n${stanza('identity/oidc/token/bookkeeper.expense', ['read'])}\n`,
        depends_on: [address(d, 'vault_policy', 'a2a-agent-travel-planner')],
      }),
    why: "Vault lower-cases and trims policy names on write, so 'A2A-Agent-Travel-Planner' overwrites a2a-agent-travel-planner: travel-planner mints bookkeeper's tokens [A8].",
  },
  {
    id: 'terraform/policy-from-document-data-source',
    category: T,
    base: 'expense',
    edit: (d) => {
      addData(d, 'vault_policy_document', 'tp', {
        rule: [
          { path: 'identity/oidc/token/travel-planner.expense', capabilities: ['read'], description: 'own calls' },
          { path: 'identity/oidc/token/bookkeeper.expense', capabilities: ['read'], description: 'reports' },
        ],
      });
      res(d, 'vault_policy', 'a2a-agent-travel-planner').policy = '${data.vault_policy_document.tp.hcl}';
    },
    why: "travel-planner's policy comes from a vault_policy_document data source whose second rule mints bookkeeper's tokens [A5].",
  },
  {
    id: 'terraform/policy-computed-by-join',
    category: T,
    base: 'machines',
    edit: (d) => {
      const lines = [
        ...stanza('identity/oidc/token/builder.ledger', ['read']).split('\n'),
        ...stanza('identity/oidc/token/deployer.ledger', ['read']).split('\n'),
      ];
      res(d, 'vault_policy', 'a2a-agent-builder').policy = `\${join("\\n", [${lines.map(hclString).join(', ')}])}`;
    },
    why: "builder's policy text is computed by join(...) and also reads identity/oidc/token/deployer.ledger: builder mints ledger.ledger.post tokens [A5].",
  },
  {
    id: 'terraform/policy-computed-by-jsonencode',
    category: T,
    base: 'machines',
    edit: (d) =>
      (res(d, 'vault_policy', 'a2a-agent-cron').policy =
        '${jsonencode({path = {"identity/oidc/token/cron.ledger" = {capabilities = ["read"]}, "identity/oidc/token/deployer.ledger" = {capabilities = ["read"]}}})}'),
    why: "cron's policy is a jsonencode(...) JSON policy that also reads identity/oidc/token/deployer.ledger: cron mints ledger.ledger.post tokens [A5].",
  },
  {
    id: 'terraform/policy-computed-by-replace',
    category: T,
    base: 'machines',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-builder');
      p.policy = `\${replace(${hclString(p.policy)}, "builder.ledger", "deployer.ledger")}`;
    },
    why: "replace(...) turns builder's path into identity/oidc/token/deployer.ledger: builder mints ledger.ledger.post tokens instead of its own [A5].",
  },
  {
    id: 'terraform/login-role-token-period',
    category: T,
    base: 'headless',
    edit: (d) => (res(d, 'vault_kubernetes_auth_backend_role', 'test-client').token_period = 600),
    why: 'periodic tokens are renewed forever (token_max_ttl no longer caps them; only token_explicit_max_ttl would): test-client keeps its access without ever logging in again [A6].',
  },
  {
    id: 'terraform/login-role-for-each',
    category: T,
    base: 'hello-world',
    edit: (d) =>
      addResource(d, 'vault_kubernetes_auth_backend_role', 'extra', {
        for_each: { ops: 'kube-system', jobs: 'batch' },
        backend: 'kubernetes',
        role_name: 'test-client-${each.key}',
        bound_service_account_names: ['test-client'],
        bound_service_account_namespaces: ['${each.value}'],
        alias_name_source: 'serviceaccount_name',
        token_policies: [ref(d, 'vault_policy', 'a2a-agent-test-client', 'name')],
        token_no_default_policy: true,
        token_ttl: 900,
        token_max_ttl: 900,
      }),
    why: "for_each creates two more login roles: test-client service accounts in kube-system and batch log in with test-client's policy [A1].",
  },
  {
    id: 'terraform/entity-policies-with-count',
    category: T,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_identity_entity_policies', 'carol', {
        count: 1,
        entity_id: ref(d, 'vault_identity_entity', 'carol', 'id'),
        policies: ['a2a-agent-admin'],
        exclusive: false,
      }),
    why: "an entity-policies resource with count = 1 gives carol admin's policy (admin's client secret) [A5].",
  },
  {
    id: 'terraform/extra-policy-through-local',
    category: T,
    base: 'expense',
    edit: (d) => {
      d.locals = { ...(d.locals ?? {}), reporting_policy: 'a2a-agent-bookkeeper' };
      res(d, 'vault_kubernetes_auth_backend_role', 'travel-planner').token_policies.push('${local.reporting_policy}');
    },
    why: "a local value names bookkeeper's policy and travel-planner's login role attaches it: travel-planner mints expense.expense.read tokens [A5].",
  },
  {
    id: 'terraform/extra-policy-through-variable',
    category: T,
    base: 'expense',
    edit: (d) => {
      d.variable = { ...(d.variable ?? {}), extra_policy: { type: 'string', default: 'a2a-agent-bookkeeper' } };
      res(d, 'vault_kubernetes_auth_backend_role', 'travel-planner').token_policies.push('${var.extra_policy}');
    },
    why: "a variable (default bookkeeper's policy, any value at apply time) is attached to travel-planner's login role [A5].",
  },
  {
    id: 'terraform/counted-policy-attached-by-index',
    category: T,
    base: 'expense',
    edit: (d) => {
      addResource(d, 'vault_policy', 'reporting', { count: 1, name: 'a2a-reporting', policy: `${stanza('identity/oidc/token/bookkeeper.expense', ['read'])}\n` });
      res(d, 'vault_kubernetes_auth_backend_role', 'travel-planner').token_policies.push('${vault_policy.reporting[0].name}');
    },
    why: "a counted policy attached by index (vault_policy.reporting[0].name) lets travel-planner mint bookkeeper's tokens [A5].",
  },
  {
    id: 'terraform/new-jwt-role-resource',
    category: T,
    base: 'machines',
    edit: (d) =>
      addResource(d, 'vault_jwt_auth_backend_role', 'ci', {
        backend: 'jwt-spiffe',
        role_name: 'ci',
        role_type: 'jwt',
        user_claim: 'sub',
        bound_audiences: ['vault'],
        bound_claims_type: 'glob',
        bound_claims: { sub: 'spiffe://example.org/ns/ci/*' },
        token_policies: [ref(d, 'vault_policy', 'a2a-agent-deployer', 'name')],
        token_no_default_policy: true,
        token_ttl: 900,
        token_max_ttl: 900,
      }),
    why: "a new JWT role admits every SPIFFE ID under ns/ci with deployer's policy: builder mints ledger.ledger.post tokens [A2].",
  },
  {
    id: 'terraform/duplicate-login-role-name',
    category: T,
    base: 'hello-world',
    edit: (d) => {
      const original = res(d, 'vault_kubernetes_auth_backend_role', 'test-client');
      addResource(d, 'vault_kubernetes_auth_backend_role', 'test_client_v2', {
        ...JSON.parse(JSON.stringify(original)),
        bound_service_account_namespaces: ['default', 'kube-system'],
        depends_on: [address(d, 'vault_kubernetes_auth_backend_role', 'test-client')],
      });
    },
    why: "a second resource for role test-client on the same mount, applied later, overwrites the first: kube-system/test-client logs in with test-client's policy [A1].",
  },
  {
    id: 'terraform/duplicate-assignment-name',
    category: T,
    base: 'portal',
    edit: (d) => {
      const original = res(d, 'vault_identity_oidc_assignment', 'web');
      addResource(d, 'vault_identity_oidc_assignment', 'web_v2', {
        name: 'web',
        entity_ids: [...original.entity_ids, ref(d, 'vault_identity_entity', 'bob', 'id')],
        group_ids: [...original.group_ids],
        depends_on: [address(d, 'vault_identity_oidc_assignment', 'web')],
      });
    },
    why: "a second assignment named web, applied later, replaces the first with bob added: bob signs in through web [A5].",
  },
  {
    id: 'terraform/duplicate-token-role-name',
    category: T,
    base: 'headless',
    edit: (d) => {
      const original = res(d, 'vault_identity_oidc_role', 'test-client.hello-world');
      addResource(d, 'vault_identity_oidc_role', 'test_client_v2', {
        ...JSON.parse(JSON.stringify(original)),
        template: '{"hello-world.hello_world.read":true,"hello-world.super_hello_world.read":true}',
        depends_on: [address(d, 'vault_identity_oidc_role', 'test-client.hello-world')],
      });
    },
    why: "a second identity-token role with the same name, applied later, overwrites the template (the client_id is kept on update): test-client's tokens carry hello-world.super_hello_world.read [A5, E].",
  },
  {
    id: 'terraform/policy-text-with-stanza-per-line-list',
    category: T,
    base: 'delegation',
    edit: (d) => {
      const p = res(d, 'vault_policy', 'a2a-agent-portal');
      const own = stanzas(p.policy).map((s) => stanza(s.path, s.capabilities));
      const all = [...own, stanza('identity/oidc/client/chat', ['read'])];
      p.policy = `\${join("\\n\\n", [${all.map(hclString).join(', ')}])}`;
    },
    why: "portal's policy is rebuilt from a join(...) of stanzas that includes identity/oidc/client/chat: portal reads chat's client secret [A5].",
  },
  {
    id: 'terraform/namespaces-computed-by-split',
    category: T,
    base: 'expense',
    edit: (d) => (res(d, 'vault_kubernetes_auth_backend_role', 'travel-planner').bound_service_account_namespaces = '${split(",", "travel,finance")}'),
    why: "the namespace list becomes a split(...) expression that adds finance: a travel-planner service account in finance logs in as travel-planner [A1].",
  },
  {
    id: 'terraform/scope-template-jsonencode',
    category: T,
    base: 'hello-world',
    edit: (d) =>
      (res(d, 'vault_identity_oidc_scope', 'hello-world.hello_world.read').template =
        '${jsonencode({"hello-world.hello_world.read" = true, "hello-world.super_hello_world.read" = true})}'),
    why: "the scope template computed by jsonencode(...) adds hello-world.super_hello_world.read to the tokens of test-client's users [E].",
  },
];
