/**
 * External groups in the access facts: the group principal names the IdP group and mount that add
 * logins to it (a group alias), and a workload whose JWT role reads a groups claim may join every
 * external group with an alias on that mount, with the group's policies on its token.
 */
import { accessFacts } from '../../lib/analysis/facts';
import { parsePoliciesSync } from '../../lib/analysis/analyze';
import { buildModel } from '../../lib/analysis/model-build';
import { readStack } from '../../lib/analysis/stack';

function facts(groupsClaim: string | undefined) {
  const doc = {
    data: { vault_auth_backend: { jwt: { path: 'jwt' } } },
    resource: {
      vault_policy: { ops: { name: 'ops', policy: 'path "secret/ops" {\n  capabilities = ["read"]\n}\n' } },
      vault_identity_group: { staff: { name: 'staff', type: 'external', policies: ['${vault_policy.ops.name}'] } },
      vault_identity_group_alias: { staff: { name: 'Ops Team', mount_accessor: '${data.vault_auth_backend.jwt.accessor}', canonical_id: '${vault_identity_group.staff.id}' } },
      vault_jwt_auth_backend_role: {
        builder: {
          backend: 'jwt',
          role_name: 'builder',
          role_type: 'jwt',
          user_claim: 'sub',
          bound_subject: 'spiffe://example.org/builder',
          bound_audiences: ['vault'],
          token_policies: [],
          token_ttl: 900,
          token_max_ttl: 900,
          token_no_default_policy: true,
          ...(groupsClaim ? { groups_claim: groupsClaim } : {}),
        },
      },
    },
  };
  const stack = readStack(doc, { name: 's' });
  return accessFacts(buildModel(stack, parsePoliciesSync(stack)));
}

const login = (f: ReturnType<typeof facts>) => [...f.principals.values()].find((p) => p.kind === 'login')!;
const paths = (p: ReturnType<typeof login>) => p.acls.flatMap((a) => a.rules.map((r) => `${r.pattern} ${r.capabilities.join(',')}`));

test('the external group says which IdP group on which mount adds logins to it, and carries its policy', () => {
  const group = facts(undefined).principals.get('group:staff')!;
  expect([...group.facts.keys()]).toEqual(expect.arrayContaining(['external', 'alias:jwt:Ops Team']));
});

test('without groups_claim the workload joins no external group', () => {
  const p = login(facts(undefined));
  expect([...p.facts.keys()].filter((k) => k.startsWith('may-join:'))).toEqual([]);
  expect(paths(p)).toEqual([]);
});

test('with groups_claim the workload may join the group, and its token may carry the group policy', () => {
  const p = login(facts('groups'));
  expect([...p.facts.keys()].filter((k) => k.startsWith('may-join:'))).toEqual(['may-join:staff']);
  expect(paths(p)).toEqual(['secret/ops read']);
});
