/**
 * CertLoginRole and ExternalGroup on their own, and as the L3 renders them from a topology: one
 * CA, one exact name, only the agent's policy, short tokens; an external group with one alias on
 * the IdP mount, no policies and no listed members, admitted by reference in assignments (also in
 * the partition without actors of a client split by delegation).
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { AuthMountRef } from '../../lib/constructs/auth-mount-ref';
import { CertLoginRole } from '../../lib/constructs/cert-login-role';
import { ExternalGroup } from '../../lib/constructs/external-group';
import { AgentTopologyStack } from '../../lib/constructs/stack';
import { compile } from '../../lib/plan/compile';
import { normalizeTopology, type Topology } from '../../lib/topology';
import { onlyResource, synthStack } from '../support/synth';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'identity-provider');
const CA = fs.readFileSync(path.join(EXAMPLE, 'agents-ca.pem'), 'utf8');
const scope = () => new TerraformStack(Testing.app(), 't');
const base = { mountPath: 'cert', roleName: 'ledger', tokenPolicies: ['a2a-agent-ledger'], caCertificate: CA };

describe('CertLoginRole', () => {
  test('pins one common name, holds only the given policy, 15-minute tokens without renewal or default policy', () => {
    const json = synthStack((s) => new CertLoginRole(s, 'role', { ...base, commonName: 'ledger.example.org' }));
    expect(onlyResource(json, 'vault_cert_auth_backend_role')).toEqual({
      backend: 'cert',
      name: 'ledger',
      certificate: CA,
      allowed_common_names: ['ledger.example.org'],
      token_policies: ['a2a-agent-ledger'],
      token_ttl: 900,
      token_max_ttl: 900,
      token_no_default_policy: true,
    });
  });

  test('the alias is the common name; a role pinned by URI SAN has none in advance', () => {
    expect(new CertLoginRole(scope(), 'a', { ...base, commonName: 'ledger.example.org' }).aliasName).toBe('ledger.example.org');
    const byUri = new CertLoginRole(scope(), 'b', { ...base, uriSan: 'spiffe://example.org/ledger' });
    expect(byUri.aliasName).toBeUndefined();
    expect(byUri.resource.allowedUriSansInput).toEqual(['spiffe://example.org/ledger']);
    expect(byUri.resource.allowedCommonNamesInput).toBeUndefined();
  });

  test.each([
    ['no name', {}, /exactly one of commonName and uriSan/],
    ['two names', { commonName: 'a', uriSan: 'spiffe://x/a' }, /exactly one of commonName and uriSan/],
    ['a glob', { commonName: '*.example.org' }, /commonName "\*\.example\.org" contains "\*", which Vault reads as a wildcard/],
  ])('refuses %s', (_title, names, message) => {
    expect(() => new CertLoginRole(scope(), 'r', { ...base, ...names })).toThrow(message);
  });

  test('refuses a private key, naming no part of it', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nSECRETSECRET\n-----END PRIVATE KEY-----\n';
    let message = '';
    try {
      new CertLoginRole(scope(), 'r', { ...base, caCertificate: `${CA}${key}`, commonName: 'a' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('caCertificate holds a PRIVATE key');
    expect(message).not.toContain('SECRET');
  });
});

describe('ExternalGroup', () => {
  test('an external group with one alias on the mount accessor, no policies, no members', () => {
    const json = synthStack((s) => {
      const mount = new AuthMountRef(s, 'corp', { path: 'oidc' });
      new ExternalGroup(s, 'staff', { name: 'finance-staff', mount, idpGroup: 'Finance Team' });
    });
    expect(onlyResource(json, 'vault_identity_group')).toEqual({ name: 'finance-staff', type: 'external' });
    const alias = onlyResource(json, 'vault_identity_group_alias');
    expect(alias.name).toBe('Finance Team');
    expect(alias.mount_accessor).toMatch(/^\$\{data\.vault_auth_backend\.corp(_[A-Z0-9]+)?\.accessor\}$/);
    expect(alias.canonical_id).toMatch(/^\$\{vault_identity_group\.staff(_[A-Za-z0-9]+)?\.id\}$/);
  });
});

describe('the L3 from a topology', () => {
  const topology = (extra: Partial<Topology> = {}): Topology => ({
    version: 1,
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { corp: { type: 'oidc', path: 'oidc', groupsClaim: 'groups' }, k8s: { type: 'kubernetes', path: 'kubernetes' }, up: { type: 'userpass', path: 'userpass' } },
    externalGroups: { staff: { mount: 'corp', alias: 'Staff' } },
    users: { alice: { mount: 'up' } },
    agents: {
      ledger: { url: 'https://ledger.example.com', skills: [{ id: 'ledger', actions: ['read'] }] },
      chat: {
        login: { mount: 'k8s', serviceAccount: 'chat', namespace: 'apps', audience: 'vault' },
        oidc: { redirectUris: ['https://chat.example.com/cb'], users: ['alice', 'group:staff'] },
        calls: [{ agent: 'ledger', grants: ['ledger:read'] }],
      },
      ...extra.agents,
    },
  });

  const synth = (t: Topology) => {
    const stack = new AgentTopologyStack(Testing.app(), 'idp', { topology: normalizeTopology(t), checks: { enabled: false, reason: 'the test reads the JSON' } });
    return JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  };

  test('an assignment lists the external group by reference, next to the users listed by name', () => {
    const json = synth(topology());
    const assignment = Object.values(json.resource.vault_identity_oidc_assignment!)[0]!;
    const group = Object.keys(json.resource.vault_identity_group!)[0]!;
    expect(assignment.group_ids).toEqual([`\${vault_identity_group.${group}.id}`]);
    expect(assignment.entity_ids).toHaveLength(1);
  });

  test('a client split by delegation keeps the external group in its partition without actors', () => {
    const t = topology({
      agents: {
        sum: {
          login: { mount: 'k8s', serviceAccount: 'sum', namespace: 'apps', audience: 'vault' },
          headless: true,
          calls: [{ agent: 'ledger', grants: ['ledger:read'] }],
          actsFor: ['alice'],
        },
      },
    });
    const plan = compile(normalizeTopology(t));
    const partitions = plan.delegation!.partitions.map((p) => [p.client, p.actors, p.users, p.externalGroups ?? []]);
    expect(partitions).toEqual([
      ['chat', [], [], ['staff']],
      ['chat.may-act.sum', ['sum'], ['alice'], []],
    ]);
    const clients = plan.clients.map((c) => [c.name, c.assignment.entities, c.assignment.groups]);
    expect(clients).toEqual([
      ['chat', [], ['staff']],
      ['chat.may-act.sum', ['alice'], []],
    ]);
    const json = synth(t);
    const groupIds = Object.values(json.resource.vault_identity_oidc_assignment!).map((a) => [a.name, a.group_ids]);
    expect(groupIds).toEqual(expect.arrayContaining([['chat', [expect.stringMatching(/vault_identity_group\..*staff.*\.id/)]]]));
  });
});
