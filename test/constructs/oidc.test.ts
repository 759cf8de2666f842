import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { OidcAssignment } from '../../lib/constructs/oidc-assignment';
import { OidcClient } from '../../lib/constructs/oidc-client';
import { OidcKey } from '../../lib/constructs/oidc-key';
import { OidcProvider } from '../../lib/constructs/oidc-provider';
import { OidcScope } from '../../lib/constructs/oidc-scope';
import { IdentityTokenRole } from '../../lib/constructs/identity-token-role';
import { InvalidPropsError } from '../../lib/constructs/validate';
import { onlyResource, refTo, resources, synthStack } from '../support/synth';

function scope(): Construct {
  return new TerraformStack(Testing.app(), 'test');
}

describe('OidcKey', () => {
  test('defaults to RS256 with 24h rotation and verification, and allows no client', () => {
    const json = synthStack((s) => new OidcKey(s, 'key', { name: 'agents' }));
    expect(onlyResource(json, 'vault_identity_oidc_key')).toEqual({
      name: 'agents',
      algorithm: 'RS256',
      rotation_period: 86400,
      verification_ttl: 86400,
    });
    expect(resources(json, 'vault_identity_oidc_key_allowed_client_id')).toEqual([]);
  });

  test('allowClient adds one allowed-client resource naming the key by reference', () => {
    const json = synthStack((s) => new OidcKey(s, 'key', { name: 'agents' }).allowClient('ext', 'abc123'));
    expect(onlyResource(json, 'vault_identity_oidc_key_allowed_client_id')).toEqual({
      key_name: refTo(json, 'vault_identity_oidc_key', 'name'),
      allowed_client_id: 'abc123',
    });
    expect(onlyResource(json, 'vault_identity_oidc_key')).not.toHaveProperty('allowed_client_ids');
  });

  test('refuses "*" and duplicate registrations', () => {
    const key = new OidcKey(scope(), 'key', { name: 'agents' });
    expect(() => key.allowClient('all', '*')).toThrow('allowClient("all") clientId "*" contains "*"');
    key.allowClient('one', 'abc');
    expect(() => key.allowClient('one', 'def')).toThrow('"one" is already allowed on this key');
  });

  test('refuses the built-in default key, bad names and long periods, all at once', () => {
    expect(() => new OidcKey(scope(), 'key', { name: 'default' })).toThrow('name "default" is a built-in Vault object');
    let error: unknown;
    try {
      new OidcKey(scope(), 'key', { name: 'a/b', rotationPeriodSeconds: 0, verificationTtlSeconds: 90 * 86400 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidPropsError);
    expect((error as InvalidPropsError).constructPath).toBe('test/key');
    expect((error as InvalidPropsError).issues).toEqual([
      'name "a/b" is not a valid Vault name: use letters, digits, "_", "-" and "." (not first or last); no "/", ":" or "*"',
      'rotationPeriodSeconds must be a positive whole number of seconds, got 0',
      'verificationTtlSeconds is 7776000s; at most 2592000s is allowed for a short-lived credential',
    ]);
  });
});

describe('OidcScope', () => {
  test('renders name, template and description', () => {
    const json = synthStack(
      (s) => new OidcScope(s, 'scope', { name: 'hello-world.hello_world.read', template: { 'hello-world.hello_world.read': true }, description: 'd' }),
    );
    expect(onlyResource(json, 'vault_identity_oidc_scope')).toEqual({
      name: 'hello-world.hello_world.read',
      template: '{"hello-world.hello_world.read":true}',
      description: 'd',
    });
  });

  test('keeps a template given as text byte for byte', () => {
    const template = '{ "groups": "{{identity.entity.groups.names}}" }';
    const json = synthStack((s) => new OidcScope(s, 'scope', { name: 'groups', template }));
    expect(onlyResource(json, 'vault_identity_oidc_scope')).toEqual({ name: 'groups', template });
  });

  test.each(['iss', 'sub', 'aud', 'iat', 'exp', 'nonce', 'auth_time', 'at_hash', 'c_hash', 'namespace'])(
    'refuses a template setting reserved claim %s',
    (claim) => {
      expect(() => new OidcScope(scope(), 'scope', { name: 'x', template: { [claim]: 'forged', ok: true } })).toThrow(
        `template sets reserved claim(s) "${claim}"`,
      );
    },
  );

  test.each([
    ['not json', 'template is not valid JSON'],
    ['[1]', 'template must be a JSON object'],
    ['null', 'template must be a JSON object'],
    ['{"x":"${var.y}"}', 'which Terraform would evaluate'],
  ])('refuses template %j', (template, message) => {
    expect(() => new OidcScope(scope(), 'scope', { name: 'x', template })).toThrow(message);
  });

  test('refuses the built-in openid scope', () => {
    expect(() => new OidcScope(scope(), 'scope', { name: 'openid', template: {} })).toThrow('name "openid" is a built-in Vault object');
  });
});

describe('OidcAssignment', () => {
  test('lists exactly the entity and group ids given', () => {
    const json = synthStack((s) => new OidcAssignment(s, 'a', { name: 'chat', entityIds: ['e1'], groupIds: ['g1', 'g2'] }));
    expect(onlyResource(json, 'vault_identity_oidc_assignment')).toEqual({ name: 'chat', entity_ids: ['e1'], group_ids: ['g1', 'g2'] });
  });

  test('refuses allow_all and wildcard ids', () => {
    expect(() => new OidcAssignment(scope(), 'a', { name: 'allow_all' })).toThrow(
      'name "allow_all" is the built-in assignment that admits every entity; choose another name',
    );
    expect(() => new OidcAssignment(scope(), 'a', { name: 'x', entityIds: ['*'], groupIds: ['g', 'g'] })).toThrow(
      /entityIds\[0\] "\*" contains "\*"[\s\S]*groupIds lists "g" twice/,
    );
  });
});

describe('OidcClient', () => {
  function build(s: Construct, props: Partial<ConstructorParameters<typeof OidcClient>[2]> = {}): OidcClient {
    const key = new OidcKey(s, 'key', { name: 'agents' });
    const assignment = new OidcAssignment(s, 'assignment', { name: 'chat', entityIds: ['e1'] });
    return new OidcClient(s, 'client', {
      name: 'chat',
      key,
      redirectUris: ['https://chat.example.com/callback'],
      assignments: [assignment],
      ...props,
    });
  }

  test('confidential, 15-minute tokens, key and assignments by reference', () => {
    const json = synthStack((s) => build(s));
    expect(onlyResource(json, 'vault_identity_oidc_client')).toEqual({
      name: 'chat',
      key: refTo(json, 'vault_identity_oidc_key', 'name'),
      redirect_uris: ['https://chat.example.com/callback'],
      assignments: [refTo(json, 'vault_identity_oidc_assignment', 'name')],
      client_type: 'confidential',
      id_token_ttl: 900,
      access_token_ttl: 900,
      lifecycle: { replace_triggered_by: [`terraform_data.${Object.keys(json.resource?.terraform_data ?? {})[0]}`] },
    });
    // Generation 1: raising it replaces the client (Vault cannot rotate a client secret).
    expect(onlyResource(json, 'terraform_data')).toEqual({ triggers_replace: { client: 'chat', generation: 1 } });
  });

  test('a new generation is the only change that replaces the client, and a bad one is refused', () => {
    const first = synthStack((s) => build(s));
    const second = synthStack((s) => build(s, { generation: 2 }));
    expect(onlyResource(second, 'vault_identity_oidc_client')).toEqual(onlyResource(first, 'vault_identity_oidc_client'));
    expect(onlyResource(second, 'terraform_data')).toEqual({ triggers_replace: { client: 'chat', generation: 2 } });
    expect(() => build(scope(), { generation: 0 })).toThrow('generation must be a whole number of at least 1, got 0');
  });

  test('registers its client_id on its key', () => {
    const json = synthStack((s) => build(s));
    expect(onlyResource(json, 'vault_identity_oidc_key_allowed_client_id')).toEqual({
      key_name: refTo(json, 'vault_identity_oidc_key', 'name'),
      allowed_client_id: refTo(json, 'vault_identity_oidc_client', 'client_id'),
    });
  });

  test('clientId is a reference to the generated id; nothing exposes the secret', () => {
    const client = build(scope());
    expect(Object.keys(client)).not.toContain('clientSecret');
    expect(client.clientId).toMatch(/^\$\{TfToken\[/);
  });

  test('a public client needs a reason', () => {
    expect(() => build(scope(), { clientType: { kind: 'public', reason: '' } })).toThrow('clientType.reason must say why');
    const json = synthStack((s) => build(s, { clientType: { kind: 'public', reason: 'CLI on user laptops, PKCE' } }));
    expect(onlyResource(json, 'vault_identity_oidc_client').client_type).toBe('public');
  });

  test.each([
    ['https://*.example.com/cb', 'contains "*"'],
    ['http://chat.example.com/cb', 'uses http on a non-loopback host'],
    ['https://chat.example.com/cb#x', 'has a fragment'],
    ['/callback', 'is not an absolute URL'],
    ['ftp://chat.example.com/cb', 'must be an http(s) URL'],
    [' https://chat.example.com/cb', 'contains whitespace'],
  ])('refuses redirect URI %j', (uri, message) => {
    expect(() => build(scope(), { redirectUris: [uri] })).toThrow(message);
  });

  test('accepts http only on loopback addresses', () => {
    expect(() => build(scope(), { redirectUris: ['http://127.0.0.1:9998/callback', 'http://localhost:9998/callback', 'http://[::1]:1/cb'] })).not.toThrow();
  });

  test('refuses allow_all, no assignments, no redirect URIs and TTLs over 24h', () => {
    expect(() => build(scope(), { assignments: ['allow_all'] })).toThrow('assignments[0] "allow_all" admits every entity');
    expect(() => build(scope(), { assignments: [], redirectUris: [], accessTokenTtlSeconds: 2 * 86400 })).toThrow(
      /redirectUris is empty[\s\S]*assignments is empty[\s\S]*accessTokenTtlSeconds is 172800s/,
    );
  });
});

describe('OidcProvider', () => {
  function build(s: Construct, props: Partial<ConstructorParameters<typeof OidcProvider>[2]> = {}): OidcProvider {
    const key = new OidcKey(s, 'key', { name: 'agents' });
    const client = new OidcClient(s, 'client', { name: 'chat', key, redirectUris: ['https://chat.example.com/cb'], assignments: ['chat-users'] });
    const read = new OidcScope(s, 'scope', { name: 'mail.read', template: { 'mail.read': true } });
    return new OidcProvider(s, 'provider', { name: 'chat', vaultAddress: 'https://vault.example.com:8200', clients: [client], scopes: [read], ...props });
  }

  test('https issuer from the Vault address, exactly the clients and scopes given, by reference', () => {
    const json = synthStack((s) => build(s));
    expect(onlyResource(json, 'vault_identity_oidc_provider')).toEqual({
      name: 'chat',
      https_enabled: true,
      issuer_host: 'vault.example.com:8200',
      allowed_client_ids: [refTo(json, 'vault_identity_oidc_client', 'client_id')],
      scopes_supported: [refTo(json, 'vault_identity_oidc_scope', 'name')],
    });
  });

  test('discoveryUrl resolves to the provider issuer plus the well-known path', () => {
    const json = synthStack((s) => new TerraformOutput(s, 'url', { value: build(s).discoveryUrl }));
    expect(json.output?.url.value).toBe(
      `\${vault_identity_oidc_provider.${Object.keys(json.resource!.vault_identity_oidc_provider)[0]}.issuer}/.well-known/openid-configuration`,
    );
  });

  test('refuses "*" and empty client lists', () => {
    expect(() => build(scope(), { clients: ['*'] })).toThrow('clients[0] "*" contains "*"');
    expect(() => build(scope(), { clients: [] })).toThrow('clients is empty');
    expect(() => build(scope(), { scopes: ['*'] })).toThrow('scopes[0] "*" contains "*"');
  });

  test('plain http needs a reason; a path in the address is refused', () => {
    expect(() => build(scope(), { vaultAddress: 'http://127.0.0.1:8200' })).toThrow('is http; use https, or pass plainHttp');
    const json = synthStack((s) => build(s, { vaultAddress: 'http://127.0.0.1:8200', plainHttp: { reason: 'dev server' } }));
    expect(onlyResource(json, 'vault_identity_oidc_provider')).toMatchObject({ https_enabled: false, issuer_host: '127.0.0.1:8200' });
    expect(() => build(scope(), { vaultAddress: 'https://example.com/vault' })).toThrow('must be scheme://host[:port] only');
  });
});

describe('IdentityTokenRole', () => {
  test('name, key by reference, template, 15-minute default TTL; registers its client_id on the key', () => {
    const json = synthStack((s) => {
      const key = new OidcKey(s, 'key', { name: 'agents' });
      new IdentityTokenRole(s, 'role', { name: 'batch.expense', key, template: '{"expense.expense.read":true}' });
    });
    expect(onlyResource(json, 'vault_identity_oidc_role')).toEqual({
      name: 'batch.expense',
      key: refTo(json, 'vault_identity_oidc_key', 'name'),
      template: '{"expense.expense.read":true}',
      ttl: 900,
    });
    expect(onlyResource(json, 'vault_identity_oidc_key_allowed_client_id')).toEqual({
      key_name: refTo(json, 'vault_identity_oidc_key', 'name'),
      allowed_client_id: refTo(json, 'vault_identity_oidc_role', 'client_id'),
    });
  });

  test('refuses reserved claims and long TTLs', () => {
    const s = scope();
    const key = new OidcKey(s, 'key', { name: 'agents' });
    expect(() => new IdentityTokenRole(s, 'role', { name: 'r', key, template: { aud: 'x' }, ttlSeconds: 86401 })).toThrow(
      /template sets reserved claim\(s\) "aud"[\s\S]*ttlSeconds is 86401s/,
    );
  });
});
