import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { collectRefs, displayText, literalOf, parseTemplate, soleRef } from '../../lib/analysis/expressions';
import { parsePolicyText, parsePolicyTextSync } from '../../lib/analysis/hcl';
import { jsonErrorOffset } from '../../lib/analysis/json-position';
import { loadStacks, StackLoadError } from '../../lib/analysis/load';
import { findCycles } from '../../lib/analysis/references';
import { readStack, StackShapeError } from '../../lib/analysis/stack';
import { parseTtl } from '../../lib/analysis/ttl';
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
