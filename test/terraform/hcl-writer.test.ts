/**
 * The HCL writer: Terraform JSON → HCL with the same meaning, checked with HashiCorp's parser
 * (hcl2json) on generated documents full of quotes, backslashes, `${`, `%{`, escapes, newlines
 * and unicode, and with `terraform fmt -check` when the binary is on PATH.
 */
import fc from 'fast-check';
import { EMPTY_BLOCK_SCHEMA, HclWriteError, writeHcl, type BlockSchema, type HclSchema } from '../../lib/terraform/hcl-writer';
import { escapeTemplateLiteral, joinTemplate, literalTemplateValue, splitTemplate } from '../../lib/terraform/template';
import { expectedHcl2json, parseHcl, terraformFmtCheck, withTerraform } from '../support/hcl';

const NESTED: BlockSchema = { blocks: new Map(), attributes: new Set(['tags']) };
const THING: BlockSchema = { blocks: new Map([['blk', NESTED]]), attributes: new Set(['meta', 'items']) };
const SCHEMA: HclSchema = { resource: new Map([['vault_thing', THING]]), data: new Map(), provider: new Map() };

/** Characters that break naive writers, plus ordinary text. */
const nasty = fc.constantFrom(
  '"', '\\', '$', '%', '{', '}', '~', '\n', '\t', '\r', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028',
  'é', 'e\u0301', '😀', '中', '${', '%{', '$${', '%%{', '}}', '{{', 'EOT', '<<', '#', '//', ' ', 'a', 'Z', '0', '=', ',', '[', ']',
);
const text = fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 2 })), maxLength: 24 });
const reference = fc.constantFrom('${vault_thing.one.id}', '${data.vault_auth_backend.k8s.accessor}', '${vault_thing.two.blk[0].name}');
/**
 * A Terraform JSON template: escaped literal text with references spliced in. Text never ends in
 * "$" right before a reference here: joinTemplate writes that "$" as `${"$"}`, which hcl2json
 * folds back into the text and prints as `$${…}` (an escape), so the oracle cannot check that one
 * shape; the joinTemplate property above covers it.
 */
const template = fc
  .array(fc.oneof({ arbitrary: text.map((t) => ({ text: t })), weight: 3 }, { arbitrary: reference.map((r) => ({ sequence: r })), weight: 1 }), { maxLength: 4 })
  .map((segments) =>
    joinTemplate(segments.map((s, i) => ('text' in s && i + 1 < segments.length && 'sequence' in segments[i + 1] ? { text: s.text.replace(/\$+$/, '') } : s))),
  );
/** Multi-line text ending in a newline: what becomes a heredoc. */
const document = fc.array(text, { minLength: 2, maxLength: 5 }).map((lines) => `${lines.join('\n')}\n`).map(escapeTemplateLiteral);
const scalar = fc.oneof(template, document, fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom(1.5, -2.25, 0), fc.boolean(), fc.constant(null));
/** Object keys: distinct after NFC (Terraform compares normalized strings). */
const keys = fc.uniqueArray(fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_-]{0,6}$/), text.map(escapeTemplateLiteral)), {
  maxLength: 4,
  selector: (k) => k.normalize('NFC'),
});
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 3 }), tie('object')),
  object: keys.chain((ks) => fc.tuple(...ks.map(() => tie('value'))).map((vs) => Object.fromEntries(ks.map((k, i) => [k, vs[i]])))),
})).value;

const body = fc.record(
  {
    name: template,
    description: fc.oneof(template, document),
    count_of: fc.integer(),
    meta: value,
    items: fc.array(value, { maxLength: 3 }),
    blk: fc.array(fc.record({ name: template, tags: fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), template, { maxKeys: 3 }) }, { requiredKeys: ['name'] }), {
      maxLength: 2,
    }),
    depends_on: fc.uniqueArray(fc.constantFrom('vault_thing.one', 'vault_thing.two', 'data.vault_auth_backend.k8s'), { maxLength: 3 }),
  },
  { requiredKeys: ['name'] },
);

const terraformJson = fc.record({
  resource: fc.record({ vault_thing: fc.record({ one: body, two: body }, { requiredKeys: ['one'] }) }),
  output: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), fc.record({ value, description: text.map(escapeTemplateLiteral) }), { maxKeys: 2 }),
});

describe('splitTemplate', () => {
  test.each([
    ['plain', [['literal', 'plain']]],
    ['a${b.c}d', [['literal', 'a'], ['interpolation', '${b.c}'], ['literal', 'd']]],
    ['$${x} %%{y}', [['literal', '$${x} %%{y}']]],
    ['$$${x}', [['literal', '$$${x}']]],
    ['$${${a.b}', [['literal', '$${'], ['interpolation', '${a.b}']]],
    ['${lookup(m, "k}\\"")}', [['interpolation', '${lookup(m, "k}\\"")}']]],
    ['${ {a = 1}.a }x', [['interpolation', '${ {a = 1}.a }'], ['literal', 'x']]],
    ['%{ if a }y%{ endif }', [['directive', '%{ if a }'], ['literal', 'y'], ['directive', '%{ endif }']]],
    ['${"${x.y}"}', [['interpolation', '${"${x.y}"}']]],
    ['100%', [['literal', '100%']]],
  ])('%j', (source, expected) => {
    expect(splitTemplate(source).map((p) => [p.kind, p.source])).toEqual(expected);
  });

  test.each(['${a.b', '${"x}', '${a # b}'])('refuses %j', (source) => {
    expect(() => splitTemplate(source)).toThrow(/template sequence|quoted string/);
  });

  test('escapeTemplateLiteral makes any text a template meaning that text', () => {
    fc.assert(fc.property(text, (t) => literalTemplateValue(escapeTemplateLiteral(t)) === t));
  });

  test('joinTemplate keeps text literal and sequences live, whatever meets at the seams', () => {
    const segment = fc.oneof(text.map((t) => ({ text: t })), reference.map((r) => ({ sequence: r })), fc.constantFrom({ text: '$' }, { text: '%' }));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        // The meaning: literal text runs and references, in order (`${"$"}` is literal text).
        const meaning = (items: readonly ({ text: string } | { sequence: string })[]) =>
          items.reduce<(string | { ref: string })[]>((acc, item) => {
            const value = 'text' in item ? item.text : /^\$\{"([$%]+)"\}$/.test(item.sequence) ? item.sequence.slice(3, -2) : { ref: item.sequence };
            if (typeof value === 'string' && typeof acc[acc.length - 1] === 'string') acc[acc.length - 1] += value;
            else if (value !== '') acc.push(value);
            return acc;
          }, []);
        const parsed = splitTemplate(joinTemplate(segments)).map((p) =>
          p.kind === 'literal' ? { text: literalTemplateValue(p.source) } : { sequence: p.source },
        );
        expect(meaning(parsed)).toEqual(meaning(segments));
      }),
    );
  });
});

describe('writeHcl', () => {
  test('generated documents parse with HashiCorp\'s parser to the same configuration', async () => {
    const written: string[] = [];
    await fc.assert(
      fc.asyncProperty(terraformJson, async (json) => {
        const hcl = writeHcl(json, SCHEMA);
        written.push(hcl);
        expect(await parseHcl(hcl)).toEqual(expectedHcl2json(json, SCHEMA));
      }),
      { numRuns: 100 },
    );
    generated.push(...written.slice(0, 60));
  });

  const generated: string[] = [];
  withTerraform('terraform fmt -check leaves generated documents unchanged', () => {
    expect(generated.length).toBeGreaterThan(0);
    const r = terraformFmtCheck(Object.fromEntries(generated.map((hcl, i) => [`doc${i}.tf`, hcl])));
    expect(r.output).toBe('');
    expect(r.code).toBe(0);
  });

  test('a reference alone is written bare; a reference inside text stays in a quoted template', () => {
    const hcl = writeHcl({ resource: { vault_thing: { one: { name: '${vault_thing.two.id}', description: '{"a":"${vault_thing.two.id}"}' } } } }, SCHEMA);
    expect(hcl).toContain('  name        = vault_thing.two.id\n');
    expect(hcl).toContain('  description = "{\\"a\\":\\"${vault_thing.two.id}\\"}"\n');
  });

  test('schema blocks become repeated blocks; known object attributes stay attributes', async () => {
    const json = { resource: { vault_thing: { one: { name: 'x', meta: { k: 'v' }, blk: [{ name: 'a' }, { name: 'b' }] } } } };
    const hcl = writeHcl(json, SCHEMA);
    expect(hcl.match(/^ {2}blk \{$/gm)).toHaveLength(2);
    expect(hcl).toContain('  meta = {\n    k = "v"\n  }\n');
    expect((await parseHcl(hcl)) as unknown).toEqual({ resource: { vault_thing: { one: [{ name: 'x', meta: { k: 'v' }, blk: [{ name: 'a' }, { name: 'b' }] }] } } });
  });

  test('an object under a key the schema does not know is refused, not guessed', () => {
    expect(() => writeHcl({ resource: { vault_thing: { one: { unknown: { a: 1 } } } } }, SCHEMA)).toThrow(HclWriteError);
    expect(() => writeHcl({ resource: { vault_other: { one: { settings: [{ a: 1 }] } } } }, SCHEMA)).toThrow(/may be a nested block or an attribute/);
  });

  test.each(['module', 'variable', 'locals'])('top-level %s is refused with the way out', (kind) => {
    expect(() => writeHcl({ [kind]: {} }, SCHEMA)).toThrow(/use the JSON output/);
  });

  test('a heredoc picks a delimiter that no line of the text equals', async () => {
    const text = 'EOT\n  EOT1 \nx\n';
    const hcl = writeHcl({ resource: { vault_thing: { one: { description: text } } } }, SCHEMA);
    expect(hcl).toContain('<<EOT2\n');
    expect(await parseHcl(hcl)).toEqual({ resource: { vault_thing: { one: [{ description: text }] } } });
  });

  test('object keys that would parse as keywords or expressions are quoted', async () => {
    const meta = { true: 1, null: 2, for: 3, 'a.b': 4, 'x y': 5, plain_key: 6 };
    const hcl = writeHcl({ resource: { vault_thing: { one: { meta } } } }, SCHEMA);
    expect(hcl).toContain('"null"');
    expect(hcl).toContain('    plain_key = 6');
    expect(await parseHcl(hcl)).toEqual({ resource: { vault_thing: { one: [{ meta }] } } });
  });

  test('strings of the terraform block are literal in JSON, so their template openers are escaped', async () => {
    const json = { terraform: { backend: { local: { path: 'state-${x}.tfstate' } }, required_providers: { vault: { source: 'hashicorp/vault', version: '5.6.0' } } } };
    const hcl = writeHcl(json, SCHEMA);
    expect(hcl).toContain('path = "state-$${x}.tfstate"');
    expect(await parseHcl(hcl)).toEqual(expectedHcl2json(json, SCHEMA));
  });

  test('a lone UTF-16 surrogate cannot be written as HCL (UTF-8) and is refused', () => {
    expect(() => writeHcl({ resource: { vault_thing: { one: { name: 'a\ud800b' } } } }, SCHEMA)).toThrow(/surrogate/);
  });

  test('import and moved blocks name their addresses bare', async () => {
    const json = { import: [{ to: 'vault_thing.one', id: 'abc-123' }], moved: [{ from: 'vault_thing.old', to: 'vault_thing.one' }] };
    const hcl = writeHcl(json, { ...SCHEMA, resource: new Map([['vault_thing', EMPTY_BLOCK_SCHEMA]]) });
    expect(hcl).toBe('import {\n  to = vault_thing.one\n  id = "abc-123"\n}\n\nmoved {\n  from = vault_thing.old\n  to   = vault_thing.one\n}\n');
    expect(await parseHcl(hcl)).toEqual(expectedHcl2json(json, SCHEMA));
  });
});
