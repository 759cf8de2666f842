/**
 * The review outputs on the identity-provider example: cert roles and group aliases are Vault
 * objects in `diff` (keyed by mount and name, so a renamed construct is a neutral rename), a
 * widened cert role or group alias is an escalation, and the access report says which IdP group
 * adds a login to an external group.
 */
import * as path from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { accessReport } from '../../lib/review/access-report';
import { accessOf, parsePoliciesSync } from '../../lib/analysis/analyze';
import { readStack } from '../../lib/analysis/stack';
import { diffStacks, hasEscalation } from '../../lib/review/stack-diff';
import { renameAddresses, resourceOf, stackOf, type Doc } from './stacks';

function synth(): Doc {
  const result = topologyApp(path.join(__dirname, '..', '..', 'examples', 'identity-provider', 'topology.yaml'), () => Testing.app());
  if (!result.ok) throw new Error(result.message);
  return JSON.parse(Testing.synth(result.stack)) as Doc;
}

const diff = (before: Doc, after: Doc) => diffStacks([stackOf(before, 'idp')], [stackOf(after, 'idp')]);

test('every construct renamed: cert roles and group aliases are the same Vault objects', async () => {
  const before = synth();
  const after = renameAddresses(before, (_type, name) => `moved_${name.replace(/^topology_/, '')}`);
  const report = await diff(before, after);
  expect(report.stacks[0]!.access).toEqual([]);
  const resources = report.stacks[0]!.resources;
  for (const r of resources) expect(r).toMatchObject({ change: 'renamed', attributes: [], access: 'unchanged' });
  expect(resources.filter((r) => r.type === 'vault_cert_auth_backend_role').map((r) => r.name).sort()).toEqual(['cert/ledger', 'cert/reconciler']);
  expect(resources.filter((r) => r.type === 'vault_identity_group_alias')).toHaveLength(2);
});

test('a cert role allowing a glob and a group alias renamed are escalations; the role is changed in place (same mount and name)', async () => {
  const before = synth();
  const after = JSON.parse(JSON.stringify(before)) as Doc;
  resourceOf(after, 'vault_cert_auth_backend_role', 'reconciler').allowed_common_names = ['*.agents.example.org'];
  resourceOf(after, 'vault_identity_group_alias', 'Finance Team').name = 'Everyone';
  const report = await diff(before, after);
  expect(hasEscalation(report)).toBe(true);
  const changed = report.stacks[0]!.resources.map((r) => `${r.change} ${r.type} ${r.name}`);
  expect(changed).toEqual(expect.arrayContaining(['changed vault_cert_auth_backend_role cert/reconciler']));
});

test('the access report names the IdP group and mount that add a login to each external group', () => {
  const stack = readStack(synth(), { name: 'idp' });
  const report = accessReport(accessOf(stack, parsePoliciesSync(stack)));
  const groups = report.principals.filter((p) => p.kind === 'group').map((p) => [p.name, p.idpGroups]);
  expect(groups).toEqual([
    ['finance-staff', [{ mount: 'oidc', group: 'Finance Team' }]],
    ['ledger-admins', [{ mount: 'oidc', group: 'Ledger Admins' }]],
  ]);
});
