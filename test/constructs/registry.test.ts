/**
 * The registry part of `A2aVaultTopology` (scenario 5) on synthesized Terraform JSON: every
 * attribute of every registration, ceiling policy and resource-server profile, the provider
 * floor, the reference graph, and authorization-details.json written next to cdk.tf.json.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { App, Testing } from 'cdktf';
import { A2aAgentRegistry, AgentTopologyStack, InvalidPropsError, VAULT_PROVIDER_FLOOR_CONSTRAINT } from '../../lib/constructs';
import { topologyApp } from '../../lib/app';
import { renderAuthorizationDetails } from '../../lib/plan/authorization-details';
import { compile } from '../../lib/plan/compile';
import type { RegistryPlan } from '../../lib/plan/registry-types';
import type { AccessPlan } from '../../lib/plan/types';
import { agentRegistry, helloWorld } from '../support/normalized';
import { EC_P256, RSA_2048 } from '../support/registry-keys';
import { agentRegistryPlan, registryPlan } from '../support/registry-plans';
import { resourceCounts, resources, type TerraformJson } from '../support/synth';
import { assertAcyclic } from '../support/terraform-graph';

const REGISTRATION = 'vault_agent_registration';
const PROFILE = 'vault_oauth_resource_server_config_profile';

function stackFor(plan: AccessPlan, app: App = Testing.app()): AgentTopologyStack {
  return new AgentTopologyStack(app, plan.name, { topology: agentRegistry(), compile: () => plan });
}

function synth(plan: AccessPlan): TerraformJson {
  return JSON.parse(Testing.synth(stackFor(plan))) as TerraformJson;
}

/** `${type.<logical id>.attr}` of the one resource of `type` whose body has `field = value`. */
function refWhere(json: TerraformJson, type: string, field: string, value: unknown, attr: string): string {
  const matches = Object.entries(json.resource?.[type] ?? {}).filter(([, body]) => body[field] === value);
  if (matches.length !== 1) throw new Error(`expected one ${type} with ${field} = ${JSON.stringify(value)}, found ${matches.length}`);
  return `\${${type}.${matches[0][0]}.${attr}}`;
}

function policyDocument(json: TerraformJson, name: string): string {
  const found = resources(json, 'vault_policy').find((p) => p.name === name);
  if (found === undefined) throw new Error(`no vault_policy ${name}`);
  return found.policy as string;
}

function withRegistry(change: (r: RegistryPlan) => RegistryPlan): AccessPlan {
  return agentRegistryPlan(change(registryPlan()));
}

/** Synthesizes like `cdktf synth` into a temporary directory; returns the stack directory's files. */
function fullSynth(plan: AccessPlan, hcl = false): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-registry-'));
  try {
    const app = new App({ outdir, hclOutput: hcl });
    stackFor(plan, app);
    app.synth();
    const dir = path.join(outdir, 'stacks', plan.name);
    return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test('the hand-built registry plan is what the compiler produces for the example', () => {
  expect(compile(agentRegistry()).registry).toEqual(registryPlan());
});

describe('A2aVaultTopology: scenario 5 (agent registry)', () => {
  const json = synth(agentRegistryPlan());

  test('creates exactly these resources', () => {
    expect(resourceCounts(json)).toEqual({
      vault_agent_registration: 2,
      vault_identity_entity: 2,
      vault_identity_entity_alias: 4, // each agent's login alias, and its alias for the IdP's JWTs
      vault_identity_oidc: 1,
      vault_identity_oidc_key: 1,
      vault_identity_oidc_key_allowed_client_id: 1,
      vault_identity_oidc_role: 1,
      vault_kubernetes_auth_backend_role: 2,
      vault_oauth_resource_server_config_profile: 1,
      vault_policy: 4,
    });
  });

  test('each registration: every attribute, tied to its entity and capped by its own ceiling policy only', () => {
    const byName = Object.fromEntries(resources(json, REGISTRATION).map((r) => [r.display_name, r]));
    expect(byName.expense).toStrictEqual({
      display_name: 'expense',
      entity_id: refWhere(json, 'vault_identity_entity', 'name', 'expense', 'id'),
      ceiling_policies: [refWhere(json, 'vault_policy', 'name', 'a2a-ceiling-expense', 'name')],
      no_default_ceiling_policy: true,
      optional_authorization_details: false,
      owner: 'finance-platform',
      description: "Serves expense reports; verifies callers' identity tokens through Vault",
    });
    expect(byName['travel-planner']).toStrictEqual({
      display_name: 'travel-planner',
      entity_id: refWhere(json, 'vault_identity_entity', 'name', 'travel-planner', 'id'),
      ceiling_policies: [refWhere(json, 'vault_policy', 'name', 'a2a-ceiling-travel-planner', 'name')],
      no_default_ceiling_policy: true,
      optional_authorization_details: false,
      owner: 'travel-team',
      description: 'Plans trips and files their expenses',
    });
  });

  test('ceiling policies: exactly the agent policy stanzas, under a header, no globs, no sudo', () => {
    expect(policyDocument(json, 'a2a-ceiling-travel-planner')).toBe(
      [
        '# Agent registry ceiling of "travel-planner": exactly its grants, nothing more.',
        '',
        '# mints identity tokens for calls to expense',
        'path "identity/oidc/token/travel-planner.expense" {',
        '  capabilities = ["read"]',
        '}',
        '',
      ].join('\n'),
    );
    expect(policyDocument(json, 'a2a-ceiling-expense')).toBe(
      `# Agent registry ceiling of "expense": exactly its grants, nothing more.\n\n${policyDocument(json, 'a2a-agent-expense')}`,
    );
    for (const p of resources(json, 'vault_policy')) {
      expect(p.policy).not.toMatch(/path "[^"]*[*+]/);
      expect(p.policy).not.toContain('sudo');
    }
  });

  test('the resource-server profile: every attribute, the secure settings written out', () => {
    expect(resources(json, PROFILE)).toStrictEqual([
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

  test('the stack requires the vault provider >= 5.10.1, < 6.0.0; stacks without a registry keep 5.6.0', () => {
    expect(json.terraform?.required_providers).toEqual({ vault: { source: 'hashicorp/vault', version: VAULT_PROVIDER_FLOOR_CONSTRAINT } });
    expect(VAULT_PROVIDER_FLOOR_CONSTRAINT).toBe('>= 5.10.1, < 6.0.0');
    const plain = JSON.parse(Testing.synth(new AgentTopologyStack(Testing.app(), 'hello-world', { topology: helloWorld() }))) as TerraformJson;
    expect(plain.terraform?.required_providers).toEqual({ vault: { source: 'hashicorp/vault', version: '5.6.0' } });
  });

  test('a stack with only a resource-server profile also requires the floor', () => {
    const onlyProfile = withRegistry(({ entityAliases: _, ...r }) => ({ ...r, registrations: [], ceilingPolicies: [], authorizationDetails: [] }));
    const j = synth(onlyProfile);
    expect(resourceCounts(j)[REGISTRATION]).toBeUndefined();
    expect(resourceCounts(j)[PROFILE]).toBe(1);
    expect(j.terraform?.required_providers).toEqual({ vault: { source: 'hashicorp/vault', version: '>= 5.10.1, < 6.0.0' } });
  });

  test('a JWT alias for an agent that is not registered is refused, saying where', () => {
    const unregistered = withRegistry((r) => ({ ...r, registrations: r.registrations.filter((g) => g.agent !== 'expense'), ceilingPolicies: r.ceilingPolicies.filter((c) => c.agent !== 'expense'), authorizationDetails: r.authorizationDetails.filter((a) => a.agent !== 'expense') }));
    expect(() => synth(unregistered)).toThrow('plan entityAliases[corporate-idp/expense]: maps JWTs to agent "expense", which is not registered');
  });

  test('no reference cycles; registrations are created after their entity and ceiling', () => {
    assertAcyclic(json);
    for (const r of resources(json, REGISTRATION)) {
      expect(r.entity_id).toMatch(/^\$\{vault_identity_entity\./);
      expect((r.ceiling_policies as string[]).every((c) => c.startsWith('${vault_policy.'))).toBe(true);
    }
  });

  test('exposes the rendered registry children by plan name', () => {
    const stack = stackFor(agentRegistryPlan());
    const registry = stack.topology.registry;
    expect(registry).toBeInstanceOf(A2aAgentRegistry);
    expect([...registry!.records.keys()]).toEqual(['expense', 'travel-planner']);
    expect([...registry!.ceilings.keys()]).toEqual(['a2a-ceiling-expense', 'a2a-ceiling-travel-planner']);
    expect([...registry!.profiles.keys()]).toEqual(['corporate-idp']);
    expect(registry!.authorizationDetailsFile.text).toBe(renderAuthorizationDetails(agentRegistryPlan()));
  });

  test('plans without a registry render no registry construct and no registry resources', () => {
    const stack = new AgentTopologyStack(Testing.app(), 'hello-world', { topology: helloWorld() });
    expect(stack.topology.registry).toBeUndefined();
    const j = JSON.parse(Testing.synth(stack)) as TerraformJson;
    expect(Object.keys(j.resource ?? {})).not.toContain(REGISTRATION);
    expect(Object.keys(j.resource ?? {})).not.toContain(PROFILE);
    expect(Object.keys(j.resource ?? {})).toContain('vault_policy');
  });
});

describe('A2aVaultTopology: registry variants', () => {
  test('an agent without grants: a ceiling policy that allows nothing (no path stanzas), still listed explicitly', async () => {
    const plan = withRegistry((r) => ({
      ...r,
      ceilingPolicies: r.ceilingPolicies.map((c) => (c.agent === 'expense' ? { ...c, rules: [] } : c)),
    }));
    const j = synth(plan);
    const document = policyDocument(j, 'a2a-ceiling-expense');
    expect(document).toBe(
      '# Agent registry ceiling of "expense": it holds no Vault grants, so this ceiling allows nothing.\n# (No path stanzas: an ACL policy without paths denies every request.)\n',
    );
    expect(document.trim()).not.toBe(''); // Vault rejects an empty policy string
    expect(await parse('ceiling.hcl', document)).toEqual({});
    const registration = resources(j, REGISTRATION).find((r) => r.display_name === 'expense')!;
    expect(registration.ceiling_policies).toEqual([refWhere(j, 'vault_policy', 'name', 'a2a-ceiling-expense', 'name')]);
    expect(registration.no_default_ceiling_policy).toBe(true);
  });

  test('an explicit ceiling: the named policies, sorted, as literals; no derived ceiling policy', () => {
    const plan = withRegistry((r) => ({
      ...r,
      registrations: r.registrations.map((reg) =>
        reg.agent === 'travel-planner' ? { ...reg, ceiling: { kind: 'explicit', policies: ['travel-ro', 'audit.read'], reason: 'shared ceiling, SEC-7' } } : reg,
      ),
      ceilingPolicies: r.ceilingPolicies.filter((c) => c.agent !== 'travel-planner'),
    }));
    const j = synth(plan);
    expect(resources(j, REGISTRATION).find((r) => r.display_name === 'travel-planner')?.ceiling_policies).toEqual(['audit.read', 'travel-ro']);
    expect(resources(j, 'vault_policy').map((p) => p.name)).not.toContain('a2a-ceiling-travel-planner');
  });

  test("an explicit ceiling naming a policy of the stack refers to it, so Terraform creates the policy first", () => {
    const plan = withRegistry((r) => ({
      ...r,
      registrations: r.registrations.map((reg) =>
        reg.agent === 'expense' ? { ...reg, ceiling: { kind: 'explicit', policies: ['a2a-agent-expense', 'ops-ro'], reason: 'reuse the agent policy, SEC-8' } } : reg,
      ),
      ceilingPolicies: r.ceilingPolicies.filter((c) => c.agent !== 'expense'),
    }));
    const j = synth(plan);
    expect(resources(j, REGISTRATION).find((r) => r.display_name === 'expense')?.ceiling_policies).toEqual([
      refWhere(j, 'vault_policy', 'name', 'a2a-agent-expense', 'name'),
      'ops-ro',
    ]);
    assertAcyclic(j);
  });

  test('optional RAR (with a reason) on a registration and a profile sets optional_authorization_details = true', () => {
    const optional = { kind: 'optional', reason: 'legacy client, IAM-412' } as const;
    const plan = withRegistry((r) => ({
      ...r,
      registrations: r.registrations.map((reg) => (reg.agent === 'expense' ? { ...reg, authorizationDetails: optional } : reg)),
      resourceServerProfiles: r.resourceServerProfiles.map((p) => ({ ...p, authorizationDetails: optional })),
    }));
    const j = synth(plan);
    expect(resources(j, REGISTRATION).map((r) => [r.display_name, r.optional_authorization_details])).toEqual([
      ['expense', true],
      ['travel-planner', false],
    ]);
    expect(resources(j, PROFILE)[0].optional_authorization_details).toBe(true);
  });

  test('pinned keys: use_jwks = false, public_keys as a list of objects sorted by key id, no jwks_uri', () => {
    const plan = withRegistry((r) => ({
      ...r,
      resourceServerProfiles: r.resourceServerProfiles.map((p) => ({
        ...p,
        keySource: { kind: 'public-keys', keys: [{ keyId: 'rsa-1', pem: RSA_2048 }, { keyId: 'ec-1', pem: EC_P256 }] },
      })),
    }));
    const profile = resources(synth(plan), PROFILE)[0];
    expect(profile.use_jwks).toBe(false);
    expect(profile.jwks_uri).toBeUndefined();
    expect(profile.public_keys).toEqual([
      { key_id: 'ec-1', pem: EC_P256 },
      { key_id: 'rsa-1', pem: RSA_2048 },
    ]);
  });
});

describe('A2aVaultTopology: inconsistent registry plans fail, saying where', () => {
  const failure = (plan: AccessPlan): string => {
    try {
      stackFor(plan);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidPropsError);
      return (err as Error).message;
    }
    throw new Error('expected the topology to refuse the plan');
  };

  test('a registration naming an entity the plan does not define', () => {
    const plan = withRegistry((r) => ({ ...r, registrations: r.registrations.map((reg) => ({ ...reg, entity: `${reg.entity}-x` })) }));
    expect(failure(plan)).toContain('plan registrations[expense]: refers to entity "expense-x", which the plan does not define');
  });

  test('a derived ceiling the plan does not define, and authorization details that do not match the registrations', () => {
    const message = failure(withRegistry((r) => ({ ...r, ceilingPolicies: [], authorizationDetails: [] })));
    expect(message).toContain('registrations[expense]: refers to ceiling policy "a2a-ceiling-expense"');
    expect(message).toContain('authorizationDetails lists [] but the registered agents are [expense, travel-planner]');
  });

  test('an insecure profile in a hand-built plan is refused by the profile construct', () => {
    const plan = withRegistry((r) => ({
      ...r,
      resourceServerProfiles: r.resourceServerProfiles.map((p) => ({ ...p, audiences: [], clockSkewLeewaySeconds: 300, keySource: { kind: 'jwks', uri: 'http://idp/keys' } })),
    }));
    const message = failure(plan);
    expect(message).toContain('audiences is empty');
    expect(message).toContain('clockSkewLeewaySeconds is 300');
    expect(message).toContain('keySource.uri must use https');
  });
});

describe('authorization-details.json next to cdk.tf.json', () => {
  test('synth writes it into the stack directory, with exactly the rendered document', () => {
    const files = fullSynth(agentRegistryPlan());
    expect(Object.keys(files)).toEqual(['authorization-details.json', 'cdk.tf.json']);
    expect(files['authorization-details.json']).toBe(renderAuthorizationDetails(agentRegistryPlan()));
    expect(JSON.parse(files['authorization-details.json']).agents.map((a: { agent: string }) => a.agent)).toEqual(['expense', 'travel-planner']);
  });

  test('HCL synth writes it too', () => {
    const files = fullSynth(agentRegistryPlan(), true);
    expect(files['authorization-details.json']).toBe(renderAuthorizationDetails(agentRegistryPlan()));
    expect(Object.keys(files)).toContain('cdk.tf');
  });

  test('byte-identical across synths and output directories; no path of the machine inside', () => {
    const a = fullSynth(agentRegistryPlan());
    const b = fullSynth(agentRegistryPlan());
    expect(b).toEqual(a);
    expect(a['authorization-details.json']).not.toContain(os.tmpdir());
  });

  test('stacks without a registry write no such file', () => {
    expect(Object.keys(fullSynth(compile(helloWorld())))).toEqual(['cdk.tf.json']);
  });

  test('the topology app (shared by `cdktf synth` and `vault-a2a synth`) writes it for the example', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-registry-app-'));
    try {
      const result = topologyApp('examples/agent-registry/topology.yaml', () => new App({ outdir }));
      if (!result.ok) throw new Error(result.message);
      result.app.synth();
      const written = fs.readFileSync(path.join(outdir, 'stacks', 'agent-registry', 'authorization-details.json'), 'utf8');
      expect(written).toBe(renderAuthorizationDetails(compile(agentRegistry())));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
