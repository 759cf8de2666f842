import { AGENT_CLAIM_FROM_METADATA, byName, claimsOf, deref, inventory, policies, synthExample } from './support';

const { json } = synthExample('examples/headless/topology.yaml');

test('exactly the resources scenario 2 needs: no OIDC client, provider or scope', () => {
  expect(inventory(json)).toEqual({
    vault_identity_entity: ['hello-world', 'test-client'],
    vault_identity_entity_alias: ['vault_identity_entity:hello-world<-default/hello-world', 'vault_identity_entity:test-client<-default/test-client'],
    vault_identity_oidc: [expect.any(String)],
    vault_identity_oidc_key: ['headless'],
    vault_identity_oidc_key_allowed_client_id: ['vault_identity_oidc_key:headless<-vault_identity_oidc_role:test-client.hello-world'],
    vault_identity_oidc_role: ['test-client.hello-world'],
    vault_kubernetes_auth_backend_role: ['hello-world', 'test-client'],
    vault_policy: ['a2a-agent-hello-world', 'a2a-agent-test-client'],
  });
});

test('the client may mint only its own token; the server may only introspect', () => {
  expect(policies(json)).toEqual({
    'a2a-agent-hello-world':
      '# verifies identity tokens presented by its headless callers\npath "identity/oidc/introspect" {\n  capabilities = ["update"]\n}\n',
    'a2a-agent-test-client':
      '# mints identity tokens for calls to hello-world\npath "identity/oidc/token/test-client.hello-world" {\n  capabilities = ["read"]\n}\n',
  });
});

test('the role carries exactly the grant claim, for 15 minutes, signed by the topology key', () => {
  const role = byName(json, 'vault_identity_oidc_role', 'test-client.hello-world');
  expect(claimsOf(role.template)).toEqual({ 'hello-world.hello_world.read': true, ...AGENT_CLAIM_FROM_METADATA });
  expect(role.ttl).toBe(900);
  expect(deref(json, role.key as string)).toBe('vault_identity_oidc_key:headless');
});

test('identity tokens are issued under the topology address', () => {
  expect(Object.values(json.resource?.vault_identity_oidc ?? {})).toEqual([
    expect.objectContaining({ issuer: 'https://vault.example.com:8200' }),
  ]);
});

test('the audience of the token is an output; nothing secret is', () => {
  expect(Object.keys(json.output ?? {})).toEqual(['identity_token_audiences']);
  expect(JSON.stringify(Object.values(json.output ?? {}).map((o) => o.value))).not.toMatch(/secret/);
});
