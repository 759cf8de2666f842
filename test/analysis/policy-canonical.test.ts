/**
 * The plain-shape policy reader (lib/analysis/policy-canonical.ts) is a shortcut past hcl2json, so
 * it must return exactly what hcl2json returns, key order included, whenever it returns anything:
 * over every policy the examples render, over rendered documents of generated rules, and over
 * generated near-miss texts (which it must either read exactly as hcl2json does or leave to it).
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { Testing } from 'cdktf';
import { parseSync } from '../../lib/analysis/hcl-wasm-sync';
import { parsePolicyTextSync } from '../../lib/analysis/hcl';
import { readCanonicalPolicy } from '../../lib/analysis/policy-canonical';
import { stanzasFromParsed } from '../../lib/analysis/policy-document';
import { AgentTopologyStack } from '../../lib/constructs';
import { renderPolicyDocument, validatePolicyRules } from '../../lib/constructs/policy-document';
import { loadTopologyFile } from '../../lib/topology/load';
import { CAPABILITIES } from '../../lib/vault/capabilities';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** hcl2json's reading, as hcl.ts asks for it (templates escaped); undefined when it refuses the text. */
function hcl2json(text: string): unknown {
  try {
    return parseSync('policy.hcl', text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'));
  } catch {
    return undefined;
  }
}

/** Deep equality including the order of object keys (stanza order follows it). */
const exactly = (value: unknown) => JSON.stringify(value);

function examplePolicies(): string[] {
  const texts: string[] = [];
  for (const example of fs.readdirSync(EXAMPLES).sort()) {
    const file = path.join(EXAMPLES, example, 'topology.yaml');
    if (!fs.existsSync(file)) continue;
    const topology = loadTopologyFile(file);
    const stack = new AgentTopologyStack(Testing.app(), example, { topology, checks: { enabled: false, reason: 'policy texts only' } });
    const json = JSON.parse(Testing.synth(stack)) as { resource?: Record<string, Record<string, { policy?: string }>> };
    for (const body of Object.values(json.resource?.vault_policy ?? {})) if (typeof body.policy === 'string') texts.push(body.policy);
  }
  return texts;
}

test('every policy the examples render is read without hcl2json, exactly as hcl2json reads it', () => {
  const texts = examplePolicies();
  expect(texts.length).toBeGreaterThan(10);
  for (const text of texts) {
    const fast = readCanonicalPolicy(text);
    expect(fast).toBeDefined();
    expect(exactly(fast)).toBe(exactly(hcl2json(text)));
  }
});

const segment = fc.stringMatching(/^[A-Za-z0-9_.@:=~-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
const policyPath = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '/*', '/+/x')).map(([s, tail]) => `${s.join('/')}${tail}`);
const reason = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !/[\r\n]/.test(s));
const rule = fc.record({ path: policyPath, capabilities: fc.uniqueArray(fc.constantFrom(...CAPABILITIES), { minLength: 1, maxLength: 4 }), reason });

test('documents rendered from generated rules: the shortcut applies and agrees with hcl2json', () => {
  fc.assert(
    fc.property(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.option(reason, { nil: undefined }), (rules, wildcardReason) => {
      const options = { allowWildcard: { reason: wildcardReason ?? 'generated' } };
      fc.pre(validatePolicyRules(rules, options).length === 0);
      const text = renderPolicyDocument(rules, options);
      const fast = readCanonicalPolicy(text);
      expect(fast).toBeDefined();
      expect(exactly(fast)).toBe(exactly(hcl2json(text)));
    }),
    { numRuns: 150 },
  );
});

/** Lines near the plain shape: the real ones, and small departures from them. */
const line = fc.oneof(
  fc.constantFrom(
    'path "a/b" {',
    'path "a/*" {',
    'path "123" {',
    'path "b" {',
    'path "a b" {',
    'path "a\\"b" {',
    'path "a${x}" {',
    'path "" {',
    'path a {',
    'path "a" {}',
    ' path "a" {',
    'path "a"  {',
    '  capabilities = ["read"]',
    '  capabilities = ["read", "list"]',
    '  capabilities = []',
    '  capabilities = ["read","list"]',
    'capabilities = ["read"]',
    '  capabilities = ["Read"]',
    '  capabilities = ["bogus", "deny"]',
    '  policy = "read"',
    '}',
    ' }',
    '} ',
    '',
    ' ',
    '# a comment',
    '# "quoted" ${template} %{x} \\ }',
    '#',
    '// other comment',
    '/* block */',
    'name = "x"',
  ),
  reason.map((r) => `# ${r}`),
  fc.string({ maxLength: 12 }),
);

const capabilitiesLine = fc.uniqueArray(fc.constantFrom(...CAPABILITIES, 'bogus'), { maxLength: 3 }).map((c) => `  capabilities = [${c.map((x) => `"${x}"`).join(', ')}]`);
const stanza = fc.tuple(policyPath, capabilitiesLine).map(([p, c]) => `path "${p}" {\n${c}\n}`);
/** One part of the stanza replaced by a near-miss line. */
const mutatedStanza = fc.tuple(fc.oneof(policyPath.map((p) => `path "${p}" {`), line), fc.oneof(capabilitiesLine, line), fc.oneof(fc.constant('}'), line)).map((parts) => parts.join('\n'));
/** Mostly plain stanzas, comments and blank lines, sometimes a departure. */
const chunk = fc.oneof(
  { arbitrary: stanza, weight: 6 },
  { arbitrary: fc.oneof(fc.constant(''), reason.map((r) => `# ${r}`)), weight: 2 },
  { arbitrary: mutatedStanza, weight: 1 },
  { arbitrary: line, weight: 1 },
);

test('near-miss documents: the shortcut either agrees with hcl2json or leaves the text to it', () => {
  let read = 0;
  fc.assert(
    fc.property(fc.array(chunk, { maxLength: 5 }), fc.boolean(), (lines, finalNewline) => {
      const text = `${lines.join('\n')}${finalNewline ? '\n' : ''}`;
      const fast = readCanonicalPolicy(text);
      if (fast === undefined) return;
      read++;
      expect(exactly(fast)).toBe(exactly(hcl2json(text)));
      // And the whole reading (capabilities checked, paths normalized) is the same either way.
      expect(parsePolicyTextSync('p', text)).toEqual(stanzasFromParsed(hcl2json(text) as never, 'hcl'));
    }),
    { numRuns: 400 },
  );
  // The generator reaches the accepting side often enough for the comparison to mean something.
  expect(read).toBeGreaterThan(40);
});
