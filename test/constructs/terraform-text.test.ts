/**
 * Plain text reaches Vault as written: the constructs escape Terraform's template openers in
 * every free-text and URL prop they write, and leave references alone.
 */
import { AuthMountRef } from '../../lib/constructs/auth-mount-ref';
import { IdentityEntity } from '../../lib/constructs/identity-entity';
import { IdentityGroup } from '../../lib/constructs/identity-group';
import { JwtLoginRole } from '../../lib/constructs/jwt-login-role';
import { OidcClient } from '../../lib/constructs/oidc-client';
import { OidcKey } from '../../lib/constructs/oidc-key';
import { OidcScope } from '../../lib/constructs/oidc-scope';
import { ResourceServerProfile } from '../../lib/constructs/resource-server-profile';
import { terraformText } from '../../lib/constructs/terraform-text';
import { TokenExchangeEngine } from '../../lib/constructs/token-exchange-engine';
import { literalTemplateValue, splitTemplate } from '../../lib/terraform/template';
import { onlyResource, resources, synthStack } from '../support/synth';

const HOSTILE = 'a ${var.secret} %{ if true }x%{ endif } "q" \\ $${y}';

describe('terraformText', () => {
  test('doubles template openers in plain text, so the value is the text', () => {
    expect(terraformText(HOSTILE)).toBe('a $${var.secret} %%{ if true }x%%{ endif } "q" \\ $$${y}');
    expect(literalTemplateValue(terraformText(HOSTILE))).toBe(HOSTILE);
  });

  test('keeps references and escapes only the text around them, also a "$" right before one', () => {
    const json = synthStack((s) => {
      const group = new IdentityGroup(s, 'g', { name: 'g', members: [] });
      new IdentityGroup(s, 'h', { name: 'h', members: [], description: `cost \${x} in $${group.groupId}/$` });
    });
    const h = resources(json, 'vault_identity_group').find((g) => g.name === 'h') as { metadata: { description: string } };
    expect(h.metadata.description).toBe('cost $${x} in ${"$"}${vault_identity_group.g.id}/$');
    expect(splitTemplate(h.metadata.description).filter((p) => p.kind === 'interpolation').map((p) => p.source)).toEqual([
      '${"$"}',
      '${vault_identity_group.g.id}',
    ]);
  });
});

describe('constructs write plain text literally', () => {
  test('group description, scope description, JWT subject and audiences, entity alias', () => {
    const json = synthStack((s) => {
      new IdentityGroup(s, 'g', { name: 'g', members: [], description: HOSTILE });
      new OidcScope(s, 'scope', { name: 's', template: '{"s":true}', description: HOSTILE });
      new JwtLoginRole(s, 'jwt', { mountPath: 'jwt', roleName: 'r', tokenPolicies: [], subject: 'spiffe://x/${y}', audiences: ['aud-%{z}'] });
      const mount = new AuthMountRef(s, 'up', { path: 'userpass' });
      new IdentityEntity(s, 'e', { name: 'e', alias: { mount, name: 'bob${x}' } });
    });
    expect(literalTemplateValue((onlyResource(json, 'vault_identity_group').metadata as { description: string }).description)).toBe(HOSTILE);
    expect(literalTemplateValue(onlyResource(json, 'vault_identity_oidc_scope').description as string)).toBe(HOSTILE);
    const role = onlyResource(json, 'vault_jwt_auth_backend_role');
    expect([role.bound_subject, role.bound_audiences]).toEqual(['spiffe://x/$${y}', ['aud-%%{z}']]);
    expect(onlyResource(json, 'vault_identity_entity_alias').name).toBe('bob$${x}');
  });

  test('redirect URIs, resource-server issuer and JWKS URI, token-exchange issuer', () => {
    const json = synthStack((s) => {
      const key = new OidcKey(s, 'key', { name: 'k' });
      new OidcClient(s, 'client', { name: 'c', key, redirectUris: ['https://c.example.com/cb/${x}'], assignments: ['a'] });
      new ResourceServerProfile(s, 'rs', {
        name: 'idp',
        issuer: 'https://login.example.com/${tenant}',
        keySource: { kind: 'jwks', uri: 'https://login.example.com/${tenant}/keys' },
        audiences: ['https://vault.example.com'],
        algorithms: ['ES256'],
      });
      new TokenExchangeEngine(s, 'engine', {
        path: 'identity-delegation',
        plugin: 'vault-plugin-identity-delegation',
        issuer: 'https://sts.example.com/${x}',
        subjectJwksUri: 'https://vault.example.com/keys',
        defaultTtlSeconds: 900,
        key: { name: 'k', algorithm: 'RS256', keySize: 2048 },
      });
    });
    expect(onlyResource(json, 'vault_identity_oidc_client').redirect_uris).toEqual(['https://c.example.com/cb/$${x}']);
    const profile = onlyResource(json, 'vault_oauth_resource_server_config_profile');
    expect([profile.issuer_id, profile.jwks_uri]).toEqual(['https://login.example.com/$${tenant}', 'https://login.example.com/$${tenant}/keys']);
    const config = resources(json, 'vault_generic_endpoint').find((e) => String(e.path).endsWith('/config'))!;
    expect(JSON.parse(literalTemplateValue(config.data_json as string)).issuer).toBe('https://sts.example.com/${x}');
  });
});
