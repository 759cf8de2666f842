/**
 * The registry part of the scenario 5 plan, built by hand, for construct tests: they test the
 * rendering of a known registry plan. The rest of the plan comes from the compiler (its own
 * tests pin it); test/constructs/registry.test.ts checks that the compiler agrees with this.
 */
import { compile } from '../../lib/plan/compile';
import type { RegistryPlan } from '../../lib/plan/registry-types';
import type { AccessPlan } from '../../lib/plan/types';
import { agentRegistry } from './normalized';

export function registryPlan(): RegistryPlan {
  return {
    registrations: [
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
    ],
    ceilingPolicies: [
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
    ],
    resourceServerProfiles: [
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
    ],
    authorizationDetails: [
      { agent: 'expense', authorizationDetails: { kind: 'required' }, entries: [{ type: 'vault:path_access', path: 'identity/oidc/introspect', capabilities: ['update'] }] },
      {
        agent: 'travel-planner',
        authorizationDetails: { kind: 'required' },
        entries: [{ type: 'vault:path_access', path: 'identity/oidc/token/travel-planner.expense', capabilities: ['read'] }],
      },
    ],
    entityAliases: [
      { agent: 'expense', entity: 'expense', resourceServer: 'corporate-idp', name: '0oa8expenseagent', accessor: { kind: 'accessor', accessor: 'auth_oauth_0a1b2c3d' } },
      { agent: 'travel-planner', entity: 'travel-planner', resourceServer: 'corporate-idp', name: '0oa8travelplanner', accessor: { kind: 'accessor', accessor: 'auth_oauth_0a1b2c3d' } },
    ],
  };
}

/** Scenario 5's plan with `registry` replaced (by default: the hand-built one above). */
export function agentRegistryPlan(registry: RegistryPlan = registryPlan()): AccessPlan {
  return { ...compile(agentRegistry()), registry };
}
