import { byName, claimsOf, deref, inventory, policies, synthExample } from './support';

const { json } = synthExample('examples/hello-world/topology.yaml');

test('exactly the resources scenario 1 needs', () => {
  expect(inventory(json)).toEqual({
    // The client's generation: raising it replaces the client (a new client_id and secret).
    terraform_data: ['{"triggers_replace":{"client":"test-client","generation":1}}'],
    vault_identity_entity: ['end-user', 'test-client'],
    vault_identity_entity_alias: ['vault_identity_entity:end-user<-end-user', 'vault_identity_entity:test-client<-default/test-client'],
    vault_identity_group: ['agent'],
    vault_identity_oidc_assignment: ['test-client'],
    vault_identity_oidc_client: ['test-client'],
    vault_identity_oidc_key: ['hello-world'],
    vault_identity_oidc_key_allowed_client_id: ['vault_identity_oidc_key:hello-world<-vault_identity_oidc_client:test-client'],
    vault_identity_oidc_provider: ['test-client'],
    vault_identity_oidc_scope: ['a2a-agent.test-client', 'hello-world.hello_world.read'],
    vault_kubernetes_auth_backend_role: ['test-client'],
    vault_policy: ['a2a-agent-test-client'],
  });
  expect(Object.keys(json.data?.vault_auth_backend ?? {})).toHaveLength(2);
});

test('the only policy: read its own OIDC client, nothing else', () => {
  expect(policies(json)).toEqual({
    'a2a-agent-test-client':
      '# reads its own OIDC client id and secret\npath "identity/oidc/client/test-client" {\n  capabilities = ["read"]\n}\n',
  });
});

test('the key lists no client itself and is never "*"', () => {
  expect(byName(json, 'vault_identity_oidc_key', 'hello-world')).not.toHaveProperty('allowed_client_ids');
  expect(JSON.stringify(json)).not.toContain('"*"');
});

test("the client's own provider allows only that client and offers only its grant", () => {
  const provider = byName(json, 'vault_identity_oidc_provider', 'test-client');
  expect((provider.allowed_client_ids as string[]).map((r) => deref(json, r))).toEqual(['vault_identity_oidc_client:test-client']);
  // Its grant, and the scope that names the agent and the signed-in user in ID tokens and userinfo.
  expect((provider.scopes_supported as string[]).map((r) => deref(json, r))).toEqual([
    'vault_identity_oidc_scope:a2a-agent.test-client',
    'vault_identity_oidc_scope:hello-world.hello_world.read',
  ]);
  expect(provider.https_enabled).toBe(true);
  expect(provider.issuer_host).toBe('vault.example.com:8200');
});

test('the client: confidential, exact redirect URIs, 15-minute tokens, assigned to exactly end-user and group agent', () => {
  const client = byName(json, 'vault_identity_oidc_client', 'test-client');
  expect(client).toMatchObject({
    client_type: 'confidential',
    redirect_uris: ['http://127.0.0.1:9998/callback', 'http://localhost:9998/callback'],
    id_token_ttl: 900,
    access_token_ttl: 900,
  });
  const assignment = byName(json, 'vault_identity_oidc_assignment', 'test-client');
  expect((assignment.entity_ids as string[]).map((r) => deref(json, r))).toEqual(['vault_identity_entity:end-user']);
  expect((assignment.group_ids as string[]).map((r) => deref(json, r))).toEqual(['vault_identity_group:agent']);
});

test('the scope sets one claim named like the scope and nothing reserved', () => {
  expect(JSON.parse(byName(json, 'vault_identity_oidc_scope', 'hello-world.hello_world.read').template as string)).toEqual({
    'hello-world.hello_world.read': true,
  });
});

test('the agent scope names the client agent literally and the signed-in user from their entity', () => {
  expect(claimsOf(byName(json, 'vault_identity_oidc_scope', 'a2a-agent.test-client').template)).toEqual({
    a2a_agent: { name: 'test-client', owner: '', type: 'browser' },
    a2a_user: { name: '{{identity.entity.name}}' },
  });
  expect(byName(json, 'vault_identity_entity', 'test-client').metadata).toEqual({ a2a_agent: 'test-client' });
});

test('the login role binds one service account in one namespace and attaches only its policy', () => {
  const role = byName(json, 'vault_kubernetes_auth_backend_role', 'test-client');
  expect(role).toMatchObject({
    backend: 'kubernetes',
    bound_service_account_names: ['test-client'],
    bound_service_account_namespaces: ['default'],
    alias_name_source: 'serviceaccount_name',
    token_ttl: 900,
    token_max_ttl: 900,
  });
  expect((role.token_policies as string[]).map((r) => deref(json, r))).toEqual(['vault_policy:a2a-agent-test-client']);
});

test('outputs: discovery URL and client id, never a secret', () => {
  expect(Object.keys(json.output ?? {}).sort()).toEqual(['oidc_client_ids', 'oidc_discovery_urls']);
  expect(JSON.stringify(Object.values(json.output ?? {}).map((o) => o.value))).not.toMatch(/secret/);
});
