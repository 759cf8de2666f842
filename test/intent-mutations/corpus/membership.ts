/**
 * Membership: extra entities or groups in an assignment or a group (attribute, member resource,
 * data-source lookup, subgroup), and aliases swapped or renamed so a login lands on another entity.
 */
import { accessor, addData, addResource, key, ref, removeResource, res } from '../edit';
import type { Widening } from '../types';

const M = 'membership' as const;
const ALIAS = 'vault_identity_entity_alias';

/** The alias resource whose canonical_id references the entity named `entity`. */
function aliasOf(d: Parameters<Widening['edit']>[0], entity: string): Record<string, unknown> {
  const id = ref(d, 'vault_identity_entity', entity, 'id');
  const found = Object.values(d.resource[ALIAS] as Record<string, { canonical_id: string }>).filter((a) => a.canonical_id === id);
  if (found.length !== 1) throw new Error(`expected one alias of entity ${entity}, found ${found.length}`);
  return found[0] as Record<string, unknown>;
}

export const MEMBERSHIP: readonly Widening[] = [
  {
    id: 'membership/assignment-extra-group',
    category: M,
    base: 'portal',
    edit: (d) => res(d, 'vault_identity_oidc_assignment', 'admin').group_ids.push(ref(d, 'vault_identity_group', 'staff', 'id')),
    why: "group staff joins the admin client's assignment: alice can sign in through admin and get reports.reports.write [A5, A7].",
  },
  {
    id: 'membership/assignment-extra-entity',
    category: M,
    base: 'portal',
    edit: (d) => res(d, 'vault_identity_oidc_assignment', 'web').entity_ids.push(ref(d, 'vault_identity_entity', 'bob', 'id')),
    why: 'bob joins the web client\'s assignment and can sign in through web [A5].',
  },
  {
    id: 'membership/group-extra-member',
    category: M,
    base: 'portal',
    edit: (d) => res(d, 'vault_identity_group', 'admins').member_entity_ids.push(ref(d, 'vault_identity_entity', 'carol', 'id')),
    why: 'carol joins group admins, which the admin client\'s assignment admits: she signs in through admin (reports.reports.write) [A5, A7].',
  },
  {
    id: 'membership/group-member-resource',
    category: M,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_identity_group_member_entity_ids', 'admins_more', {
        group_id: ref(d, 'vault_identity_group', 'admins', 'id'),
        member_entity_ids: [ref(d, 'vault_identity_entity', 'alice', 'id')],
        exclusive: false,
      }),
    why: 'a separate vault_identity_group_member_entity_ids resource adds alice to admins: she signs in through admin [A5, A7].',
  },
  {
    id: 'membership/subgroup-of-admitted-group',
    category: M,
    base: 'portal',
    edit: (d) => {
      addResource(d, 'vault_identity_group', 'contractors', {
        name: 'contractors',
        type: 'internal',
        member_entity_ids: [ref(d, 'vault_identity_entity', 'carol', 'id')],
      });
      res(d, 'vault_identity_group', 'admins').member_group_ids = ['${vault_identity_group.contractors.id}'];
    },
    why: "admins lists a new group contractors (member carol) in member_group_ids: carol is an indirect member of admins and signs in through admin [A7].",
  },
  {
    id: 'membership/member-group-resource',
    category: M,
    base: 'portal',
    edit: (d) =>
      addResource(d, 'vault_identity_group_member_group_ids', 'admins_subgroups', {
        group_id: ref(d, 'vault_identity_group', 'admins', 'id'),
        member_group_ids: [ref(d, 'vault_identity_group', 'staff', 'id')],
        exclusive: false,
      }),
    why: 'a vault_identity_group_member_group_ids resource makes staff a subgroup of admins: alice inherits admins and signs in through admin [A7].',
  },
  {
    id: 'membership/assignment-entity-data-source',
    category: M,
    base: 'portal',
    edit: (d) => {
      addData(d, 'vault_identity_entity', 'someone', { entity_name: 'carol' });
      res(d, 'vault_identity_oidc_assignment', 'admin').entity_ids.push('${data.vault_identity_entity.someone.entity_id}');
    },
    why: "the admin assignment gains an entity looked up by a data source (carol): she signs in through admin [A5].",
  },
  {
    id: 'membership/assignment-group-data-source',
    category: M,
    base: 'portal',
    edit: (d) => {
      addData(d, 'vault_identity_group', 'everyone', { group_name: 'staff' });
      res(d, 'vault_identity_oidc_assignment', 'admin').group_ids.push('${data.vault_identity_group.everyone.group_id}');
    },
    why: "the admin assignment gains a group looked up by a data source (staff): alice signs in through admin [A5, A7].",
  },
  {
    id: 'membership/agent-alias-points-at-user-entity',
    category: M,
    base: 'hello-world',
    edit: (d) => (aliasOf(d, 'test-client').canonical_id = ref(d, 'vault_identity_entity', 'end-user', 'id')),
    why: "the alias default/test-client now belongs to end-user's entity: test-client's Kubernetes login lands on end-user and gains her group and assignment (signs in as end-user) [A4, A5].",
  },
  {
    id: 'membership/user-aliases-swapped',
    category: M,
    base: 'portal',
    edit: (d) => {
      const alice = aliasOf(d, 'alice');
      const bob = aliasOf(d, 'bob');
      [alice.name, bob.name] = [bob.name, alice.name];
    },
    why: "alias names alice and bob are swapped: alice's userpass login lands on bob's entity (group admins) and she signs in through admin [A4].",
  },
  {
    id: 'membership/user-alias-renamed',
    category: M,
    base: 'portal',
    edit: (d) => (aliasOf(d, 'carol').name = 'mallory'),
    why: "carol's entity is now reached by userpass login 'mallory': whoever holds that account gets carol's sign-in through web [A4].",
  },
  {
    id: 'membership/approle-aliases-swapped',
    category: M,
    base: 'machines',
    edit: (d) => {
      const cron = aliasOf(d, 'cron');
      const ledger = aliasOf(d, 'ledger');
      [cron.name, ledger.name] = [ledger.name, cron.name];
    },
    why: "cron's role_id now names ledger's entity: cron's logins land on ledger's entity, so the identity tokens cron mints carry sub = ledger's entity id (cron acts as ledger) [A4, A3].",
  },
  {
    id: 'membership/alias-recreated-under-new-name',
    category: M,
    base: 'hello-world',
    edit: (d) => {
      const old = removeResource(d, ALIAS, 'default/test-client');
      addResource(d, ALIAS, 'k8s_login', { name: old.name, mount_accessor: accessor(d, 'kubernetes'), canonical_id: ref(d, 'vault_identity_entity', 'end-user', 'id') });
    },
    why: "test-client's alias is deleted and re-created as a new resource on end-user's entity: the Kubernetes login default/test-client lands on end-user [A4].",
  },
  {
    id: 'membership/agent-joins-admitted-group',
    category: M,
    base: 'portal',
    edit: (d) => res(d, 'vault_identity_group', 'staff').member_entity_ids.push(ref(d, 'vault_identity_entity', 'batch', 'id')),
    why: "the agent batch joins staff and may sign in through web (its entity is admitted by the assignment) [A5, A7].",
  },
  {
    id: 'membership/group-members-concat-expression',
    category: M,
    base: 'hello-world',
    edit: (d) => {
      const group = res(d, 'vault_identity_group', 'agent');
      const members = (group.member_entity_ids as string[]).map((m) => m.slice(2, -1));
      group.member_entity_ids = `\${concat([${members.join(', ')}], [vault_identity_entity.${key(d, 'vault_identity_entity', 'test-client')}.id])}`;
    },
    why: "group agent's members become a concat(...) expression that adds test-client's entity: test-client may sign in through its own OIDC client as a user [A5, A7].",
  },
  // JWT to entity (issue #13 part 5): examples/agent-registry maps corporate-idp's JWTs to the
  // registered agents' entities on the accessor the topology names.
  {
    id: 'membership/resource-server-extra-entity-alias',
    category: 'membership',
    base: 'agent-registry',
    edit: (d) =>
      addResource(d, 'vault_identity_entity_alias', 'extra_jwt_alias', {
        name: '0oa8somebodyelse',
        mount_accessor: 'auth_oauth_0a1b2c3d',
        canonical_id: ref(d, 'vault_identity_entity', 'expense', 'id'),
      }),
    why: "a JWT from corporate-idp with sub 0oa8somebodyelse resolves to expense's entity and gets its policy and registration [A4, G].",
  },
  {
    id: 'membership/resource-server-alias-renamed',
    category: 'membership',
    base: 'agent-registry',
    edit: (d) => {
      const table = d.resource.vault_identity_entity_alias as Record<string, { name: string }>;
      const alias = Object.values(table).find((a) => a.name === '0oa8travelplanner');
      if (!alias) throw new Error('no alias named 0oa8travelplanner');
      alias.name = '0oa8*';
    },
    why: "the alias name is matched exactly, so '0oa8*' is another subject: whoever the IdP issues sub 0oa8* to acts as travel-planner [A4, G].",
  },
];
