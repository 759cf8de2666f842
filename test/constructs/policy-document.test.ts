import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { CAPABILITIES, PolicyDocumentError, renderPolicyDocument, validatePolicyRules } from '../../lib/constructs/policy-document';
import type { Capability, PolicyRule } from '../../lib/plan/types';

const clientRule: PolicyRule = { path: 'identity/oidc/client/test-client', capabilities: ['read'], reason: 'reads its own OIDC client id and secret' };

/** Parses a rendered document with HashiCorp's HCL parser: path → capabilities. */
async function parsePolicy(document: string): Promise<Record<string, string[]>> {
  const parsed = (await parse('policy.hcl', document)) as { path?: Record<string, { capabilities: string[] }[]> };
  return Object.fromEntries(Object.entries(parsed.path ?? {}).map(([p, blocks]) => [p, blocks.flatMap((b) => b.capabilities)]));
}

describe('renderPolicyDocument', () => {
  test('renders a reason comment and one exact path stanza', () => {
    expect(renderPolicyDocument([clientRule])).toBe(
      '# reads its own OIDC client id and secret\n' +
        'path "identity/oidc/client/test-client" {\n' +
        '  capabilities = ["read"]\n' +
        '}\n',
    );
  });

  test('sorts rules by path and capabilities alphabetically, one blank line between stanzas', () => {
    const doc = renderPolicyDocument([
      { path: 'identity/oidc/token/b', capabilities: ['update', 'read'], reason: 'second' },
      { path: 'identity/oidc/introspect', capabilities: ['update'], reason: 'first' },
    ]);
    expect(doc).toBe(
      '# first\npath "identity/oidc/introspect" {\n  capabilities = ["update"]\n}\n\n' +
        '# second\npath "identity/oidc/token/b" {\n  capabilities = ["read", "update"]\n}\n',
    );
  });

  test('merges rules for the same path: union of capabilities, every reason kept', () => {
    const doc = renderPolicyDocument([
      { path: 'a/b', capabilities: ['read'], reason: 'z reason' },
      { path: 'a/b', capabilities: ['update', 'read'], reason: 'a reason' },
    ]);
    expect(doc).toBe('# a reason\n# z reason\npath "a/b" {\n  capabilities = ["read", "update"]\n}\n');
  });

  test('the output is valid HCL that parses back to the rules', async () => {
    const doc = renderPolicyDocument([clientRule, { path: 'identity/oidc/introspect', capabilities: ['update'], reason: 'verifies tokens' }]);
    expect(await parsePolicy(doc)).toEqual({
      'identity/oidc/client/test-client': ['read'],
      'identity/oidc/introspect': ['update'],
    });
  });

  test.each([
    ['secret/*', 'is a wildcard'],
    ['secret/+/config', 'is a wildcard'],
    ['identity/oidc/client/"x" {}', 'contains characters'],
    ['a\npath "b"', 'contains characters'],
    ['a/${var.x}', 'contains characters'],
    ['/identity/oidc', 'starts with "/"'],
    ['a//b', 'empty segment'],
    ['a/../sys', '".." segment'],
    ['', 'is empty'],
  ])('refuses path %j (%s)', (path, message) => {
    expect(() => renderPolicyDocument([{ ...clientRule, path }])).toThrow(PolicyDocumentError);
    expect(validatePolicyRules([{ ...clientRule, path }]).join('\n')).toContain(message);
  });

  test('wildcards need an explicit reason, and then follow Vault glob rules', () => {
    const allowWildcard = { reason: 'reads every config of the team' };
    expect(renderPolicyDocument([{ ...clientRule, path: 'secret/data/team/+/config' }], { allowWildcard })).toBe(
      '# Wildcard paths allowed: reads every config of the team\n\n' +
        '# reads its own OIDC client id and secret\npath "secret/data/team/+/config" {\n  capabilities = ["read"]\n}\n',
    );
    expect(validatePolicyRules([{ ...clientRule, path: 'secret/*/x' }], { allowWildcard })).toEqual([
      'rules[0].path "secret/*/x": "*" is only allowed as the last character',
    ]);
    expect(validatePolicyRules([{ ...clientRule, path: 'secret/a+b' }], { allowWildcard })).toEqual([
      'rules[0].path "secret/a+b": "+" must be a whole path segment, e.g. "secret/+/config"',
    ]);
    expect(validatePolicyRules([clientRule], { allowWildcard: { reason: ' ' } })).toEqual([
      'allowWildcard.reason is empty; say why the rule exists',
    ]);
  });

  test('reports every problem at once, naming the rule', () => {
    const issues = validatePolicyRules([
      { path: 'secret/*', capabilities: [], reason: 'x' },
      { path: 'ok/path', capabilities: ['read', 'write' as Capability], reason: 'line one\nline two' },
    ]);
    expect(issues).toEqual([
      'rules[0].path "secret/*" is a wildcard ("*" or "+") and grants more than one path; use the exact path, or pass allowWildcard: { reason } to widen on purpose',
      'rules[0].capabilities is empty; list what the rule allows, e.g. ["read"]',
      `rules[1].capabilities has unknown capability "write"; use one of ${CAPABILITIES.join(', ')}`,
      'rules[1].reason must be one line of text (no newlines or control characters)',
    ]);
  });

  test('refuses reasons Terraform would evaluate, and an empty rule list', () => {
    expect(validatePolicyRules([{ ...clientRule, reason: 'uses ${var.x}' }])).toEqual([
      'rules[0].reason contains "${" or "%{", which Terraform would read as a template',
    ]);
    expect(validatePolicyRules([])).toEqual(['rules is empty; a policy without rules grants nothing, so do not create it']);
  });
});

describe('renderPolicyDocument properties', () => {
  const segment = fc.stringMatching(/^[a-z0-9_][a-z0-9_.-]{0,8}$/).filter((s) => s !== '.' && s !== '..');
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
  const rule = fc.record({
    path,
    capabilities: fc.subarray([...CAPABILITIES], { minLength: 1 }),
    reason: fc.stringMatching(/^[A-Za-z0-9 ,.;:()-]{1,30}$/).filter((s) => s.trim() !== ''),
  });
  const rules = fc.array(rule, { minLength: 1, maxLength: 8 });

  test('rule order never changes the document', () => {
    fc.assert(
      fc.property(rules, fc.func(fc.integer()), (rs, key) => {
        const shuffled = [...rs].sort((a, b) => key(a.path + a.reason) - key(b.path + b.reason));
        expect(renderPolicyDocument(shuffled)).toBe(renderPolicyDocument(rs));
      }),
      { numRuns: 200 },
    );
  });

  test('the document parses back to exactly the union of capabilities per path', async () => {
    await fc.assert(
      fc.asyncProperty(rules, async (rs) => {
        const expected: Record<string, string[]> = {};
        for (const r of rs) expected[r.path] = [...new Set([...(expected[r.path] ?? []), ...r.capabilities])].sort();
        const parsed = await parsePolicy(renderPolicyDocument(rs));
        expect(Object.fromEntries(Object.entries(parsed).map(([p, c]) => [p, [...c].sort()]))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
