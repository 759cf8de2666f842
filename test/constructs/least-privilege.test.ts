/**
 * The L3 runs the least-privilege checks at synth time: on by default, compared with the plan's
 * intent, honouring the topology's per-agent suppressions, and off only with a reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { parse, stringify } from 'yaml';
import { checkStackSync } from '../../lib/checks';
import { setupLeastPrivilegeMatchers } from '../../lib/checks/jest';
import { AgentTopologyStack, agentSuppressions, type LeastPrivilegeChecks } from '../../lib/constructs';
import { loadTopologyFile, validateTopologyFile } from '../../lib/topology';

setupLeastPrivilegeMatchers();

const EXAMPLES = fs.readdirSync('examples').filter((d) => fs.existsSync(path.join('examples', d, 'topology.yaml')));

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-lp-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** hello-world with 2-hour access tokens (allowed by the topology, above the checks' 30m ceiling). */
function widenedTopologyFile(suppressions?: unknown[]): string {
  const doc = parse(fs.readFileSync('examples/hello-world/topology.yaml', 'utf8'));
  doc.defaults.accessTokenTtl = '2h';
  if (suppressions) doc.agents['test-client'].suppressions = suppressions;
  const file = path.join(tmp, `widened-${suppressions ? suppressions.length : 0}.yaml`);
  fs.writeFileSync(file, stringify(doc));
  return file;
}

function stackFor(file: string, checks?: LeastPrivilegeChecks): AgentTopologyStack {
  return new AgentTopologyStack(Testing.app(), 'hello-world', { topology: loadTopologyFile(file), ...(checks ? { checks } : {}) });
}

test.each(EXAMPLES)('examples/%s passes the synth-time checks with zero findings', (example) => {
  const stack = stackFor(path.join('examples', example, 'topology.yaml'));
  const json = Testing.synth(stack, true); // true: run validations, as app.synth() does
  expect(json).toPassLeastPrivilege();
  expect(checkStackSync(json)).toEqual([]);
});

test('a widening the topology did not accept fails synth, naming the rule and the fix', () => {
  const stack = stackFor(widenedTopologyFile());
  expect(() => Testing.synth(stack, true)).toThrow(/\[A2A-TTL-OIDC-TOKEN\] vault_identity_oidc_client\.\S+: .*Fix: /);
});

test("a per-agent suppression with a reason accepts exactly that agent's finding, and reports keep it", () => {
  const stack = stackFor(
    widenedTopologyFile([{ rule: 'A2A-TTL-OIDC-TOKEN', reason: 'long-running browser sessions; SEC-42' }]),
  );
  const json = Testing.synth(stack, true);
  const suppressions = stack.topology.plan.suppressions;
  expect(suppressions).toEqual([{ agent: 'test-client', rule: 'A2A-TTL-OIDC-TOKEN', reason: 'long-running browser sessions; SEC-42' }]);
  const findings = checkStackSync(json, { suppressions: agentSuppressions(stack.topology) });
  expect(findings).toEqual([
    expect.objectContaining({
      rule: 'A2A-TTL-OIDC-TOKEN',
      suppressed: true,
      reason: 'long-running browser sessions; SEC-42 (agents.test-client.suppressions)',
    }),
  ]);
});

test('a suppression needs a known rule and a reason; the loader says where', () => {
  const file = widenedTopologyFile([{ rule: 'A2A-TTL-OIDC-TOKENS', reason: ' ' }]);
  const result = validateTopologyFile(file);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues.map((i) => [i.path, i.message, i.fix])).toEqual([
    ['agents.test-client.suppressions[0].rule', 'unknown rule "A2A-TTL-OIDC-TOKENS"', expect.stringContaining('A2A-TTL-OIDC-TOKEN')],
    ['agents.test-client.suppressions[0].reason', '" " must say why the finding is accepted', expect.any(String)],
  ]);
});

test('turning the checks off needs a reason, which synth reports', () => {
  const stack = stackFor(widenedTopologyFile(), { enabled: false, reason: 'migration window, SEC-7' });
  expect(() => Testing.synth(stack, true)).not.toThrow();
  const notes = stack.topology.node.metadata.map((m) => m.data);
  expect(notes).toEqual(['least-privilege checks are off: migration window, SEC-7']);
  expect(() => stackFor('examples/hello-world/topology.yaml', { enabled: false, reason: '  ' })).toThrow(/with a reason/);
});
