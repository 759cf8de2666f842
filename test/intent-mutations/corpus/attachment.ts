/**
 * Policies attached by routes other than the login role's reference: entity and group `policies`,
 * the separate attachment resources, parent groups, and extra login-role policies written as
 * references, literals or expressions.
 */
import { addResource, ref, res } from '../edit';
import type { Widening } from '../types';

const A = 'attachment' as const;

export const ATTACHMENT: readonly Widening[] = [
  {
    id: 'attachment/user-entity-policies-reference',
    category: A,
    base: 'hello-world',
    edit: (d) => (res(d, 'vault_identity_entity', 'end-user').policies = [ref(d, 'vault_policy', 'a2a-agent-test-client', 'name')]),
    why: "end-user's entity gets test-client's policy: every token of end-user (its userpass login) can read test-client's client secret [A5, A6 entity policies apply on top of token policies].",
  },
  {
    id: 'attachment/group-policies-literal',
    category: A,
    base: 'hello-world',
    edit: (d) => (res(d, 'vault_identity_group', 'agent').policies = ['a2a-agent-test-client']),
    why: "group agent carries test-client's policy by its literal name; its member end-user inherits it and can read test-client's client secret [A7, A5].",
  },
  {
    id: 'attachment/entity-policies-resource',
    category: A,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_identity_entity_policies', 'carol_extra', {
        entity_id: ref(d, 'vault_identity_entity', 'carol', 'id'),
        policies: [ref(d, 'vault_policy', 'a2a-agent-admin', 'name')],
        exclusive: false,
      }),
    why: "a separate vault_identity_entity_policies resource gives carol's entity admin's policy: carol reads admin's client secret [A5].",
  },
  {
    id: 'attachment/group-policies-resource',
    category: A,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_identity_group_policies', 'staff_extra', {
        group_id: ref(d, 'vault_identity_group', 'staff', 'id'),
        policies: ['a2a-agent-web'],
        exclusive: false,
      }),
    why: "a separate vault_identity_group_policies resource attaches web's policy to group staff; alice, a member, reads web's client secret [A7, A5].",
  },
  {
    id: 'attachment/parent-group-inherits-policy',
    category: A,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_identity_group', 'ops', {
        name: 'ops',
        type: 'internal',
        policies: [ref(d, 'vault_policy', 'a2a-agent-admin', 'name')],
        member_group_ids: [ref(d, 'vault_identity_group', 'staff', 'id')],
      }),
    why: "a new parent group ops lists staff in member_group_ids and carries admin's policy: staff's member alice inherits it and reads admin's client secret [A7].",
  },
  {
    id: 'attachment/new-group-with-agent-member',
    category: A,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_identity_group', 'nightly', {
        name: 'nightly',
        type: 'internal',
        policies: ['a2a-agent-admin'],
        member_entity_ids: [ref(d, 'vault_identity_entity', 'batch', 'id')],
      }),
    why: "a new group with batch's entity as member and admin's policy: batch's login tokens gain read on admin's client secret [A7, A5].",
  },
  {
    id: 'attachment/login-role-extra-policy-reference',
    category: A,
    base: 'expense',
    edit: (d) =>
      res(d, 'vault_kubernetes_auth_backend_role', 'travel-planner').token_policies.push(ref(d, 'vault_policy', 'a2a-agent-bookkeeper', 'name')),
    why: "travel-planner's login tokens also carry bookkeeper's policy (a reference): it mints expense.expense.read tokens [A5, A6].",
  },
  {
    id: 'attachment/login-role-extra-policy-literal',
    category: A,
    base: 'expense',
    edit: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'travel-planner').token_policies.push('a2a-agent-bookkeeper'),
    why: "the same extra policy written as a literal name: travel-planner mints bookkeeper's expense.expense.read tokens [A5].",
  },
  {
    id: 'attachment/login-role-extra-policy-mixed-case',
    category: A,
    base: 'expense',
    edit: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'travel-planner').token_policies.push(' A2A-Agent-Bookkeeper '),
    why: "Vault trims and lower-cases policy names when it looks them up (policy_store.go GetPolicy → sanitizeName), so ' A2A-Agent-Bookkeeper ' is bookkeeper's policy: travel-planner mints its tokens [A8].",
  },
  {
    id: 'attachment/login-role-extra-policy-expression',
    category: A,
    base: 'expense',
    edit: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'travel-planner').token_policies.push('${lower("A2A-AGENT-BOOKKEEPER")}'),
    why: "the extra policy name computed by a Terraform expression (lower(...) = a2a-agent-bookkeeper): travel-planner mints bookkeeper's tokens [A5].",
  },
  {
    id: 'attachment/login-role-extra-policy-format',
    category: A,
    base: 'machines',
    edit: (d) => res(d, 'vault_jwt_auth_backend_role', 'builder').token_policies.push('${format("a2a-agent-%s", "deployer")}'),
    why: "builder's JWT login tokens also carry a2a-agent-deployer (built with format()): builder mints ledger.ledger.post tokens [A5, A2].",
  },
  {
    id: 'attachment/login-role-policies-concat-expression',
    category: A,
    base: 'machines',
    edit: (d) => {
      const role = res(d, 'vault_jwt_auth_backend_role', 'deployer');
      const own = String(role.token_policies[0]).slice(2, -1);
      const builder = ref(d, 'vault_policy', 'a2a-agent-builder', 'name').slice(2, -1);
      role.token_policies = `\${concat([${own}], [${builder}])}`;
    },
    why: "deployer's whole token_policies list becomes one concat(...) expression that adds builder's policy: deployer mints ledger.ledger.read tokens [A5].",
  },
  {
    id: 'attachment/approle-extra-policy-reference',
    category: A,
    base: 'machines',
    edit: (d) => res(d, 'vault_approle_auth_backend_role', 'cron').token_policies.push(ref(d, 'vault_policy', 'a2a-agent-ledger', 'name')),
    why: "cron's AppRole tokens also carry ledger's policy: cron can introspect every identity token, a server-only right [A5, A3].",
  },
  {
    id: 'attachment/login-role-default-policy-restored',
    category: A,
    base: 'headless',
    edit: (d) => delete res(d, 'vault_kubernetes_auth_backend_role', 'test-client').token_no_default_policy,
    why: "without token_no_default_policy Vault adds the default policy to test-client's login tokens (cubbyhole, token self-service, identity/oidc/provider/+/authorize) [A6, A5].",
  },
  {
    id: 'attachment/login-role-default-policy-listed',
    category: A,
    base: 'headless',
    edit: (d) => res(d, 'vault_kubernetes_auth_backend_role', 'hello-world').token_policies.push('default'),
    why: "token_no_default_policy only stops Vault from adding default; listing it in token_policies attaches it: hello-world's tokens gain the default policy's paths [A6, A5].",
  },
  {
    id: 'attachment/agent-entity-policies-registry',
    category: A,
    base: 'agent-registry',
    edit: (d) => (res(d, 'vault_identity_entity', 'travel-planner').policies = ['a2a-agent-expense']),
    why: "travel-planner's entity gets expense's policy: its login tokens (and its OAuth resource-server requests, whose baseline is the entity's policies) can introspect [A5, G].",
  },
  {
    id: 'attachment/user-group-policies-delegation',
    category: A,
    base: 'delegation',
    edit: (d) => (res(d, 'vault_identity_group', 'staff').policies = [ref(d, 'vault_policy', 'a2a-agent-mailer', 'name')]),
    why: "group staff carries mailer's policy: alice and bob (members) can mint mailer's tokens and exchange carol's ID tokens at mailer's exchange role [A7, A5].",
  },
  {
    id: 'attachment/entity-policies-mixed-case-literal',
    category: A,
    base: 'expense',
    edit: (d) => (res(d, 'vault_identity_entity', 'travel-planner').policies = ['A2A-Agent-Bookkeeper']),
    why: "travel-planner's entity lists 'A2A-Agent-Bookkeeper', which Vault resolves to a2a-agent-bookkeeper (names are lower-cased on lookup): travel-planner mints bookkeeper's tokens [A8, A5].",
  },
  {
    id: 'attachment/entity-policies-root-in-other-case',
    category: A,
    base: 'headless',
    edit: (d) => (res(d, 'vault_identity_entity', 'test-client').policies = [' Root']),
    why: "Vault refuses only the exact string root on entity writes but trims and lower-cases identity policies when it builds the ACL (policyutil.SanitizePolicies): on Vault before CE 1.20.0 / Ent 1.18.11 (CVE-2025-5999) every token of test-client is root [A8].",
  },
];
