/**
 * The project's own stacks: every example topology, synthesized by the L3 construct, passes the
 * checks with zero findings against the topology's intent, and the access model sees exactly
 * what the topology grants.
 */
import * as path from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { checkStackSync } from '../../lib/checks/check';
import { intentFromPlan } from '../../lib/checks/intent';
import { setupLeastPrivilegeMatchers } from '../../lib/checks/jest';
import { compile } from '../../lib/plan/compile';
import { validateTopologyFile } from '../../lib/topology/load';

setupLeastPrivilegeMatchers();

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

function synth(example: string): { json: string; intent: ReturnType<typeof intentFromPlan>; plan: ReturnType<typeof compile> } {
  const file = path.join(EXAMPLES, example, 'topology.yaml');
  const validated = validateTopologyFile(file);
  if (!validated.ok) throw new Error(`example ${example} is invalid`);
  const result = topologyApp(file, () => Testing.app());
  if (!result.ok) throw new Error(result.message);
  const plan = compile(validated.topology);
  return { json: Testing.synth(result.stack), intent: intentFromPlan(plan), plan };
}

describe.each(['hello-world', 'headless', 'expense', 'delegation', 'agent-registry', 'operations', 'identity-provider'])('example %s synthesized by the L3 construct', (example) => {
  it('has zero findings, with the topology intent and with its plan (every principal exactly as intended)', () => {
    const { json, intent, plan } = synth(example);
    expect(checkStackSync(json, { intent })).toEqual([]);
    expect(checkStackSync(json, { plan })).toEqual([]);
    expect(json).toMatchIntendedAccess(plan);
  });
});

describe('what the examples grant', () => {
  it('hello-world: test-client reads its own client secret; end-user and group agent sign in for hello_world:read only', () => {
    const { json } = synth('hello-world');
    expect(json).toHaveExactAccess('entity:test-client', {
      // The login role sets token_no_default_policy: its one policy is all the token can do.
      vaultPaths: { 'identity/oidc/client/test-client': ['read'] },
      clientCredentials: ['test-client'],
      // Its grant, and the scope naming the agent and the signed-in user in its tokens.
      scopes: ['a2a-agent.test-client', 'hello-world.hello_world.read'],
      identityTokens: [],
    });
    expect(json).toHaveExactAccess('entity:end-user', { signIn: ['test-client'], scopes: ['a2a-agent.test-client', 'hello-world.hello_world.read'], clientCredentials: [] });
  });

  it('headless: the client mints exactly its role, the server only introspects', () => {
    const { json } = synth('headless');
    expect(json).toHaveExactAccess('entity:test-client', { identityTokens: ['test-client.hello-world'], clientCredentials: [], canIntrospect: false });
    expect(json).toHaveExactAccess('entity:hello-world', { identityTokens: [], clientCredentials: [], canIntrospect: true });
  });

  it('agent-registry: each registration is capped by a ceiling equal to its own grant; the agents keep exactly their grants', () => {
    const { json } = synth('agent-registry');
    expect(json).toHaveExactAccess('entity:travel-planner', { identityTokens: ['travel-planner.expense'], clientCredentials: [], canIntrospect: false });
    expect(json).toHaveExactAccess('entity:expense', { identityTokens: [], clientCredentials: [], canIntrospect: true });
    const ceilings = Object.values(JSON.parse(json).resource.vault_agent_registration as Record<string, { display_name: string; ceiling_policies: string[] }>).map((r) => [
      r.display_name,
      r.ceiling_policies.length,
    ]);
    expect(ceilings).toEqual([
      ['expense', 1],
      ['travel-planner', 1],
    ]);
  });

  it('operations: with its plan, the audit trail is required: removing both devices is A2A-AUDIT-REQUIRED, one device left and hashed headers are no finding', () => {
    const { json, plan } = synth('operations');
    const doc = JSON.parse(json);
    const devices = doc.resource.vault_audit as Record<string, unknown>;
    const [first, ...rest] = Object.keys(devices).sort();
    for (const name of rest) delete devices[name];
    for (const header of Object.values(doc.resource.vault_audit_request_header as Record<string, { hmac: boolean }>)) header.hmac = true;
    expect(checkStackSync(JSON.stringify(doc), { plan })).toEqual([]);
    delete devices[first!];
    expect(checkStackSync(JSON.stringify(doc), { plan }).map((f) => f.rule)).toEqual(['A2A-AUDIT-REQUIRED']);
    // Without the topology nothing says the stack owns the trail.
    expect(checkStackSync(JSON.stringify(doc)).map((f) => f.rule)).toEqual([]);
  });

  it('a widening of the real output is caught', () => {
    const { json } = synth('hello-world');
    const doc = JSON.parse(json);
    const providers = doc.resource.vault_identity_oidc_provider;
    for (const name of Object.keys(providers)) providers[name].allowed_client_ids = ['*'];
    expect(checkStackSync(doc).map((f) => f.rule)).toContain('A2A-PROVIDER-WILDCARD');
  });
});
