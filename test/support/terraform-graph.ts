/**
 * The reference graph of synthesized Terraform JSON, and a cycle finder.
 *
 * Terraform refuses a configuration whose resources reference each other in a loop, but only at
 * plan time; `cdktf synth` does not notice, and no Terraform runs in this repository. So tests
 * rebuild the graph themselves: one node per resource (`type.name`) and data source
 * (`data.type.name`), one edge per reference found in a `${…}` expression or a `depends_on` entry.
 */
import type { TerraformJson } from './synth';

export type ReferenceGraph = ReadonlyMap<string, ReadonlySet<string>>;

/** Node → nodes it references. References to things that are not resources are ignored. */
export function referenceGraph(json: TerraformJson): ReferenceGraph {
  const bodies = new Map<string, unknown>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) bodies.set(`${type}.${name}`, body);
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) bodies.set(`data.${type}.${name}`, body);
  }
  const graph = new Map<string, Set<string>>();
  for (const [node, body] of bodies) {
    const edges = new Set<string>();
    for (const candidate of referencesIn(body)) if (bodies.has(candidate)) edges.add(candidate);
    graph.set(node, edges);
  }
  return graph;
}

/** Every `type.name` / `data.type.name` mentioned in expressions or `depends_on` of `value`. */
function referencesIn(value: unknown, inDependsOn = false): string[] {
  if (typeof value === 'string') {
    // depends_on entries are bare addresses, not `${…}` expressions.
    const expressions = inDependsOn ? [value] : expressionsIn(value);
    return expressions.flatMap((e) => [...e.matchAll(/\b(?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*/g)].map((m) => m[0]));
  }
  if (Array.isArray(value)) return value.flatMap((v) => referencesIn(v, inDependsOn));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => referencesIn(v, k === 'depends_on'));
  }
  return [];
}

/** The bodies of the `${…}` template expressions in `text` (`$${` is an escaped literal). */
export function expressionsIn(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  while ((i = text.indexOf('${', i)) !== -1) {
    if (i > 0 && text[i - 1] === '$') {
      i += 2;
      continue;
    }
    let depth = 1;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
    }
    found.push(text.slice(i + 2, j - 1));
    i = j;
  }
  return found;
}

/** A cycle as a node list whose last element repeats the first, or undefined if acyclic. */
export function findCycle(graph: ReferenceGraph): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Throws, naming the loop, if the configuration has a reference cycle. */
export function assertAcyclic(json: TerraformJson): void {
  const cycle = findCycle(referenceGraph(json));
  if (cycle) throw new Error(`Terraform reference cycle: ${cycle.join(' -> ')}`);
}
