import fc from 'fast-check';
import { AUTHORIZATION_DETAILS_FILE, authorizationDetailsDocument, renderAuthorizationDetails } from '../../lib/plan/authorization-details';
import { compile } from '../../lib/plan/compile';
import type { RegistryPlan } from '../../lib/plan/registry-types';
import type { NormalizedAgent, NormalizedTopology } from '../../lib/topology/normalized';
import type { NormalizedResourceServer } from '../../lib/topology/normalized-registry';
import { agentRegistry, headless, helloWorld } from '../support/normalized';
import { EC_P256 } from '../support/registry-keys';

function registryOf(t: NormalizedTopology): RegistryPlan {
  const registry = compile(t).registry;
  if (registry === undefined) throw new Error('expected a registry plan');
  return registry;
}

function withAgent(t: NormalizedTopology, name: string, change: (a: NormalizedAgent) => NormalizedAgent): NormalizedTopology {
  return { ...t, agents: t.agents.map((a) => (a.name === name ? change(a) : a)) };
}

const corporateIdp = (): NormalizedResourceServer => agentRegistry().resourceServers![0];

describe('compile: scenario 5 (agent registry)', () => {
  const plan = compile(agentRegistry());
  const registry = registryOf(agentRegistry());

  test('each registered agent is registered under its name, tied to its entity, capped by its own ceiling policy', () => {
    expect(registry.registrations).toEqual([
      {
        agent: 'expense',
        displayName: 'expense',
        entity: 'expense',
        owner: 'finance-platform',
        description: "Serves expense reports; verifies callers' identity tokens through Vault",
        ceiling: { kind: 'derived', policy: 'a2a-ceiling-expense' },
        noDefaultCeilingPolicy: true,
        authorizationDetails: { kind: 'required' },
      },
      {
        agent: 'travel-planner',
        displayName: 'travel-planner',
        entity: 'travel-planner',
        owner: 'travel-team',
        description: 'Plans trips and files their expenses',
        ceiling: { kind: 'derived', policy: 'a2a-ceiling-travel-planner' },
        noDefaultCeilingPolicy: true,
        authorizationDetails: { kind: 'required' },
      },
    ]);
    // The entity a registration names exists in the plan.
    for (const r of registry.registrations) expect(plan.entities.map((e) => e.name)).toContain(r.entity);
  });

  test('ceiling policies hold exactly the rules of the agent policies, under their own names', () => {
    expect(registry.ceilingPolicies).toEqual([
      {
        name: 'a2a-ceiling-expense',
        agent: 'expense',
        rules: [{ path: 'identity/oidc/introspect', capabilities: ['update'], reason: 'verifies identity tokens presented by its headless callers' }],
      },
      {
        name: 'a2a-ceiling-travel-planner',
        agent: 'travel-planner',
        rules: [{ path: 'identity/oidc/token/travel-planner.expense', capabilities: ['read'], reason: 'mints identity tokens for calls to expense' }],
      },
    ]);
    for (const ceiling of registry.ceilingPolicies) {
      expect(ceiling.rules).toEqual(plan.policies.find((p) => p.agent === ceiling.agent)?.rules);
      expect(plan.policies.map((p) => p.name)).not.toContain(ceiling.name);
    }
  });

  test('authorization_details: one vault:path_access entry per granted path, RAR required', () => {
    expect(registry.authorizationDetails).toEqual([
      {
        agent: 'expense',
        authorizationDetails: { kind: 'required' },
        entries: [{ type: 'vault:path_access', path: 'identity/oidc/introspect', capabilities: ['update'] }],
      },
      {
        agent: 'travel-planner',
        authorizationDetails: { kind: 'required' },
        entries: [{ type: 'vault:path_access', path: 'identity/oidc/token/travel-planner.expense', capabilities: ['read'] }],
      },
    ]);
  });

  test('the resource-server profile carries every setting, RAR required, no default policy', () => {
    expect(registry.resourceServerProfiles).toEqual([
      {
        name: 'corporate-idp',
        issuer: 'https://login.example.com/oauth2/agents',
        keySource: { kind: 'jwks', uri: 'https://login.example.com/oauth2/agents/v1/keys' },
        audiences: ['https://vault.example.com:8200'],
        algorithms: ['ES256', 'PS256'],
        clockSkewLeewaySeconds: 30,
        userClaim: 'sub',
        jwtType: 'access_token',
        authorizationDetails: { kind: 'required' },
        entityAliases: { kind: 'accessor', accessor: 'auth_oauth_0a1b2c3d' },
        noDefaultPolicy: true,
      },
    ]);
  });

  test("the IdP's JWTs resolve to each agent's entity on the accessor the topology names, the entity holding the agent's own policy", () => {
    expect(registry.entityAliases).toEqual([
      { agent: 'expense', entity: 'expense', resourceServer: 'corporate-idp', name: '0oa8expenseagent', accessor: { kind: 'accessor', accessor: 'auth_oauth_0a1b2c3d' } },
      { agent: 'travel-planner', entity: 'travel-planner', resourceServer: 'corporate-idp', name: '0oa8travelplanner', accessor: { kind: 'accessor', accessor: 'auth_oauth_0a1b2c3d' } },
    ]);
    expect(plan.entities.map((e) => [e.name, e.policies])).toEqual([
      ['expense', ['a2a-agent-expense']],
      ['travel-planner', ['a2a-agent-travel-planner']],
    ]);
  });

  test('registration changes nothing else in the plan, besides the JWT baseline of the entities', () => {
    const unregistered: NormalizedTopology = {
      ...agentRegistry(),
      resourceServers: undefined,
      agents: agentRegistry().agents.map(({ registry: _, ...agent }) => agent),
    };
    const { registry: _, ...rest } = plan;
    expect({ ...rest, entities: rest.entities.map(({ policies: _p, ...e }) => e) }).toEqual(compile(unregistered));
  });
});

describe('compile: registry shapes the example does not cover', () => {
  test('topologies without registry or resource servers get no registry plan', () => {
    for (const t of [helloWorld(), headless()]) expect('registry' in compile(t)).toBe(false);
  });

  test('an agent without Vault grants still gets an explicit ceiling: a policy that allows nothing', () => {
    // hello-world in the browser scenario has a login-less server; give it a login and register it.
    const t = withAgent(headless(), 'hello-world', (a) => ({ ...a, registry: { ceiling: { kind: 'derived' }, authorizationDetails: { kind: 'required' } } }));
    const noCallers = withAgent(t, 'test-client', (a) => ({ ...a, headless: false, calls: [] }));
    const registry = registryOf(noCallers);
    expect(compile(noCallers).policies.map((p) => p.agent)).not.toContain('hello-world');
    expect(registry.ceilingPolicies).toEqual([{ name: 'a2a-ceiling-hello-world', agent: 'hello-world', rules: [] }]);
    expect(registry.registrations[0]).toMatchObject({ ceiling: { kind: 'derived', policy: 'a2a-ceiling-hello-world' }, noDefaultCeilingPolicy: true });
    expect(registry.authorizationDetails).toEqual([{ agent: 'hello-world', authorizationDetails: { kind: 'required' }, entries: [] }]);
  });

  test('an explicit ceiling names the given policies with the reason; no ceiling policy is derived; RAR entries still follow the grants', () => {
    const t = withAgent(agentRegistry(), 'travel-planner', (a) => ({
      ...a,
      registry: { ceiling: { kind: 'explicit', policies: ['travel-ceiling'], reason: 'shared ceiling, SEC-7' }, authorizationDetails: { kind: 'required' } },
    }));
    const registry = registryOf(t);
    expect(registry.registrations.find((r) => r.agent === 'travel-planner')?.ceiling).toEqual({ kind: 'explicit', policies: ['travel-ceiling'], reason: 'shared ceiling, SEC-7' });
    expect(registry.ceilingPolicies.map((c) => c.name)).toEqual(['a2a-ceiling-expense']);
    expect(registry.authorizationDetails.find((a) => a.agent === 'travel-planner')?.entries).toEqual([
      { type: 'vault:path_access', path: 'identity/oidc/token/travel-planner.expense', capabilities: ['read'] },
    ]);
  });

  test('optional RAR keeps its reason on the registration and the authorization details', () => {
    const optional = { kind: 'optional', reason: 'IdP cannot add RAR until IAM-412' } as const;
    const t = withAgent(agentRegistry(), 'expense', (a) => ({ ...a, registry: { ceiling: { kind: 'derived' }, authorizationDetails: optional } }));
    const registry = registryOf(t);
    expect(registry.registrations.find((r) => r.agent === 'expense')?.authorizationDetails).toEqual(optional);
    expect(registry.authorizationDetails.find((a) => a.agent === 'expense')?.authorizationDetails).toEqual(optional);
  });

  test('resource servers alone give a registry plan without registrations; pinned keys are carried', () => {
    const pinned: NormalizedResourceServer = { ...corporateIdp(), name: 'ci', issuer: 'https://ci.example.com', keySource: { kind: 'public-keys', keys: [{ keyId: 'k1', pem: EC_P256 }] } };
    const registry = registryOf({ ...headless(), resourceServers: [pinned] });
    expect(registry.registrations).toEqual([]);
    expect(registry.ceilingPolicies).toEqual([]);
    expect(registry.resourceServerProfiles.map((p) => [p.name, p.keySource])).toEqual([['ci', { kind: 'public-keys', keys: [{ keyId: 'k1', pem: EC_P256 }] }]]);
  });

  test('property: for any set of registered agents, ceilings and RAR entries equal the agent policies exactly, without globs or sudo', () => {
    const names = agentRegistry().agents.map((a) => a.name);
    fc.assert(
      fc.property(fc.subarray(names), fc.boolean(), (registeredNames, withServer) => {
        const base = agentRegistry();
        const t: NormalizedTopology = {
          ...base,
          resourceServers: withServer ? base.resourceServers : undefined,
          agents: base.agents.map(({ registry, ...agent }) => (registeredNames.includes(agent.name) ? { ...agent, registry: registry! } : agent)),
        };
        const plan = compile(t);
        if (registeredNames.length === 0 && !withServer) return expect(plan.registry).toBeUndefined();
        const registry = plan.registry!;
        expect(registry.registrations.map((r) => r.agent)).toEqual(registeredNames);
        for (const agent of registeredNames) {
          const rules = plan.policies.find((p) => p.agent === agent)?.rules ?? [];
          expect(registry.ceilingPolicies.find((c) => c.agent === agent)?.rules).toEqual(rules);
          const entries = registry.authorizationDetails.find((a) => a.agent === agent)?.entries ?? [];
          expect(entries.map((e) => [e.path, e.capabilities])).toEqual(rules.map((r) => [r.path, r.capabilities]));
          for (const e of entries) {
            expect(e.path).not.toMatch(/[*+]/);
            expect(e.capabilities).not.toContain('sudo');
          }
        }
      }),
    );
  });
});

describe('authorization-details.json', () => {
  test('lists what the IdP needs: issuer, audiences, algorithms and each agent\'s authorization_details', () => {
    expect(AUTHORIZATION_DETAILS_FILE).toBe('authorization-details.json');
    expect(authorizationDetailsDocument(compile(agentRegistry()))).toEqual({
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
        {
          agent: 'expense',
          authorizationDetails: 'required',
          authorization_details: [{ type: 'vault:path_access', path: 'identity/oidc/introspect', capabilities: ['update'] }],
        },
        {
          agent: 'travel-planner',
          authorizationDetails: 'required',
          authorization_details: [{ type: 'vault:path_access', path: 'identity/oidc/token/travel-planner.expense', capabilities: ['read'] }],
        },
      ],
    });
  });

  test('an optional-RAR agent is listed with its reason', () => {
    const t = withAgent(agentRegistry(), 'expense', (a) => ({ ...a, registry: { ceiling: { kind: 'derived' }, authorizationDetails: { kind: 'optional', reason: 'legacy client' } } }));
    expect(authorizationDetailsDocument(compile(t))?.agents[0]).toEqual({
      agent: 'expense',
      authorizationDetails: 'optional',
      reason: 'legacy client',
      authorization_details: [{ type: 'vault:path_access', path: 'identity/oidc/introspect', capabilities: ['update'] }],
    });
  });

  test('is deterministic text: same plan, same bytes; ends with a newline; nothing without a registry', () => {
    const text = renderAuthorizationDetails(compile(agentRegistry()));
    expect(text).toBe(renderAuthorizationDetails(compile(agentRegistry())));
    expect(text?.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text!)).toEqual(authorizationDetailsDocument(compile(agentRegistry())));
    expect(renderAuthorizationDetails(compile(helloWorld()))).toBeUndefined();
  });
});
