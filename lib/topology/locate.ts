/**
 * Positions in a parsed YAML/JSON document: where a data path's value, key or containing map
 * starts, and which data path a raw offset (a syntax error) falls in.
 */
import type { Document, LineCounter, Node } from 'yaml';
import type { Anchor, IssuePath, PathSegment } from './path';

let yamlModule: typeof import('yaml') | undefined;

/**
 * The YAML library, loaded on first use: a JSON topology is read with JSON.parse, and the YAML
 * parser runs only for positions (source.ts), so `check --topology` of a valid JSON topology never
 * loads it (issue #11).
 */
export function yaml(): typeof import('yaml') {
  return (yamlModule ??= require('yaml') as typeof import('yaml'));
}

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

interface Step {
  readonly node: unknown;
  readonly key?: unknown;
}

/** The text a map key stands for in the parsed data (scalar keys are stringified by toJS). */
export function keyText(key: unknown): string | undefined {
  return yaml().isScalar(key) ? String(key.value) : undefined;
}

function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ?? undefined;
}

/** Follows `path` as far as the document goes; the first step is the document's root node. */
function walk(doc: Document, path: IssuePath): Step[] {
  const steps: Step[] = [{ node: doc.contents }];
  let node: unknown = doc.contents;
  for (const segment of path) {
    const current = yaml().isAlias(node) ? node.resolve(doc) : node;
    if (yaml().isMap(current)) {
      // Last match: with duplicate keys the parsed data holds the last value.
      const pair = [...current.items].reverse().find((p) => keyText(p.key) === String(segment));
      if (pair === undefined) break;
      steps.push({ node: pair.value, key: pair.key });
      node = pair.value;
    } else if (yaml().isSeq(current) && typeof segment === 'number' && segment < current.items.length) {
      node = current.items[segment];
      steps.push({ node });
    } else break;
  }
  return steps;
}

/**
 * The offset an issue points at. A path that does not (fully) exist in the document points at
 * the deepest part that does; an empty value (`login:` with nothing after it) points at its key.
 */
export function offsetOf(doc: Document, path: IssuePath, anchor: Anchor): number {
  const target = anchor === 'parent' ? path.slice(0, -1) : path;
  const steps = walk(doc, target);
  const last = steps[steps.length - 1];
  const complete = steps.length === target.length + 1;
  const keyRange = rangeOf(last.key);
  if (complete && anchor === 'key' && keyRange) return keyRange[0];
  const range = rangeOf(last.node);
  if (range && range[0] < range[1]) return range[0];
  return keyRange?.[0] ?? range?.[0] ?? 0;
}

export function positionOf(doc: Document, lineCounter: LineCounter, path: IssuePath, anchor: Anchor): SourcePosition {
  const { line, col } = lineCounter.linePos(offsetOf(doc, path, anchor));
  return { line, column: col };
}

function contains(node: unknown, offset: number): boolean {
  const range = rangeOf(node);
  return range !== undefined && range[0] <= offset && offset < Math.max(range[2], range[0] + 1);
}

/**
 * The data path of the node an offset falls in, as deep as the document allows. An offset inside
 * a key yields that key's path only with `includeKey` (a duplicate key); a syntax error inside a
 * key is reported at the enclosing map, since the parser's recovered key text may be garbage.
 */
export function pathAtOffset(doc: Document, offset: number, includeKey = false): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (yaml().isMap(node)) {
      // A pair spans from its key to the end of its value (tags and anchors sit in between).
      const pair = node.items.find((p) => {
        const start = rangeOf(p.key)?.[0];
        const end = rangeOf(p.value)?.[2] ?? rangeOf(p.key)?.[2];
        return start !== undefined && end !== undefined && start <= offset && offset < Math.max(end, start + 1);
      });
      const key = pair === undefined ? undefined : keyText(pair.key);
      if (pair === undefined || key === undefined) return path;
      if (contains(pair.key, offset)) return includeKey ? [...path, key] : path;
      path.push(key);
      node = pair.value;
    } else if (yaml().isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else return path;
  }
}

/** Offset of the first key `key` in the map at `mapPath` (for "first defined at line …"). */
export function firstKeyOffset(doc: Document, mapPath: IssuePath, key: string): number | undefined {
  const steps = walk(doc, mapPath);
  if (steps.length !== mapPath.length + 1) return undefined;
  const map = steps[steps.length - 1].node;
  if (!yaml().isMap(map)) return undefined;
  const pair = map.items.find((p) => keyText(p.key) === key);
  return rangeOf(pair?.key)?.[0];
}
