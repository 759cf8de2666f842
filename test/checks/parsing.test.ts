import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { collectRefs, displayText, literalOf, parseTemplate, soleRef, type TemplatePart } from '../../lib/analysis/expressions';
import { parsePolicyText, parsePolicyTextSync } from '../../lib/analysis/hcl';
import { jsonErrorOffset } from '../../lib/analysis/json-position';
import { loadStacks, StackLoadError } from '../../lib/analysis/load';
import { findCycles } from '../../lib/analysis/references';
import { readStack, StackShapeError } from '../../lib/analysis/stack';
import { parseTtl } from '../../lib/analysis/ttl';
import { stanzasFromPolicyDocument } from '../../lib/analysis/policy-document';
import { SYNTH_DIR } from './support';

describe('template expressions', () => {
  it('splits interpolations, keeps escapes literal', () => {
    expect(parseTemplate('a ${x.y.z} $${lit} %%{d} b')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'interpolation', expression: 'x.y.z' },
      { kind: 'text', text: ' ${lit} %{d} b' },
    ]);
    expect(literalOf('path $${x}')).toBe('path ${x}');
    expect(literalOf('${a.b.c}')).toBeUndefined();
  });

  it('reads references, data sources included, not variables or locals', () => {
    expect(soleRef('${vault_identity_oidc_client.app-1.client_id}')).toEqual({ address: 'vault_identity_oidc_client.app-1', attribute: ['client_id'] });
    expect(soleRef('${data.vault_auth_backend.k8s.accessor}')).toEqual({ address: 'data.vault_auth_backend.k8s', attribute: ['accessor'] });
    expect(soleRef('${var.x}')).toBeUndefined();
    expect(soleRef('${local.a.b}')).toBeUndefined();
    expect(soleRef('x ${a.b.c}')).toBeUndefined();
    expect(collectRefs({ v: ['${join(",", [a.b.c, "x.y.z"])}', '${d.e.f[0]}'] }).map((r) => r.address)).toEqual(['a.b', 'd.e']);
  });

  it('handles nested braces and strings inside an interpolation', () => {
    expect(parseTemplate('${jsonencode({"a" = "}"})}!')).toEqual([
      { kind: 'interpolation', expression: 'jsonencode({"a" = "}"})' },
      { kind: 'text', text: '!' },
    ]);
    expect(displayText('p/${a.b.c}/q')).toBe('p/<a.b.c>/q');
  });

  it('reads any text as the character-by-character reading of Terraform templates does', () => {
    // The reference: one character at a time, escapes before openings, unterminated openings kept as text.
    const reference = (input: string): TemplatePart[] => {
      const parts: TemplatePart[] = [];
      let text = '';
      for (let i = 0; i < input.length; ) {
        if (['$${', '%%{'].includes(input.slice(i, i + 3))) {
          text += input.slice(i + 1, i + 3);
          i += 3;
        } else if (['${', '%{'].includes(input.slice(i, i + 2))) {
          let depth = 0;
          let inString = false;
          let end = -1;
          for (let j = i + 2; j < input.length && end < 0; j++) {
            const c = input[j];
            if (inString) {
              if (c === '\\') j += 1;
              else if (c === '"') inString = false;
            } else if (c === '"') inString = true;
            else if (c === '{') depth += 1;
            else if (c === '}') {
              if (depth === 0) end = j;
              else depth -= 1;
            }
          }
          if (end < 0) {
            text += input.slice(i);
            break;
          }
          if (text) parts.push({ kind: 'text', text });
          text = '';
          const expression = input.slice(i + 2, end).replace(/^~/, '').replace(/~$/, '').trim();
          parts.push({ kind: input[i] === '$' ? 'interpolation' : 'directive', expression });
          i = end + 1;
        } else text += input[i++];
      }
      if (text) parts.push({ kind: 'text', text });
      return parts;
    };
    const pieces = fc.constantFrom('$', '%', '{', '}', '"', '\\', '~', 'a', ' ', '$${', '${', '%{', '%%{', 'x.y.z');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }).map((a) => a.join('')), (text) => {
        expect(parseTemplate(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('reference resolution', () => {
  const stack = readStack({
    resource: {
      vault_identity_oidc_key: { k: { name: 'key-1' } },
      vault_identity_oidc_client: { c: { name: 'app', key: '${vault_identity_oidc_key.k.name}' } },
      vault_policy: { p: { name: 'p', policy: 'path "identity/oidc/client/${vault_identity_oidc_client.c.name}" {}\n# id ${vault_identity_oidc_client.c.client_id}' } },
      a: { x: { v: '${a.y.v}' }, y: { v: '${a.x.v}' } },
    },
    data: { vault_auth_backend: { k8s: { path: 'kubernetes' } } },
  });
  it('replaces configured arguments, keeps computed ones as references', () => {
    expect(stack.blocks.get('vault_identity_oidc_client.c')!.resolved.key).toBe('key-1');
    expect(stack.blocks.get('vault_policy.p')!.resolved.policy).toBe('path "identity/oidc/client/app" {}\n# id ${vault_identity_oidc_client.c.client_id}');
  });
  it('survives reference cycles and reports them', () => {
    expect(stack.blocks.get('a.x')!.resolved.v).toBe('${a.y.v}');
    expect(findCycles(stack.dependencies)).toEqual([['a.x', 'a.y']]);
  });
  it('rejects documents that are not Terraform JSON, listing every problem', () => {
    expect(() => readStack([])).toThrow(StackShapeError);
    try {
      readStack({ resource: { t: { a: 1 } }, output: 3 });
    } catch (err) {
      expect((err as StackShapeError).problems).toEqual(['resource.t.a must be an object', '"output" must be an object of outputs']);
    }
  });
});

describe('loading stacks', () => {
  it('finds every stack of a cdktf.out directory, named as CDKTF names them', () => {
    const stacks = loadStacks([SYNTH_DIR]);
    expect(stacks.map((s) => s.name)).toEqual(['agent-registry', 'expense', 'headless', 'hello-world', 'two-clients']);
  });
  it('reads a stack directory, a file, and reports all unreadable inputs at once with positions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-load-'));
    fs.mkdirSync(path.join(dir, 'stacks', 'one'), { recursive: true });
    fs.copyFileSync(path.join(SYNTH_DIR, 'stacks', 'headless', 'cdk.tf.json'), path.join(dir, 'stacks', 'one', 'cdk.tf.json'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{\n  "a": [1,,2]\n}');
    fs.writeFileSync(path.join(dir, 'shape.json'), '{"resource": []}');
    fs.mkdirSync(path.join(dir, 'empty'));
    expect(loadStacks(['stacks/one'], dir).map((s) => s.name)).toEqual(['headless']);
    expect(loadStacks([dir], dir).map((s) => s.file)).toEqual(['stacks/one/cdk.tf.json']);
    try {
      loadStacks(['bad.json', 'shape.json', 'empty', 'nope'], dir);
      throw new Error('expected StackLoadError');
    } catch (err) {
      expect(err).toBeInstanceOf(StackLoadError);
      const problems = (err as StackLoadError).problems;
      expect(problems[0]).toMatch(/^empty: no cdk\.tf\.json here/);
      expect(problems[1]).toMatch(/^nope: no such file/);
      expect(problems[2]).toMatch(/^bad\.json:2:11: invalid JSON/);
      expect(problems[3]).toBe('shape.json: "resource" must be an object of <type>.<name> blocks');
    }
  });
  it('locates JSON syntax errors exactly where JSON.parse fails', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom(',', '}', ']', '"', ':', 'x'), (json, at, junk) => {
        expect(jsonErrorOffset(json)).toBeUndefined();
        const pos = at % (json.length + 1);
        const broken = json.slice(0, pos) + junk + json.slice(pos);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(broken) === undefined).toBe(valid);
      }),
      { numRuns: 300 },
    );
  });
});

describe('TTL values', () => {
  test.each([
    [900, 900],
    ['900', 900],
    ['15m', 900],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['2d', 172800],
    ['500ms', 0.5],
  ])('%p is %p seconds', (input, seconds) => expect(parseTtl(input)).toEqual({ kind: 'seconds', seconds }));
  it('distinguishes unset, computed and invalid', () => {
    expect(parseTtl(undefined).kind).toBe('unset');
    expect(parseTtl('${var.ttl}').kind).toBe('computed');
    expect(parseTtl('soon').kind).toBe('invalid');
  });
});

describe('policy parsing with hcl2json', () => {
  it('reports syntax errors with line and column, unknown keys and capabilities', async () => {
    const bad = await parsePolicyText('p', 'path "a" {\n  capabilities = ["read"\n}\n');
    expect(bad).toEqual({ ok: false, errors: [expect.stringMatching(/^line 3, column 1: Missing item separator/)] });
    expect(await parsePolicyText('p', 'path "a" { capability = ["read"] }')).toEqual({ ok: false, errors: ['path "a": invalid key "capability"'] });
    expect(await parsePolicyText('p', 'path "a" { capabilities = ["reed"] }')).toEqual({ ok: false, errors: ['path "a": invalid capability "reed"'] });
    expect(await parsePolicyText('p', 'paths "a" { capabilities = ["read"] }')).toEqual({ ok: false, errors: ['invalid key "paths" (only "path" stanzas are allowed)'] });
  });
  it('reads JSON-form policies and keeps "${" literal like Vault does', async () => {
    expect(await parsePolicyText('j', '{"path":{"/a/b":{"capabilities":["read","deny"]}}}')).toEqual({ ok: true, stanzas: [{ path: 'a/b', capabilities: ['deny'] }] });
    expect(await parsePolicyText('t', 'path "a/${x}" { capabilities = ["read"] }')).toEqual({ ok: true, stanzas: [{ path: 'a/${x}', capabilities: ['read'] }] });
  });
  it('gives the same result synchronously and asynchronously', async () => {
    const segment = fc.stringMatching(/^[a-z0-9+*._-]{1,8}$/);
    const caps = fc.subarray(['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny', 'bogus']);
    const stanza = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), caps).map(([p, c]) => `path "${p.join('/')}" {\n  capabilities = [${c.map((x) => `"${x}"`).join(', ')}]\n}\n`);
    const doc = fc.tuple(fc.array(stanza, { maxLength: 4 }), fc.constantFrom('', '# c\n', '}', 'path "x" {')).map(([s, tail]) => s.join('\n') + tail);
    await fc.assert(
      fc.asyncProperty(doc, async (text) => {
        expect(parsePolicyTextSync('p', text)).toEqual(await parsePolicyText('p', text));
      }),
      { numRuns: 100 },
    );
  });
});

// vault/policy.go (parseACLPolicyWithTemplating, parsePaths); Vault's own parse cases are data in
// test/analysis-data/vault-acl/policy_test.json (test/checks/vault-acl.test.ts).
describe('policy parsing refuses what Vault refuses', () => {
  const hcl = (text: string) => parsePolicyTextSync('p', text);
  it('refuses "+*" in a path, in HCL, JSON and vault_policy_document rules, saying why', async () => {
    const why = /^path "foo\/\+\*": Vault refuses "\+\*"/;
    expect(hcl('path "foo/+*" { capabilities = ["read"] }')).toEqual({ ok: false, errors: [expect.stringMatching(why)] });
    expect(await parsePolicyText('p', 'path "foo/+*" { capabilities = ["read"] }')).toEqual({ ok: false, errors: [expect.stringMatching(why)] });
    expect(hcl('{"path": {"foo/+*": {"capabilities": ["read"]}}}')).toEqual({ ok: false, errors: [expect.stringMatching(why)] });
    expect(stanzasFromPolicyDocument({ rule: [{ path: 'foo/+*', capabilities: ['read'] }] })).toEqual({ ok: false, errors: [expect.stringMatching(/^rule\[0\]: path "foo\/\+\*": Vault refuses/)] });
    expect(hcl('path "a/c++*" { capabilities = ["read"] }').ok).toBe(false);
  });
  it('refuses a name that is not a string (name {}), accepts a scalar one', () => {
    expect(hcl('name{}')).toEqual({ ok: false, errors: ['"name" must be a string, not a block (Vault refuses the document)'] });
    expect(hcl('name = {}').ok).toBe(false);
    expect(hcl('name = ["a"]').ok).toBe(false);
    expect(hcl('{"name": {}}').ok).toBe(false);
    expect(hcl('name = "dev"\npath "a" { capabilities = ["read"] }')).toEqual({ ok: true, stanzas: [{ path: 'a', capabilities: ['read'] }] });
    expect(hcl('name = 1').ok).toBe(true);
  });
  it('reads capabilities in Vault\'s order: the first deny ends the reading', () => {
    expect(hcl('path "a" { capabilities = ["deny", "bogus"] }')).toEqual({ ok: true, stanzas: [{ path: 'a', capabilities: ['deny'] }] });
    expect(hcl('path "a" { capabilities = ["bogus", "deny"] }')).toEqual({ ok: false, errors: ['path "a": invalid capability "bogus"'] });
    expect(hcl('path "a" {\n  policy = "deny"\n  capabilities = ["bogus"]\n}')).toEqual({ ok: true, stanzas: [{ path: 'a', capabilities: ['deny'] }] });
    expect(hcl('path "a" {\n  policy = "read"\n  capabilities = ["update"]\n}')).toEqual({ ok: true, stanzas: [{ path: 'a', capabilities: ['read', 'update', 'list'] }] });
    expect(stanzasFromPolicyDocument({ rule: [{ path: 'a', capabilities: ['deny', 'bogus'] }] })).toEqual({ ok: true, stanzas: [{ path: 'a', capabilities: ['deny'] }] });
  });
  it('checks wrapping TTLs unless the stanza denies', () => {
    expect(hcl('path "a" {\n  capabilities = ["read"]\n  min_wrapping_ttl = "5m"\n  max_wrapping_ttl = 60\n}')).toEqual({
      ok: false,
      errors: ['path "a": max_wrapping_ttl cannot be less than min_wrapping_ttl'],
    });
    expect(hcl('path "a" {\n  capabilities = ["read"]\n  min_wrapping_ttl = "soon"\n}')).toEqual({ ok: false, errors: [expect.stringMatching(/min_wrapping_ttl "soon" is not a duration/)] });
    expect(hcl('path "a" {\n  capabilities = ["deny"]\n  min_wrapping_ttl = "soon"\n}').ok).toBe(true);
    expect(hcl('path "a" {\n  capabilities = ["read"]\n  min_wrapping_ttl = "300s"\n  max_wrapping_ttl = "1h"\n}').ok).toBe(true);
  });
  it('strips one leading "/" of a path, as Vault does, not every one', () => {
    expect(hcl('path "/a" { capabilities = ["read"] }')).toEqual({ ok: true, stanzas: [{ path: 'a', capabilities: ['read'] }] });
    expect(hcl('path "//a" { capabilities = ["read"] }')).toEqual({ ok: true, stanzas: [{ path: '/a', capabilities: ['read'] }] });
    expect(stanzasFromPolicyDocument({ rule: [{ path: '//a', capabilities: ['read'] }] })).toEqual({ ok: true, stanzas: [{ path: '/a', capabilities: ['read'] }] });
  });
  it('reads an unlabelled path block as the rule for "path" (Vault\'s default key); reports forms it cannot read', () => {
    expect(hcl('path {\n  capabilities = ["read"]\n}')).toEqual({ ok: true, stanzas: [{ path: 'path', capabilities: ['read'] }] });
    expect(hcl('path = { a = { capabilities = ["read"] } }')).toEqual({ ok: false, errors: [expect.stringMatching(/^path "a": write each rule as a block with one label/)] });
    expect(hcl('path "a" "b" { capabilities = ["read"] }').ok).toBe(false);
  });
  it('refuses "+*" in any path and nothing else about the characters, in every form', async () => {
    const segment = fc.stringMatching(/^[a-z+*]{0,4}$/);
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '/'), async (segs, lead) => {
        const raw = `${lead}${segs.join('/')}`;
        const refused = raw.includes('+*');
        const text = `path "${raw}" { capabilities = ["read"] }`;
        const forms = [
          parsePolicyTextSync('p', text),
          await parsePolicyText('p', text),
          parsePolicyTextSync('p', JSON.stringify({ path: { [raw]: { capabilities: ['read'] } } })),
          stanzasFromPolicyDocument({ rule: [{ path: raw, capabilities: ['read'] }] }),
        ];
        for (const result of forms) {
          expect(result.ok).toBe(!refused);
          if (result.ok) expect(result.stanzas).toEqual([{ path: raw.startsWith('/') ? raw.slice(1) : raw, capabilities: ['read'] }]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('names every object inherits', () => {
  it('are block types like any other: an output of `toString.x.accessor` is read, not a crash', async () => {
    const { checkStack } = await import('../../lib/checks/check');
    const findings = await checkStack({ output: { o: { value: '${toString.x.accessor}' } } });
    expect(findings.filter((f) => f.rule === 'A2A-OUTPUT-SECRET')).toEqual([]);
  });
});
