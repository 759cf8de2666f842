import { checkStackSync, CheckOptionsError } from '../../lib/checks/check';
import { RULES } from '../../lib/checks/rules';
import { parseSuppressions, SuppressionError } from '../../lib/checks/suppressions';
import { fixture, res } from './support';

const known = new Set(RULES.map((r) => r.id));

function widened() {
  const doc = fixture('two-clients');
  res(doc, 'vault_identity_oidc_key', 'key_two-clients').allowed_client_ids = ['*'];
  res(doc, 'vault_policy', 'policy_test-client').policy += '\npath "secret/data/a/*" { capabilities = ["read"] }';
  res(doc, 'vault_policy', 'policy_admin-client').policy += '\npath "secret/data/b/*" { capabilities = ["read"] }';
  return doc;
}

describe('suppressions', () => {
  it('marks matching findings suppressed with the reason and keeps them in the result', () => {
    const findings = checkStackSync(widened(), {
      suppressions: [
        { rule: 'A2A-POLICY-GLOB', resource: 'vault_policy.policy_test-client', reason: 'shared config, SEC-7' },
        { rule: 'A2A-KEY-WILDCARD', reason: 'legacy key until Q3' },
      ],
    });
    const summary = findings.map((f) => [f.rule, f.resource, f.suppressed ?? false, f.reason ?? '']);
    expect(summary).toEqual([
      ['A2A-KEY-WILDCARD', 'vault_identity_oidc_key.key_two-clients', true, 'legacy key until Q3'],
      ['A2A-POLICY-GLOB', 'vault_policy.policy_admin-client', false, ''],
      ['A2A-POLICY-GLOB', 'vault_policy.policy_test-client', true, 'shared config, SEC-7'],
    ]);
  });

  it('matches a principal id as well as a Terraform address', () => {
    const findings = checkStackSync(widened(), { suppressions: [{ rule: 'A2A-POLICY-GLOB', resource: 'entity:admin-client', reason: 'reviewed' }] });
    expect(findings.filter((f) => f.suppressed).map((f) => f.resource)).toEqual(['vault_policy.policy_admin-client']);
  });

  it('refuses programmatic suppressions without a reason or for unknown rules', () => {
    expect(() => checkStackSync(widened(), { suppressions: [{ rule: 'A2A-KEY-WILDCARD', reason: ' ' }, { rule: 'A2A-NOPE', reason: 'x' }] })).toThrow(CheckOptionsError);
    try {
      checkStackSync(widened(), { suppressions: [{ rule: 'A2A-KEY-WILDCARD', reason: '' }] });
    } catch (err) {
      expect((err as CheckOptionsError).problems).toEqual([expect.stringMatching(/^suppressions\[0\]\.reason: required/)]);
    }
  });

  it('parses YAML and JSON files, with every error positioned', () => {
    expect(parseSuppressions('- rule: A2A-POLICY-GLOB\n  reason: ok\n', known, 'f.yaml')).toEqual([{ rule: 'A2A-POLICY-GLOB', reason: 'ok' }]);
    expect(parseSuppressions('{"suppressions":[{"rule":"A2A-POLICY-GLOB","resource":"vault_policy.x","reason":"ok"}]}', known, 'f.json')).toEqual([
      { rule: 'A2A-POLICY-GLOB', resource: 'vault_policy.x', reason: 'ok' },
    ]);
    expect(parseSuppressions('suppressions: []\n', known, 'f.yaml')).toEqual([]);
    const errors = (text: string) => {
      try {
        parseSuppressions(text, known, 'f.yaml');
        return [];
      } catch (err) {
        return (err as SuppressionError).problems;
      }
    };
    expect(errors('suppressions:\n  - rule: A2A-POLICY-GLOB\n    resource: ""\n    reason: why\n')).toEqual(['f.yaml:3:5: suppressions[0].resource: must be a non-empty Terraform address or principal id, or be left out']);
    expect(errors('supressions: []\n')).toEqual(['f.yaml:1:1: unknown top-level key "supressions" (expected "suppressions")']);
    expect(errors('suppressions: {rule: x}\n')).toEqual(['f.yaml:1:15: suppressions must be a list of { rule, resource?, reason }']);
    expect(errors('suppressions: [\n')[0]).toMatch(/^f\.yaml:\d+:\d+: /);
  });
});
