import { TerraformStack, Testing } from 'cdktf';
import { A2aVaultTopology, OUTPUT_NAMES } from '../../lib/constructs/topology';
import type { AccessPlan } from '../../lib/plan/types';
import { helloWorldPlan, mixedPlan } from '../support/plans';
import { onlyResource, refTo, resourceCounts, resources, synthStack, type TerraformJson } from '../support/synth';

function render(plan: AccessPlan): TerraformJson {
  return synthStack((s) => new A2aVaultTopology(s, 'topology', { plan }));
}

/** Resource address (`type.name`) of the resource of `type` whose attribute `name` is `name`. */
function named(json: TerraformJson, type: string, name: string): string {
  const entry = Object.entries(json.resource?.[type] ?? {}).find(([, body]) => body.name === name);
  if (!entry) throw new Error(`no ${type} named ${name}`);
  return `${type}.${entry[0]}`;
}

describe('A2aVaultTopology: scenario 1 (hello-world, test-client, end-user)', () => {
  const json = render(helloWorldPlan());

  test('creates exactly these resources and looks up both mounts', () => {
    expect(resourceCounts(json)).toEqual({
      terraform_data: 1, // the client's generation
      vault_identity_entity: 2,
      vault_identity_entity_alias: 2,
      vault_identity_group: 1,
      vault_identity_oidc_assignment: 1,
      vault_identity_oidc_client: 1,
      vault_identity_oidc_key: 1,
      vault_identity_oidc_key_allowed_client_id: 1,
      vault_identity_oidc_provider: 1,
      vault_identity_oidc_scope: 2, // the grant, and the scope naming the agent in its tokens
      vault_kubernetes_auth_backend_role: 1,
      vault_policy: 1,
    });
    expect(Object.values(json.data?.vault_auth_backend ?? {})).toEqual([{ path: 'kubernetes' }, { path: 'userpass' }]);
  });

  test('the key allows no client itself; one allowed-client resource adds the one client', () => {
    expect(onlyResource(json, 'vault_identity_oidc_key')).toEqual({
      name: 'hello-world',
      algorithm: 'RS256',
      rotation_period: 86400,
      verification_ttl: 86400,
    });
    expect(resources(json, 'vault_identity_oidc_key_allowed_client_id')).toEqual([
      { key_name: refTo(json, 'vault_identity_oidc_key', 'name'), allowed_client_id: refTo(json, 'vault_identity_oidc_client', 'client_id') },
    ]);
  });

  test("the client's own provider allows exactly that client and offers exactly its scope", () => {
    expect(onlyResource(json, 'vault_identity_oidc_provider')).toEqual({
      name: 'test-client',
      https_enabled: true,
      issuer_host: 'vault.example.com:8200',
      allowed_client_ids: [refTo(json, 'vault_identity_oidc_client', 'client_id')],
      scopes_supported: ['a2a-agent.test-client', 'hello-world.hello_world.read'].map((s) => `\${${named(json, 'vault_identity_oidc_scope', s)}.name}`),
    });
    expect(resources(json, 'vault_identity_oidc_scope')).toEqual([
      {
        name: 'a2a-agent.test-client',
        template: '{"a2a_agent":{"name":"test-client","owner":"","type":"browser"},"a2a_user":{"name":{{identity.entity.name}}}}',
        description: 'Names agent test-client and the signed-in user in ID tokens and userinfo',
      },
      {
        name: 'hello-world.hello_world.read',
        template: '{"hello-world.hello_world.read":true}',
        description: 'Grant hello_world:read on agent hello-world',
      },
    ]);
  });

  test('the client: confidential, 15-minute tokens, exact redirect URIs, its own assignment', () => {
    expect(onlyResource(json, 'vault_identity_oidc_client')).toEqual({
      name: 'test-client',
      key: refTo(json, 'vault_identity_oidc_key', 'name'),
      redirect_uris: ['http://127.0.0.1:9998/callback', 'http://localhost:9998/callback'],
      assignments: [refTo(json, 'vault_identity_oidc_assignment', 'name')],
      client_type: 'confidential',
      id_token_ttl: 900,
      access_token_ttl: 900,
      lifecycle: { replace_triggered_by: [`terraform_data.${Object.keys(json.resource?.terraform_data ?? {})[0]}`] },
    });
    expect(onlyResource(json, 'vault_identity_oidc_assignment')).toEqual({
      name: 'test-client',
      entity_ids: [`\${${named(json, 'vault_identity_entity', 'end-user')}.id}`],
      group_ids: [refTo(json, 'vault_identity_group', 'id')],
    });
  });

  test('entities with predictable aliases; the group holds end-user', () => {
    const endUser = named(json, 'vault_identity_entity', 'end-user');
    const testClient = named(json, 'vault_identity_entity', 'test-client');
    const mounts = json.data!.vault_auth_backend;
    const accessor = (path: string): string => `\${data.vault_auth_backend.${Object.keys(mounts).find((k) => mounts[k].path === path)}.accessor}`;
    expect(resources(json, 'vault_identity_entity_alias')).toEqual(
      expect.arrayContaining([
        { name: 'end-user', canonical_id: `\${${endUser}.id}`, mount_accessor: accessor('userpass') },
        { name: 'default/test-client', canonical_id: `\${${testClient}.id}`, mount_accessor: accessor('kubernetes') },
      ]),
    );
    expect(onlyResource(json, 'vault_identity_group')).toEqual({
      name: 'agent',
      type: 'internal',
      member_entity_ids: [`\${${endUser}.id}`],
      metadata: { description: 'People allowed to use the test client' },
    });
  });

  test('exact policy document and login role binding', () => {
    expect(onlyResource(json, 'vault_policy')).toEqual({
      name: 'a2a-agent-test-client',
      policy: '# reads its own OIDC client id and secret\npath "identity/oidc/client/test-client" {\n  capabilities = ["read"]\n}\n',
    });
    expect(onlyResource(json, 'vault_kubernetes_auth_backend_role')).toEqual({
      backend: 'kubernetes',
      role_name: 'test-client',
      bound_service_account_names: ['test-client'],
      bound_service_account_namespaces: ['default'],
      alias_name_source: 'serviceaccount_name',
      audience: 'vault',
      token_policies: [refTo(json, 'vault_policy', 'name')],
      token_ttl: 900,
      token_no_default_policy: true,
      token_max_ttl: 900,
    });
  });

  test('outputs: discovery URL per provider and client id per client, never a secret', () => {
    expect(json.output).toEqual({
      [OUTPUT_NAMES.discoveryUrls]: {
        description: expect.any(String),
        value: { 'test-client': `${refTo(json, 'vault_identity_oidc_provider', 'issuer')}/.well-known/openid-configuration` },
      },
      [OUTPUT_NAMES.clientIds]: {
        description: expect.any(String),
        value: { 'test-client': refTo(json, 'vault_identity_oidc_client', 'client_id') },
      },
    });
    expect(JSON.stringify(json.output)).not.toMatch(/client_secret|secret_id/);
  });

  test('exposes the rendered children by plan name', () => {
    const stack = new TerraformStack(Testing.app(), 't');
    const topology = new A2aVaultTopology(stack, 'topology', { plan: helloWorldPlan() });
    expect([...topology.clients.keys()]).toEqual(['test-client']);
    expect([...topology.providers.keys()]).toEqual(['test-client']);
    expect([...topology.entities.keys()]).toEqual(['end-user', 'test-client']);
    expect([...topology.loginRoles.keys()]).toEqual(['test-client']);
    expect(topology.identityTokenIssuer).toBeUndefined();
    expect(topology.key.allowedClientIds).toEqual(['client-test-client']);
  });
});

describe('A2aVaultTopology: several clients, headless roles, JWT and AppRole logins', () => {
  const json = render(mixedPlan());

  test('a provider per client, each allowing only its own client and offering only its scopes', () => {
    const client = (name: string): string => `\${${named(json, 'vault_identity_oidc_client', name)}.client_id}`;
    const scope = (name: string): string => `\${${named(json, 'vault_identity_oidc_scope', name)}.name}`;
    const providers = Object.fromEntries(resources(json, 'vault_identity_oidc_provider').map((p) => [p.name, p]));
    expect(providers.chat).toMatchObject({ allowed_client_ids: [client('chat')], scopes_supported: [scope('expense.expense.submit')] });
    expect(providers['test-client']).toMatchObject({
      allowed_client_ids: [client('test-client')],
      scopes_supported: [scope('a2a-agent.test-client'), scope('hello-world.hello_world.read')],
    });
  });

  test('the key allows each client and identity-token role through its own resource', () => {
    const allowed = resources(json, 'vault_identity_oidc_key_allowed_client_id').map((r) => r.allowed_client_id).sort();
    expect(allowed).toEqual(
      [
        `\${${named(json, 'vault_identity_oidc_client', 'chat')}.client_id}`,
        `\${${named(json, 'vault_identity_oidc_client', 'test-client')}.client_id}`,
        `\${${named(json, 'vault_identity_oidc_role', 'batch.expense')}.client_id}`,
        `\${${named(json, 'vault_identity_oidc_role', 'batch.hello-world')}.client_id}`,
      ].sort(),
    );
    expect(onlyResource(json, 'vault_identity_oidc_key')).not.toHaveProperty('allowed_client_ids');
  });

  test('identity-token roles, the issuer, and their audiences as outputs', () => {
    expect(resources(json, 'vault_identity_oidc_role').map((r) => [r.name, r.template, r.ttl])).toEqual([
      ['batch.expense', '{"expense.expense.submit":true}', 900],
      ['batch.hello-world', '{"hello-world.hello_world.read":true}', 300],
    ]);
    expect(onlyResource(json, 'vault_identity_oidc')).toEqual({ issuer: 'https://vault.example.com:8200' });
    expect(json.output?.[OUTPUT_NAMES.identityTokenAudiences].value).toEqual({
      'batch.expense': `\${${named(json, 'vault_identity_oidc_role', 'batch.expense')}.client_id}`,
      'batch.hello-world': `\${${named(json, 'vault_identity_oidc_role', 'batch.hello-world')}.client_id}`,
    });
  });

  test('the AppRole agent alias is its role id; the JWT agent alias is its subject', () => {
    const approle = Object.keys(json.resource!.vault_approle_auth_backend_role)[0];
    const aliases = Object.fromEntries(resources(json, 'vault_identity_entity_alias').map((a) => [a.canonical_id, a.name]));
    expect(aliases[`\${${named(json, 'vault_identity_entity', 'batch')}.id}`]).toBe(`\${vault_approle_auth_backend_role.${approle}.role_id}`);
    expect(aliases[`\${${named(json, 'vault_identity_entity', 'expense')}.id}`]).toBe('spiffe://example.org/expense');
    expect(onlyResource(json, 'vault_jwt_auth_backend_role')).toMatchObject({
      backend: 'jwt/spiffe',
      bound_subject: 'spiffe://example.org/expense',
      bound_audiences: ['vault'],
      token_policies: [`\${${named(json, 'vault_policy', 'a2a-agent-expense')}.name}`],
    });
  });

  test('exact policy documents per agent', () => {
    const docs = Object.fromEntries(resources(json, 'vault_policy').map((p) => [p.name, p.policy]));
    expect(docs).toEqual({
      'a2a-agent-batch':
        '# mints identity tokens for calls to expense\npath "identity/oidc/token/batch.expense" {\n  capabilities = ["read"]\n}\n\n' +
        '# mints identity tokens for calls to hello-world\npath "identity/oidc/token/batch.hello-world" {\n  capabilities = ["read"]\n}\n',
      'a2a-agent-expense': '# verifies identity tokens from batch\npath "identity/oidc/introspect" {\n  capabilities = ["update"]\n}\n',
      'a2a-agent-test-client': '# reads its own OIDC client id and secret\npath "identity/oidc/client/test-client" {\n  capabilities = ["read"]\n}\n',
    });
  });
});

describe('A2aVaultTopology: issuer', () => {
  test('the provider issuer uses the plan issuer host and the scheme of the Vault address', () => {
    const plan = helloWorldPlan();
    const json = render({ ...plan, vault: { address: 'http://vault.internal:8200', issuerHost: '127.0.0.1:8200' } });
    expect(onlyResource(json, 'vault_identity_oidc_provider')).toMatchObject({ https_enabled: false, issuer_host: '127.0.0.1:8200' });
  });
});

describe('A2aVaultTopology: inconsistent plans fail at synth, saying where', () => {
  test('a provider offering a scope the plan does not define', () => {
    const plan = helloWorldPlan();
    const broken = { ...plan, clients: [{ ...plan.clients[0], provider: { name: 'test-client', scopes: ['nope'] } }] };
    expect(() => render(broken)).toThrow('plan clients[test-client]: refers to scope "nope", which the plan does not define');
  });

  test('a key whose allowed clients differ from the clients rendered', () => {
    const plan = helloWorldPlan();
    expect(() => render({ ...plan, key: { ...plan.key, allowedClients: [] } })).toThrow(
      'plan key.allowedClients [] differs from the clients and identity-token roles rendered [client test-client]',
    );
  });

  test('a second topology in the same stack', () => {
    const stack = new TerraformStack(Testing.app(), 't');
    new A2aVaultTopology(stack, 'one', { plan: helloWorldPlan() });
    expect(() => new A2aVaultTopology(stack, 'two', { plan: helloWorldPlan() })).toThrow('already holds a topology at t/one');
  });
});
