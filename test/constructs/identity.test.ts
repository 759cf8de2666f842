import { TerraformStack, Testing } from 'cdktf';
import { AuthMountRef } from '../../lib/constructs/auth-mount-ref';
import { IdentityEntity } from '../../lib/constructs/identity-entity';
import { IdentityGroup } from '../../lib/constructs/identity-group';
import { onlyResource, refTo, resources, synthStack } from '../support/synth';

describe('AuthMountRef', () => {
  test('looks the mount up by path (data source) and creates nothing', () => {
    const json = synthStack((s) => new AuthMountRef(s, 'k8s', { path: 'k8s/prod' }));
    expect(json.data?.vault_auth_backend).toEqual({ k8s: { path: 'k8s/prod' } });
    expect(json.resource).toBeUndefined();
  });

  test.each(['/kubernetes', 'auth/*', 'kubernetes/', ''])('refuses mount path %j', (path) => {
    expect(() => new AuthMountRef(new TerraformStack(Testing.app(), 't'), 'm', { path })).toThrow('must be a mount path');
  });
});

describe('IdentityEntity', () => {
  test('an entity without policies; the alias names the entity and the mount accessor by reference', () => {
    const json = synthStack((s) => {
      const mount = new AuthMountRef(s, 'k8s', { path: 'kubernetes' });
      new IdentityEntity(s, 'agent', { name: 'test-client', alias: { mount, name: 'default/test-client' } });
    });
    expect(onlyResource(json, 'vault_identity_entity')).toEqual({ name: 'test-client' });
    expect(onlyResource(json, 'vault_identity_entity_alias')).toEqual({
      name: 'default/test-client',
      canonical_id: refTo(json, 'vault_identity_entity', 'id'),
      mount_accessor: '${data.vault_auth_backend.k8s.accessor}',
    });
  });

  test('no alias unless asked', () => {
    const json = synthStack((s) => new IdentityEntity(s, 'e', { name: 'alice' }));
    expect(resources(json, 'vault_identity_entity_alias')).toEqual([]);
  });

  test('refuses bad names and empty aliases', () => {
    const s = new TerraformStack(Testing.app(), 't');
    const mount = new AuthMountRef(s, 'up', { path: 'userpass' });
    expect(() => new IdentityEntity(s, 'e', { name: 'a:b', alias: { mount, name: ' ' } })).toThrow(
      /name "a:b" is not a valid Vault name[\s\S]*alias.name is empty/,
    );
  });
});

describe('IdentityGroup', () => {
  test('internal group whose members are exactly the entities given, by reference', () => {
    const json = synthStack((s) => {
      const alice = new IdentityEntity(s, 'alice', { name: 'alice' });
      const bob = new IdentityEntity(s, 'bob', { name: 'bob' });
      new IdentityGroup(s, 'group', { name: 'agent', description: 'people', members: [alice, bob] });
    });
    expect(onlyResource(json, 'vault_identity_group')).toEqual({
      name: 'agent',
      type: 'internal',
      member_entity_ids: ['${vault_identity_entity.alice.id}', '${vault_identity_entity.bob.id}'],
      metadata: { description: 'people' },
    });
  });

  test('refuses the same entity twice', () => {
    const s = new TerraformStack(Testing.app(), 't');
    const alice = new IdentityEntity(s, 'alice', { name: 'alice' });
    expect(() => new IdentityGroup(s, 'g', { name: 'g', members: [alice, alice] })).toThrow('members lists an entity twice');
  });
});
