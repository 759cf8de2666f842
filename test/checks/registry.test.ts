/**
 * Agent-registry checks beyond the mutation suite: the provider-constraint reader, suppressions
 * carried in the document, and the reasons a topology gives reaching `vault-a2a check`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { App, Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { checkStackSync, hasBlockingFindings } from '../../lib/checks/check';
import { documentSuppressions } from '../../lib/checks/document-suppressions';
import { admitsVersionBelow, parseVersion } from '../../lib/analysis/provider-version';
import { RULES } from '../../lib/checks/rules';
import { readStack } from '../../lib/analysis/stack';
import { AgentTopologyStack } from '../../lib/constructs';
import { compile } from '../../lib/plan/compile';
import { normalizeTopology, type Topology } from '../../lib/topology';
import { vaultA2a } from '../cli/run';
import { fixture, res } from './support';

const FLOOR = parseVersion('5.10.1')!;
const RULE_IDS = new Set(RULES.map((r) => r.id));

describe('admitsVersionBelow (Terraform version constraints against the 5.10.1 floor)', () => {
  test.each([
    ['5.6.0', true],
    ['= 5.6.0', true],
    ['>= 5.10.1, < 6.0.0', false],
    ['>= 5.10.0', true],
    ['> 5.10.0', false],
    ['> 5.9.9', true],
    ['~> 5.10', true],
    ['~> 5.10.1', false],
    ['~> 5.11', false],
    ['~> 5.0', true],
    ['>= 5.0, < 5.10.1', true],
    ['>= 5.0, < 5.10.0', true],
    ['< 6', true],
    ['>= 6.0.0', false],
    ['5.11.0', false],
    ['v5.10.1', false],
    ['!= 5.6.0, >= 5.10.1', false],
    ['>= 5.10.1, <= 5.10.1', false],
    ['>= 5.11.0, < 5.0.0', false],
  ] as const)('%s → %s', (constraint, expected) => {
    expect(admitsVersionBelow(constraint, FLOOR)).toBe(expected);
  });

  test.each(['latest', '', '>= 5.10.1,', '>=> 5', '5.x'])('%j cannot be read', (constraint) => {
    expect(admitsVersionBelow(constraint, FLOOR)).toBe('unreadable');
  });

  test('property: "= v" and ">= v" admit a version below the floor exactly when v is below it', () => {
    const below = (v: readonly number[]) => v[0] - FLOOR[0] || v[1] - FLOOR[1] || v[2] - FLOOR[2];
    fc.assert(
      fc.property(fc.tuple(fc.nat(7), fc.nat(15), fc.nat(5)), (v) => {
        const text = v.join('.');
        expect(admitsVersionBelow(`= ${text}`, FLOOR)).toBe(below(v) < 0);
        expect(admitsVersionBelow(`>= ${text}`, FLOOR)).toBe(below(v) < 0);
        expect(admitsVersionBelow(`>= ${text}, < 6.0.0`, FLOOR)).toBe(below(v) < 0);
      }),
    );
  });
});

describe('suppressions carried in the document', () => {
  const optionalRar = (comment: unknown) => {
    const doc = fixture('agent-registry');
    const r = res(doc, 'vault_agent_registration', 'registration_expense');
    r.optional_authorization_details = true;
    r['//'] = comment;
    return doc;
  };

  test('a reason in the resource\'s "//" comment suppresses that rule on that resource, and stays in the report', () => {
    const findings = checkStackSync(optionalRar({ a2a_suppressions: [{ rule: 'A2A-RAR-OPTIONAL', reason: 'IdP cannot add RAR until IAM-412' }] }));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'A2A-RAR-OPTIONAL',
        resource: 'vault_agent_registration.registration_expense',
        suppressed: true,
        reason: 'IdP cannot add RAR until IAM-412',
      }),
    ]);
    expect(hasBlockingFindings(findings)).toBe(false);
  });

  test.each([
    ['an empty reason', { a2a_suppressions: [{ rule: 'A2A-RAR-OPTIONAL', reason: '' }] }],
    ['another rule', { a2a_suppressions: [{ rule: 'A2A-POLICY-GLOB', reason: 'not this one' }] }],
    ['an unknown rule', { a2a_suppressions: [{ rule: 'A2A-NOPE', reason: 'r' }] }],
    ['a malformed list', { a2a_suppressions: 'A2A-RAR-OPTIONAL' }],
    ['cdktf metadata only', { metadata: { path: 'x', uniqueId: 'y' } }],
  ])('%s suppresses nothing', (_title, comment) => {
    const findings = checkStackSync(optionalRar(comment));
    expect(findings.map((f) => [f.rule, f.suppressed])).toEqual([['A2A-RAR-OPTIONAL', undefined]]);
  });

  test('a suppression on one resource does not reach another', () => {
    const doc = optionalRar({ a2a_suppressions: [{ rule: 'A2A-RAR-OPTIONAL', reason: 'only expense' }] });
    res(doc, 'vault_agent_registration', 'registration_travel-planner').optional_authorization_details = true;
    const findings = checkStackSync(doc);
    expect(findings.map((f) => [f.resource, f.suppressed ?? false])).toEqual([
      ['vault_agent_registration.registration_expense', true],
      ['vault_agent_registration.registration_travel-planner', false],
    ]);
  });

  test('the caller\'s suppressions take precedence over the document\'s', () => {
    const doc = optionalRar({ a2a_suppressions: [{ rule: 'A2A-RAR-OPTIONAL', reason: 'from the document' }] });
    const [finding] = checkStackSync(doc, { suppressions: [{ rule: 'A2A-RAR-OPTIONAL', reason: 'from the caller' }] });
    expect(finding.reason).toBe('from the caller');
  });

  test('documentSuppressions reads resources and data sources, with their addresses', () => {
    const stack = readStack({
      resource: { vault_policy: { p: { name: 'p', policy: '', '//': { a2a_suppressions: [{ rule: 'A2A-POLICY-GLOB', reason: ' r ' }] } } } },
      data: { vault_policy_document: { d: { '//': { a2a_suppressions: [{ rule: 'A2A-POLICY-GLOB', reason: 'd' }] } } } },
    });
    expect(documentSuppressions(stack, RULE_IDS)).toEqual([
      { rule: 'A2A-POLICY-GLOB', resource: 'vault_policy.p', reason: 'r' },
      { rule: 'A2A-POLICY-GLOB', resource: 'data.vault_policy_document.d', reason: 'd' },
    ]);
  });
});

/** Scenario 5 with the two exceptions a topology can make, each with its reason. */
function exceptions(): Topology {
  return {
    version: 1,
    name: 'registry-exceptions',
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { kubernetes: { type: 'kubernetes', path: 'kubernetes' } },
    resourceServers: {
      legacy: {
        issuer: 'https://legacy.example.com',
        jwksUri: 'https://legacy.example.com/keys',
        audiences: ['vault'],
        optionalAuthorizationDetails: true,
        reason: 'legacy IdP cannot emit authorization_details; retired in Q3 (IAM-7)',
      },
    },
    agents: {
      expense: { url: 'https://expense.example.com', skills: [{ id: 'expense', actions: ['submit'] }] },
      'travel-planner': {
        login: { mount: 'kubernetes', serviceAccount: 'travel-planner', namespace: 'travel' },
        headless: true,
        registry: { ceiling: ['travel-ceiling'], optionalAuthorizationDetails: true, reason: 'shared ceiling managed by the platform team (SEC-7)' },
        calls: [{ agent: 'expense', grants: ['expense:submit'] }],
      },
    },
  };
}

describe('reasons from the topology reach the checks', () => {
  const stack = new AgentTopologyStack(Testing.app(), 'registry-exceptions', { topology: normalizeTopology(exceptions()) });
  // Testing.synth drops "//" comments; toTerraform() is what cdktf writes to cdk.tf.json.
  const findings = checkStackSync(readStack(stack.toTerraform()));

  test('every exception is a finding, suppressed with the topology\'s reason; nothing blocks', () => {
    expect(findings.map((f) => [f.rule, f.resource.split('.')[0], f.suppressed, f.reason])).toEqual([
      ['A2A-POLICY-UNKNOWN', 'vault_agent_registration', true, 'shared ceiling managed by the platform team (SEC-7)'],
      ['A2A-RAR-OPTIONAL', 'vault_agent_registration', true, 'shared ceiling managed by the platform team (SEC-7)'],
      ['A2A-RAR-OPTIONAL', 'vault_oauth_resource_server_config_profile', true, 'legacy IdP cannot emit authorization_details; retired in Q3 (IAM-7)'],
    ]);
    expect(hasBlockingFindings(findings)).toBe(false);
  });

  test('the default scenario 5 example has no findings at all', () => {
    const result = topologyApp('examples/agent-registry/topology.yaml', () => Testing.app());
    if (!result.ok) throw new Error(result.message);
    expect(checkStackSync(readStack(result.stack.toTerraform()))).toEqual([]);
    expect(compile(normalizeTopology(exceptions())).registry?.registrations[0].authorizationDetails.kind).toBe('optional');
  });

  test('vault-a2a synth then vault-a2a check: exit 0, the reasons printed next to the suppressed findings', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-reasons-'));
    try {
      const file = path.join(tmp, 'topology.json');
      fs.writeFileSync(file, JSON.stringify(exceptions()));
      const out = path.join(tmp, 'out');
      const app = topologyApp(file, () => new App({ outdir: out }));
      if (!app.ok) throw new Error(app.message);
      app.app.synth();
      const r = await vaultA2a(['check', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('0 errors, 0 warnings, 3 suppressed');
      expect(r.stdout).toContain('reason: legacy IdP cannot emit authorization_details; retired in Q3 (IAM-7)');
      expect(r.stdout).toContain('reason: shared ceiling managed by the platform team (SEC-7)');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
