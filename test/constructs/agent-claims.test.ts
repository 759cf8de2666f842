/** The L2s take Vault template parameters and entity metadata, and refuse what Vault could not render. */
import { TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { AuthMountRef } from '../../lib/constructs/auth-mount-ref';
import { IdentityEntity } from '../../lib/constructs/identity-entity';
import { IdentityTokenRole } from '../../lib/constructs/identity-token-role';
import { OidcKey } from '../../lib/constructs/oidc-key';
import { OidcScope } from '../../lib/constructs/oidc-scope';
import { onlyResource, synthStack } from '../support/synth';

const scope = (): Construct => new TerraformStack(Testing.app(), 't');

test('an entity carries the metadata its tokens read; a value Vault would refuse to substitute is refused', () => {
  const json = synthStack((s) => new IdentityEntity(s, 'e', { name: 'chat', metadata: { a2a_owner: 'web team', a2a_agent: 'chat' } }));
  expect(onlyResource(json, 'vault_identity_entity')).toEqual({ name: 'chat', metadata: { a2a_agent: 'chat', a2a_owner: 'web team' } });
  expect(() => new IdentityEntity(scope(), 'e', { name: 'chat', metadata: { a2a_owner: 'ops+oncall', 'bad key': 'x' } })).toThrow(
    /metadata a2a_owner "ops\+oncall" contains "\*", "\+"[\s\S]*metadata key "bad key" must be letters/,
  );
  // The alias constructor path is unchanged.
  expect(() => new IdentityEntity(scope(), 'e', { name: 'chat', alias: { mount: new AuthMountRef(scope(), 'm', { path: 'userpass' }), name: ' ' } })).toThrow('alias.name is empty');
});

test('templates may use Vault parameters unquoted in value position, and only parameters Vault knows', () => {
  const json = synthStack((s) => {
    const key = new OidcKey(s, 'key', { name: 'k' });
    new IdentityTokenRole(s, 'role', { name: 'r', key, template: '{"x.y.z":true,"a2a_agent":{"name":{{identity.entity.metadata.a2a_agent}}}}' });
  });
  expect(onlyResource(json, 'vault_identity_oidc_role').template).toBe('{"x.y.z":true,"a2a_agent":{"name":{{identity.entity.metadata.a2a_agent}}}}');
  expect(() => new OidcScope(scope(), 's', { name: 's', template: '{"who":{{identity.entity.nickname}}}' })).toThrow('uses {{identity.entity.nickname}}, which Vault\'s identity templating does not know');
  expect(() => new OidcScope(scope(), 's', { name: 's', template: '{"sub":{{identity.entity.id}}}' })).toThrow('sets reserved claim(s) "sub"');
});
