/**
 * What the README and docs/ state as fact is held to what the code does: resource counts, the
 * policy and flowchart of the hello-world example, the topology field reference against the
 * schema, the README's size, and every relative link and anchor.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { graphFromTopology } from '../../lib/review/graph-model';
import { renderMermaid } from '../../lib/review/mermaid';
import { topologyJsonSchema } from '../../lib/topology/json-schema';
import { docBlocks } from '../../scripts/doc-blocks';
import { helloWorld } from '../support/normalized';
import { synthExample } from '../review/stacks';

const ROOT = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('examples/hello-world, as the README and docs/examples.md describe it', () => {
  const json = synthExample('hello-world') as { resource: Record<string, Record<string, { name?: string; policy?: string }>>; data: Record<string, object> };
  const count = (section: Record<string, object>) => Object.values(section).reduce((n, byName) => n + Object.keys(byName).length, 0);

  test.each(['README.md', 'docs/examples.md'])('%s gives the numbers of resources and data sources synth writes', (doc) => {
    expect(read(doc)).toContain(`${count(json.resource)} resources and ${count(json.data)} data sources`);
  });

  test("docs/examples.md shows test-client's policy as synthesized", () => {
    const [hcl] = docBlocks('docs/examples.md', read('docs/examples.md')).filter((b) => b.language === 'hcl');
    const policy = Object.values(json.resource.vault_policy!).find((p) => p.name === 'a2a-agent-test-client')!.policy!;
    expect(`${policy.trimEnd()}\n`).toBe(hcl!.text);
  });

  test('docs/examples.md shows the flowchart vault-a2a graph prints', () => {
    const [mermaid] = docBlocks('docs/examples.md', read('docs/examples.md')).filter((b) => b.language === 'mermaid');
    expect(mermaid!.text).toBe(renderMermaid(graphFromTopology(helloWorld())));
  });
});

describe('docs/topology.md documents every field of the topology schema, and no other', () => {
  /** Field paths of the JSON Schema the loader's zod schema produces: `agents.<name>.calls[].agent`. */
  function fields(node: unknown, path: string, out: Set<string>): Set<string> {
    if (!node || typeof node !== 'object') return out;
    const n = node as { properties?: Record<string, unknown>; additionalProperties?: unknown; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[] };
    for (const alternative of [...(n.anyOf ?? []), ...(n.oneOf ?? [])]) fields(alternative, path, out);
    for (const [name, child] of Object.entries(n.properties ?? {})) {
      const p = path ? `${path}.${name}` : name;
      out.add(p);
      fields(child, p, out);
    }
    if (n.additionalProperties && typeof n.additionalProperties === 'object') fields(n.additionalProperties, `${path}.<name>`, out);
    if (n.items) fields(n.items, `${path}[]`, out);
    return out;
  }
  const schemaFields = [...fields(topologyJsonSchema(), '', new Set())];
  const table = read('docs/topology.md').split('## Fields')[1]!.split('\n## ')[0]!;
  const documented = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);

  test.each(schemaFields)('%s', (field) => {
    expect(documented).toContain(field);
  });

  test('lists each field once, and only fields of the schema', () => {
    expect(documented.filter((f) => !schemaFields.includes(f))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });
});

describe('the README', () => {
  test('fits on a screen or two: at most 15 KB', () => {
    expect(Buffer.byteLength(read('README.md'))).toBeLessThanOrEqual(15_000);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = !inFence && /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe.each([...DOCS, ...readdirSync(join(ROOT, 'examples')).filter((d) => existsSync(join(ROOT, 'examples', d, 'README.md'))).map((d) => `examples/${d}/README.md`)])(
  '%s',
  (doc) => {
    test('every relative link reaches a file, and every #anchor a heading', () => {
      // Fenced blocks and code spans hold code (a regular expression such as `[a-z](…)`), not links.
      const text = read(doc)
        .replace(/```[\s\S]*?```/g, '')
        .replace(/`[^`\n]*`/g, '');
      const broken: string[] = [];
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const resolved = file === '' ? doc : normalize(join(dirname(doc), file));
        if (!existsSync(join(ROOT, resolved))) {
          broken.push(`${target}: no file ${resolved}`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${resolved}`);
      }
      expect(broken).toEqual([]);
    });
  },
);
