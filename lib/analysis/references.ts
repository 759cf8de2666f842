/**
 * Resolves `${<type>.<name>.<attr>}` references between the blocks of one stack: a reference to
 * an argument that is written in the configuration (a key's `name`, a mount's `path`) is replaced
 * by its value; a reference to something Vault computes (`client_id`, `id`, `accessor`) stays a
 * reference, which is how the access model links a provider to its clients and an assignment to
 * its entities.
 */
import { forEachRef, parseRef, parseTemplate, Ref, refText, renderTemplate, TemplatePart } from './expressions';
import { isObject, Json, JsonObject, METADATA_KEY } from './json';
import { compareStrings } from '../vault/order';
import { own, setOwn } from '../vault/own';

export interface RawBlock {
  readonly address: string;
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  readonly config: JsonObject;
}

export interface Block extends RawBlock {
  /** Configuration with every resolvable reference replaced by its value. */
  readonly resolved: JsonObject;
}

export class Resolver {
  private readonly memo = new Map<string, Json | undefined>();
  private readonly active = new Set<string>();
  /**
   * Strings resolved outside any lookup, by their text. Such a result depends only on the
   * memoized lookups, which never change once made, so the same string always resolves the same
   * way there (inside a lookup a reference cycle may cut it short, so those are not kept).
   */
  private readonly strings = new Map<string, Json>();

  constructor(private readonly blocks: ReadonlyMap<string, RawBlock>) {}

  /**
   * `value` without metadata keys and with references resolved. What resolving leaves as it was
   * is shared with `value`, not copied: most of a stack is literal, and copying all of it was a
   * good part of reading one.
   */
  resolveObject(value: JsonObject): JsonObject {
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const v = value[key]!;
      const r = key === METADATA_KEY ? undefined : this.resolve(v);
      if (r === v) continue;
      // The first change: copy what came before, then resolve the rest into the copy.
      // setOwn: an argument `__proto__` stays an argument (it would set the copy's prototype).
      const out: { [k: string]: Json } = {};
      for (let j = 0; j < i; j++) setOwn(out, keys[j]!, value[keys[j]!]!);
      if (r !== undefined) setOwn(out, key, r);
      for (let j = i + 1; j < keys.length; j++) {
        const k = keys[j]!;
        if (k !== METADATA_KEY) setOwn(out, k, this.resolve(value[k]!));
      }
      return out;
    }
    return value;
  }

  resolve(value: Json): Json {
    if (typeof value === 'string') return this.resolveString(value);
    if (typeof value !== 'object' || value === null) return value;
    if (!Array.isArray(value)) return this.resolveObject(value as JsonObject);
    const items = value as readonly Json[];
    for (let i = 0; i < items.length; i++) {
      const r = this.resolve(items[i]!);
      if (r === items[i]) continue;
      const out = items.slice(0, i);
      out.push(r);
      for (let j = i + 1; j < items.length; j++) out.push(this.resolve(items[j]!));
      return out;
    }
    return items;
  }

  private resolveString(value: string): Json {
    if (!value.includes('${')) return value;
    if (this.active.size > 0) return this.resolveTemplate(value);
    let resolved = this.strings.get(value);
    if (resolved === undefined) {
      resolved = this.resolveTemplate(value);
      this.strings.set(value, resolved);
    }
    return resolved;
  }

  private resolveTemplate(value: string): Json {
    const parts = parseTemplate(value);
    if (parts.length === 1 && parts[0]!.kind === 'interpolation') {
      const ref = parseRef(parts[0]!.expression);
      if (!ref) return value;
      const target = this.lookup(ref);
      return target === undefined ? `\${${refText(ref)}}` : target;
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
      // A resolved string is itself a template: splice its parts in (they may hold references).
      else if (typeof target === 'string') out.push(...parseTemplate(target));
      else out.push(ref ? { kind: 'interpolation', expression: refText(ref) } : part);
    }
    return renderTemplate(mergeText(out));
  }

  /** The resolved value of a configured argument, or undefined when Vault computes it. */
  lookup(ref: Ref): Json | undefined {
    const key = refText(ref);
    if (this.memo.has(key)) return this.memo.get(key);
    const block = this.blocks.get(ref.address);
    if (!block || ref.attribute.length === 0 || this.active.has(key)) return undefined;
    let raw: Json | undefined = block.config;
    for (const step of ref.attribute) {
      if (Array.isArray(raw) && /^\d+$/.test(step)) raw = (raw as readonly Json[])[Number(step)];
      // Own members only: `${vault_policy.p.constructor}` names no argument of p.
      else if (isObject(raw) && step !== METADATA_KEY) raw = own(raw, step);
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

function mergeText(parts: readonly TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

/** Which blocks each block refers to (arguments and `depends_on`), for cycle detection. */
export function dependencyGraph(blocks: ReadonlyMap<string, RawBlock>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const targets = new Set<string>();
  const add = (ref: Ref) => {
    if (blocks.has(ref.address)) targets.add(ref.address);
  };
  for (const block of blocks.values()) {
    targets.clear();
    for (const k of Object.keys(block.config)) {
      if (k === METADATA_KEY) continue;
      const v = block.config[k];
      if (k === 'depends_on' && Array.isArray(v)) {
        for (const d of v) {
          if (typeof d !== 'string') continue;
          const ref = parseRef(d.replace(/^\$\{|\}$/g, ''));
          const address = ref ? ref.address : d;
          if (blocks.has(address)) targets.add(address);
          else if (blocks.has(d)) targets.add(d);
        }
        continue;
      }
      forEachRef(v, add);
    }
    // The default sort orders strings by UTF-16 code units, as compareStrings does.
    graph.set(block.address, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components with more than one block, or a block referring to itself. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Nodes by number, edges as arrays of numbers: the walk below touches each edge once, and a
  // stack has thousands of blocks. Targets that are not keys of the graph are nodes without edges.
  const names = [...graph.keys()];
  const number = new Map<string, number>();
  for (let i = 0; i < names.length; i++) number.set(names[i]!, i);
  const edges: number[][] = [];
  const keyCount = names.length;
  for (let i = 0; i < keyCount; i++) {
    const out: number[] = [];
    for (const to of graph.get(names[i]!)!) {
      let n = number.get(to);
      if (n === undefined) {
        n = names.length;
        names.push(to);
        number.set(to, n);
      }
      out.push(n);
    }
    edges.push(out);
  }
  const count = names.length;
  const UNVISITED = -1;
  const indices = new Int32Array(count).fill(UNVISITED);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const cycles: string[][] = [];
  let index = 0;
  // Iterative Tarjan: a 1,000-agent stack would overflow a recursive one on long chains.
  const work: number[] = [];
  const next: number[] = [];
  for (let start = 0; start < count; start++) {
    if (indices[start] !== UNVISITED) continue;
    indices[start] = low[start] = index++;
    stack.push(start);
    onStack[start] = 1;
    work.push(start);
    next.push(0);
    while (work.length > 0) {
      const top = work.length - 1;
      const node = work[top]!;
      const out = edges[node] ?? [];
      if (next[top]! < out.length) {
        const to = out[next[top]!]!;
        next[top]! += 1;
        if (indices[to] === UNVISITED) {
          indices[to] = low[to] = index++;
          stack.push(to);
          onStack[to] = 1;
          work.push(to);
          next.push(0);
        } else if (onStack[to] === 1) {
          low[node] = Math.min(low[node]!, indices[to]!);
        }
        continue;
      }
      work.pop();
      next.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === indices[node]) {
        const component: string[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(names[member]!);
        } while (member !== node);
        if (component.length > 1 || out.includes(node)) cycles.push(component.sort());
      }
    }
  }
  return cycles.sort((a, b) => compareStrings(a[0]!, b[0]!));
}
