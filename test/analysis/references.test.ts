/**
 * Reading a stack was made cheaper (templates parsed once per distinct string, unchanged values
 * shared instead of copied, the cycle search on numbered nodes). These properties hold the new
 * code to straightforward readings of the same rules on random stacks: references within and
 * between blocks (configured and computed attributes, list indexes, data sources, variables,
 * function calls, escapes, metadata keys, depends_on) and cycles of any shape.
 */
import fc from 'fast-check';
import { parseRef, parseTemplate, refsInExpression, renderTemplate, type Ref, type TemplatePart } from '../../lib/analysis/expressions';
import { isObject, type Json, type JsonObject } from '../../lib/analysis/json';
import { findCycles, type RawBlock } from '../../lib/analysis/references';
import { readStack } from '../../lib/analysis/stack';

const TYPES = ['a', 'b'];
const NAMES = ['x', 'y', 'z'];

const address = fc.tuple(fc.constantFrom('', 'data.'), fc.constantFrom(...TYPES), fc.constantFrom(...NAMES)).map(([d, t, n]) => `${d}${t}.${n}`);
const traversal = fc.tuple(address, fc.constantFrom('.v', '.w', '.id', '.list[0]', '.list[1]', '.obj.k', '.obj', '')).map(([a, s]) => `${a}${s}`);
const piece = fc.oneof(
  fc.constantFrom('text', '', ' ', '$${lit}', '%%{d}', '${var.x}', '%{ if true }x%{ endif }', '${ ', '}'),
  traversal.map((t) => `\${${t}}`),
  traversal.map((t) => `\${join(",", [${t}, "q.r.s"])}`),
  traversal.map((t) => `\${~ ${t} ~}`),
);
const template = fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
const value: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    template,
    fc.integer({ min: 0, max: 9 }),
    fc.boolean(),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('k', 'm', '//'), tie('v'), { maxKeys: 2 }),
  ),
})).v;
const config = fc.record(
  {
    v: value,
    w: value,
    list: fc.array(value, { maxLength: 2 }),
    obj: fc.dictionary(fc.constantFrom('k', '//'), value, { maxKeys: 2 }),
    depends_on: fc.array(address.map((a) => (a.length % 2 === 0 ? a : `\${${a}}`)), { maxLength: 2 }),
    '//': fc.constant({ metadata: { path: 'x' } } as Json),
  },
  { requiredKeys: [] },
);
const doc = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...TYPES), fc.dictionary(fc.constantFrom(...NAMES), config, { maxKeys: 3 }), { maxKeys: 2 }),
    fc.dictionary(fc.constantFrom(...TYPES), fc.dictionary(fc.constantFrom(...NAMES), config, { maxKeys: 2 }), { maxKeys: 1 }),
  )
  .map(([resource, data]) => ({ resource, data }) as JsonObject);

/** The resolver as it was first written: every value copied, every string parsed where it is met. */
class CopyingResolver {
  private readonly memo = new Map<string, Json | undefined>();
  private readonly active = new Set<string>();
  constructor(private readonly blocks: ReadonlyMap<string, RawBlock>) {}

  resolveObject(value: JsonObject): JsonObject {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (k !== '//') out[k] = this.resolve(v);
    return out;
  }

  resolve(value: Json): Json {
    if (typeof value === 'string') return this.resolveString(value);
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (isObject(value)) return this.resolveObject(value);
    return value;
  }

  private text(ref: Ref): string {
    return [ref.address, ...ref.attribute].join('.');
  }

  private resolveString(value: string): Json {
    if (!value.includes('${')) return value;
    const parts = parseTemplate(value);
    if (parts.length === 1 && parts[0]!.kind === 'interpolation') {
      const ref = parseRef(parts[0]!.expression);
      if (!ref) return value;
      const target = this.lookup(ref);
      return target === undefined ? `\${${this.text(ref)}}` : target;
    }
    const out: TemplatePart[] = [];
    for (const part of parts) {
      if (part.kind !== 'interpolation') {
        out.push(part);
        continue;
      }
      const ref = parseRef(part.expression);
      const target = ref ? this.lookup(ref) : undefined;
      if (typeof target === 'number' || typeof target === 'boolean') out.push({ kind: 'text', text: String(target) });
      else if (typeof target === 'string') out.push(...parseTemplate(target));
      else out.push(ref ? { kind: 'interpolation', expression: this.text(ref) } : part);
    }
    const merged: TemplatePart[] = [];
    for (const p of out) {
      const last = merged[merged.length - 1];
      if (p.kind === 'text' && last?.kind === 'text') merged[merged.length - 1] = { kind: 'text', text: last.text + p.text };
      else merged.push(p);
    }
    return renderTemplate(merged);
  }

  lookup(ref: Ref): Json | undefined {
    const key = this.text(ref);
    if (this.memo.has(key)) return this.memo.get(key);
    const block = this.blocks.get(ref.address);
    if (!block || ref.attribute.length === 0 || this.active.has(key)) return undefined;
    let raw: Json | undefined = block.config;
    for (const step of ref.attribute) {
      if (Array.isArray(raw) && /^\d+$/.test(step)) raw = (raw as readonly Json[])[Number(step)];
      else if (isObject(raw) && step !== '//') raw = raw[step];
      else raw = undefined;
      if (raw === undefined) break;
    }
    if (raw === undefined) {
      this.memo.set(key, undefined);
      return undefined;
    }
    this.active.add(key);
    const resolved = this.resolve(raw);
    this.active.delete(key);
    this.memo.set(key, resolved);
    return resolved;
  }
}

function rawBlocks(document: JsonObject): Map<string, RawBlock> {
  const raw = new Map<string, RawBlock>();
  for (const mode of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries((document[mode] ?? {}) as JsonObject)) {
      for (const [name, config] of Object.entries(byName as JsonObject)) {
        const addr = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        raw.set(addr, { address: addr, mode, type, name, config: config as JsonObject });
      }
    }
  }
  return raw;
}

/** Every reference of a value, found by walking it and reading each interpolation and directive. */
function referencedAddresses(value: Json, out: Set<string>): void {
  if (typeof value === 'string') {
    for (const part of parseTemplate(value)) if (part.kind !== 'text') for (const ref of refsInExpression(part.expression)) out.add(ref.address);
  } else if (Array.isArray(value)) for (const v of value) referencedAddresses(v, out);
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) if (k !== '//') referencedAddresses(v, out);
}

/** Which blocks each block refers to, read plainly. */
function plainDependencies(raw: ReadonlyMap<string, RawBlock>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const block of raw.values()) {
    const targets = new Set<string>();
    for (const [k, v] of Object.entries(block.config)) {
      if (k === '//') continue;
      if (k === 'depends_on' && Array.isArray(v)) {
        for (const d of v) {
          if (typeof d !== 'string') continue;
          const ref = parseRef(d.replace(/^\$\{|\}$/g, ''));
          const a = ref ? ref.address : d;
          if (raw.has(a)) targets.add(a);
          else if (raw.has(d)) targets.add(d);
        }
        continue;
      }
      const found = new Set<string>();
      referencedAddresses(v, found);
      for (const a of found) if (raw.has(a)) targets.add(a);
    }
    graph.set(block.address, [...targets].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  }
  return graph;
}

/** Cycles by definition: nodes that reach each other, and nodes with an edge to themselves. */
function cyclesByReachability(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flat()])];
  const reach = new Map<string, Set<string>>();
  for (const n of nodes) {
    const seen = new Set<string>();
    const todo = [...(graph.get(n) ?? [])];
    while (todo.length > 0) {
      const m = todo.pop()!;
      if (seen.has(m)) continue;
      seen.add(m);
      todo.push(...(graph.get(m) ?? []));
    }
    reach.set(n, seen);
  }
  const cycles = new Map<string, string[]>();
  for (const n of nodes) {
    const component = nodes.filter((m) => m === n || (reach.get(n)!.has(m) && reach.get(m)!.has(n))).sort();
    if (component.length > 1 || (graph.get(n) ?? []).includes(n)) cycles.set(component.join('\u0000'), component);
  }
  return [...cycles.values()].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('reading a stack', () => {
  it('resolves every block as the copying resolver does, with nothing of the metadata', () => {
    fc.assert(
      fc.property(doc, (document) => {
        const stack = readStack(document);
        const expected = new CopyingResolver(rawBlocks(document));
        for (const block of stack.blocks.values()) {
          expect(block.resolved).toEqual(expected.resolveObject(block.config));
          expect(JSON.stringify(block.resolved)).not.toContain('"//"');
        }
        expect([...stack.blocks.keys()]).toEqual([...rawBlocks(document).keys()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('finds the dependencies and cycles the plain readings find', () => {
    fc.assert(
      fc.property(doc, (document) => {
        const stack = readStack(document);
        expect(Object.fromEntries(stack.dependencies)).toEqual(Object.fromEntries(plainDependencies(rawBlocks(document))));
        expect(findCycles(stack.dependencies)).toEqual(cyclesByReachability(stack.dependencies));
      }),
      { numRuns: 300 },
    );
  });

  it('finds cycles in any graph, targets outside its keys and self-references included', () => {
    const graph = fc.dictionary(
      fc.constantFrom('p', 'q', 'r', 's', 't', 'u'),
      fc.uniqueArray(fc.constantFrom('p', 'q', 'r', 's', 't', 'u', 'v'), { maxLength: 4 }),
    );
    fc.assert(
      fc.property(graph, (g) => {
        const map = new Map(Object.entries(g));
        expect(findCycles(map)).toEqual(cyclesByReachability(map));
      }),
      { numRuns: 500 },
    );
  });
});
