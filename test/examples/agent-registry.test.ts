/** examples/agent-registry (scenario 5), synthesized the way `vault-a2a synth` does; every registry attribute asserted. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { byName, deref, inventory, policies, synthExample } from './support';

const FILE = 'examples/agent-registry/topology.yaml';
const { json } = synthExample(FILE);

test('exactly the resources scenario 5 needs', () => {
  expect(inventory(json)).toEqual({
    vault_agent_registration: [expect.stringContaining('"display_name":"expense"'), expect.stringContaining('"display_name":"travel-planner"')],
    vault_identity_entity: ['expense', 'travel-planner'],
    // Each agent's login alias, and its alias for the corporate IdP's JWTs (the opt-in accessor).
    vault_identity_entity_alias: [
      'vault_identity_entity:expense<-0oa8expenseagent',
      'vault_identity_entity:expense<-finance/expense',
      'vault_identity_entity:travel-planner<-0oa8travelplanner',
      'vault_identity_entity:travel-planner<-travel/travel-planner',
    ],
    vault_identity_oidc: [expect.any(String)],
    vault_identity_oidc_key: ['agent-registry'],
    vault_identity_oidc_key_allowed_client_id: ['vault_identity_oidc_key:agent-registry<-vault_identity_oidc_role:travel-planner.expense'],
    vault_identity_oidc_role: ['travel-planner.expense'],
    vault_kubernetes_auth_backend_role: ['expense', 'travel-planner'],
    vault_oauth_resource_server_config_profile: [expect.stringContaining('"profile_name":"corporate-idp"')],
    vault_policy: ['a2a-agent-expense', 'a2a-agent-travel-planner', 'a2a-ceiling-expense', 'a2a-ceiling-travel-planner'],
  });
});

test("the IdP's JWTs resolve to each agent's entity: an alias on the accessor the topology names, and the agent's own policy on the entity", () => {
  const aliases = Object.values(json.resource?.vault_identity_entity_alias ?? {}).filter((a) => a.mount_accessor === 'auth_oauth_0a1b2c3d');
  expect(aliases.map((a) => [deref(json, a.canonical_id as string), a.name])).toEqual([
    ['vault_identity_entity:expense', '0oa8expenseagent'],
    ['vault_identity_entity:travel-planner', '0oa8travelplanner'],
  ]);
  for (const agent of ['expense', 'travel-planner']) {
    expect((byName(json, 'vault_identity_entity', agent).policies as string[]).map((p) => deref(json, p))).toEqual([`vault_policy:a2a-agent-${agent}`]);
  }
});

test('each ceiling repeats exactly the agent policy, under its own name', () => {
  const docs = policies(json);
  for (const agent of ['expense', 'travel-planner']) {
    expect(docs[`a2a-ceiling-${agent}`]).toBe(`# Agent registry ceiling of "${agent}": exactly its grants, nothing more.\n\n${docs[`a2a-agent-${agent}`]}`);
  }
  expect(docs['a2a-agent-travel-planner']).toBe('# mints identity tokens for calls to expense\npath "identity/oidc/token/travel-planner.expense" {\n  capabilities = ["read"]\n}\n');
});

test('registrations: every attribute, tied to the entity and its own ceiling, RAR mandatory, no default ceiling', () => {
  const registrations = Object.values(json.resource?.vault_agent_registration ?? {}).map((r) => ({
    ...r,
    entity_id: deref(json, r.entity_id as string),
    ceiling_policies: (r.ceiling_policies as string[]).map((c) => deref(json, c)),
  }));
  expect(registrations).toEqual([
    {
      display_name: 'expense',
      entity_id: 'vault_identity_entity:expense',
      ceiling_policies: ['vault_policy:a2a-ceiling-expense'],
      no_default_ceiling_policy: true,
      optional_authorization_details: false,
      owner: 'finance-platform',
      description: "Serves expense reports; verifies callers' identity tokens through Vault",
    },
    {
      display_name: 'travel-planner',
      entity_id: 'vault_identity_entity:travel-planner',
      ceiling_policies: ['vault_policy:a2a-ceiling-travel-planner'],
      no_default_ceiling_policy: true,
      optional_authorization_details: false,
      owner: 'travel-team',
      description: 'Plans trips and files their expenses',
    },
  ]);
});

test('the corporate IdP profile: every attribute', () => {
  expect(Object.values(json.resource?.vault_oauth_resource_server_config_profile ?? {})).toEqual([
    {
      profile_name: 'corporate-idp',
      issuer_id: 'https://login.example.com/oauth2/agents',
      use_jwks: true,
      jwks_uri: 'https://login.example.com/oauth2/agents/v1/keys',
      audiences: ['https://vault.example.com:8200'],
      supported_algorithms: ['ES256', 'PS256'],
      clock_skew_leeway: 30,
      user_claim: 'sub',
      jwt_type: 'access_token',
      enabled: true,
      no_default_policy: true,
      optional_authorization_details: false,
    },
  ]);
});

test('the stack requires the vault provider >= 5.10.1, < 6.0.0, in namespace agents', () => {
  expect(json.terraform?.required_providers).toEqual({ vault: { source: 'hashicorp/vault', version: '>= 5.10.1, < 6.0.0' } });
  expect(json.provider).toEqual({ vault: [{ address: 'https://vault.example.com:8200', namespace: 'agents' }] });
  expect(byName(json, 'vault_kubernetes_auth_backend_role', 'travel-planner')).toMatchObject({ token_ttl: 900, token_max_ttl: 900 });
});

test('authorization-details.json next to cdk.tf.json tells the IdP what each agent\'s tokens carry', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-example-registry-'));
  try {
    const result = topologyApp(FILE, () => new App({ outdir }));
    if (!result.ok) throw new Error(result.message);
    result.app.synth();
    const document = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'agent-registry', 'authorization-details.json'), 'utf8'));
    expect(document).toEqual({
      format: 1,
      topology: 'agent-registry',
      vault: { address: 'https://vault.example.com:8200', namespace: 'agents' },
      resourceServers: [
        {
          name: 'corporate-idp',
          issuer: 'https://login.example.com/oauth2/agents',
          audiences: ['https://vault.example.com:8200'],
          algorithms: ['ES256', 'PS256'],
          jwtType: 'access_token',
          userClaim: 'sub',
          authorizationDetails: 'required',
        },
      ],
      agents: [
        { agent: 'expense', authorizationDetails: 'required', authorization_details: [{ type: 'vault:path_access', path: 'identity/oidc/introspect', capabilities: ['update'] }] },
        {
          agent: 'travel-planner',
          authorizationDetails: 'required',
          authorization_details: [{ type: 'vault:path_access', path: 'identity/oidc/token/travel-planner.expense', capabilities: ['read'] }],
        },
      ],
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
