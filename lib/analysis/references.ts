/**
 * Resolves `${<type>.<name>.<attr>}` references between the blocks of one stack: a reference to
 * an argument that is written in the configuration (a key's `name`, a mount's `path`) is replaced
 * by its value; a reference to something Vault computes (`client_id`, `id`, `accessor`) stays a
 * reference, which is how the access model links a provider to its clients and an assignment to
 * its entities.
 */
import { collectRefs, parseRef, parseTemplate, Ref, refText, renderTemplate, TemplatePart } from './expressions';
import { isObject, Json, JsonObject, METADATA_KEY } from './json';
import { compareStrings } from '../vault/order';

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

  constructor(private readonly blocks: ReadonlyMap<string, RawBlock>) {}

  resolveObject(value: JsonObject): JsonObject {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === METADATA_KEY) continue;
      out[k] = this.resolve(v);
    }
    return out;
  }

  resolve(value: Json): Json {
    if (typeof value === 'string') return this.resolveString(value);
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (isObject(value)) return this.resolveObject(value);
    return value;
  }

  private resolveString(value: string): Json {
    if (!value.includes('${')) return value;
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
      else if (isObject(raw) && step !== METADATA_KEY) raw = raw[step];
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
  for (const block of blocks.values()) {
    const targets = new Set<string>();
    for (const [k, v] of Object.entries(block.config)) {
      if (k === METADATA_KEY) continue;
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
      for (const ref of collectRefs(v)) if (blocks.has(ref.address)) targets.add(ref.address);
    }
    graph.set(block.address, [...targets].sort(compareStrings));
  }
  return graph;
}

/** Strongly connected components with more than one block, or a block referring to itself. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];

  // Iterative Tarjan: a 1,000-agent stack would overflow a recursive one on long chains.
  for (const start of [...graph.keys()].sort(compareStrings)) {
    if (indices.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    indices.set(start, index);
    low.set(start, index);
    index += 1;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next]!;
        frame.next += 1;
        if (!indices.has(to)) {
          indices.set(to, index);
          low.set(to, index);
          index += 1;
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, indices.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indices.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) cycles.push(component.sort(compareStrings));
      }
    }
  }
  return cycles.sort((a, b) => compareStrings(a[0]!, b[0]!));
}
