import { AGENT_CLAIM_FROM_METADATA, byName, claimsOf, inventory, policies, synthExample } from './support';

const { json } = synthExample('examples/expense/topology.yaml');

test('one role per caller, each with exactly its one action; no catch-all', () => {
  expect(inventory(json).vault_identity_oidc_role).toEqual(['bookkeeper.expense', 'travel-planner.expense']);
  expect(claimsOf(byName(json, 'vault_identity_oidc_role', 'bookkeeper.expense').template)).toEqual({
    'expense.expense.read': true,
    ...AGENT_CLAIM_FROM_METADATA,
  });
  expect(claimsOf(byName(json, 'vault_identity_oidc_role', 'travel-planner.expense').template)).toEqual({
    'expense.expense.submit': true,
    ...AGENT_CLAIM_FROM_METADATA,
  });
  expect(JSON.stringify(json)).not.toContain('expense.expense.approve');
});

test('exact policies: each caller mints only its own token, the expense agent only introspects', () => {
  expect(policies(json)).toEqual({
    'a2a-agent-bookkeeper':
      '# mints identity tokens for calls to expense\npath "identity/oidc/token/bookkeeper.expense" {\n  capabilities = ["read"]\n}\n',
    'a2a-agent-expense':
      '# verifies identity tokens presented by its headless callers\npath "identity/oidc/introspect" {\n  capabilities = ["update"]\n}\n',
    'a2a-agent-travel-planner':
      '# mints identity tokens for calls to expense\npath "identity/oidc/token/travel-planner.expense" {\n  capabilities = ["read"]\n}\n',
  });
});

test('tokens and logins live 15 minutes', () => {
  for (const role of Object.values(json.resource?.vault_identity_oidc_role ?? {})) expect(role.ttl).toBe(900);
  expect(byName(json, 'vault_kubernetes_auth_backend_role', 'travel-planner')).toMatchObject({ token_ttl: 900, token_max_ttl: 900 });
});

test('the SPIFFE agent logs in with a JWT role bound to its subject and audience', () => {
  expect(byName(json, 'vault_jwt_auth_backend_role', 'bookkeeper')).toMatchObject({
    backend: 'jwt-spiffe',
    role_type: 'jwt',
    user_claim: 'sub',
    bound_subject: 'spiffe://example.org/ns/finance/sa/bookkeeper',
    bound_audiences: ['vault'],
    token_ttl: 900,
  });
});
