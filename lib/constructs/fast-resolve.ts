/**
 * cdktf's resolve, with a fast path for what holds no token.
 *
 * cdktf's `resolve` walks every key and value of an element's fragment, making two resolution
 * contexts (closures, prefix arrays) for each: at 5,000 agents 4.7 of the 16 s of CPU of a
 * synthesis, most of it on plain text that holds no token. Here a value that cannot hold a token is copied as
 * cdktf's resolve copies it (undefined object values and array elements dropped, key order kept,
 * a new object or array for each), and anything that may hold one (a string with a token marker
 * or a number in the range of the token encodings, an array with either, an object with a
 * `resolve` method or a token in a key, a construct, a function) is handed to cdktf's own
 * resolve, whole, from where it stands. Resolving a subtree on its own is what cdktf does when
 * it gets there: the contexts it passes down through plain objects and arrays carry nothing
 * but the path (used in error messages). test/constructs/synthesis-cost.test.ts compares the
 * documents with cdktf's own resolve for every example, and test/constructs/fast-resolve.test.ts
 * generated values with tokens of every kind.
 */
import type { IConstruct } from 'constructs';
// Not re-exported by the package index; cdktf 0.21.0 is the last release, so the path is stable.
import { resolve as cdktfResolve } from 'cdktf/lib/_tokens';
import { deepMerge } from 'cdktf/lib/util';

/** Marks of a string, list and map token (cdktf's encoding: `${TfToken[…]}`, `#{…}`, `&{…}`). */
const TOKEN_MARK = '{TfToken[';
/**
 * Encoded number tokens are doubles of magnitude about 1e289-1e298 (written with `e+`); no
 * number below this bound, and no string without `e+`, can be or hold one.
 */
const PLAIN_NUMBER_BOUND = 1e200;

/** What cdktf's resolve returns for `value` (resolved in `scope`), computed without it where no token can be. */
export function resolveFast(scope: IConstruct, value: unknown): unknown {
  const resolved = plain(value);
  return resolved === FALLBACK ? cdktfResolve(scope, value) : resolved === DROPPED ? undefined : resolveInto(scope, value);
}

const FALLBACK = Symbol('fallback');
const DROPPED = Symbol('dropped');

/** Classifies a value shallowly: FALLBACK (cdktf must resolve it), DROPPED (undefined), or a marker that it can be walked here. */
function plain(value: unknown): typeof FALLBACK | typeof DROPPED | true {
  switch (typeof value) {
    case 'undefined':
      return DROPPED;
    case 'string':
      return plainString(value) ? true : FALLBACK;
    case 'number':
      return plainNumber(value) ? true : FALLBACK;
    case 'boolean':
      return true;
    case 'object':
      return value === null || value instanceof Date || Array.isArray(value) || walkable(value as Record<string, unknown>) ? true : FALLBACK;
    default:
      // functions, symbols, bigints: cdktf refuses or keeps them; let it.
      return FALLBACK;
  }
}

/** cdktf refuses these where a string or number stands (they mark map tokens): let it. */
const MAP_TOKEN_STRINGS = new Set(['String Map Token Value', 'Any Map Token Value']);
const MAP_TOKEN_NUMBER = -123456789;

function plainString(s: string): boolean {
  return !s.includes(TOKEN_MARK) && !s.includes('e+') && !MAP_TOKEN_STRINGS.has(s);
}

function plainNumber(n: number): boolean {
  return (Math.abs(n) < PLAIN_NUMBER_BOUND && n !== MAP_TOKEN_NUMBER) || Number.isNaN(n);
}

/** A plain object (not a token, not a construct, no token in a key). */
function walkable(obj: Record<string, unknown>): boolean {
  if (typeof obj.resolve === 'function') return false;
  if (obj._children !== undefined && obj._metadata !== undefined) return false;
  for (const key of Object.keys(obj)) if (!plainString(key)) return false;
  return true;
}

function resolveInto(scope: IConstruct, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (Array.isArray(value)) {
    // A list token among the elements makes cdktf resolve the list as one: so does this.
    for (const x of value) {
      if ((typeof x === 'string' && !plainString(x)) || (typeof x === 'number' && !plainNumber(x))) return cdktfResolve(scope, value);
    }
    const out: unknown[] = [];
    for (const x of value) {
      const r = resolveFast(scope, x);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const r = resolveFast(scope, (value as Record<string, unknown>)[key]);
    if (r !== undefined) out[key] = r;
  }
  return out;
}

/**
 * cdktf's `deepMerge(target, source)` for a `source` just resolved (owned by nobody else, and
 * holding no undefined: resolving drops them): where `target` has nothing under a key, it takes
 * the source's plain object itself instead of the deep copy deepMerge would build of it (the
 * same keys, in the same order, the same arrays); where both have an object it merges into
 * the target's, as deepMerge does. Anything else goes to deepMerge.
 */
export function mergeResolved(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(source)) {
    const value = source[key];
    const existing = target[key];
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && typeof (value as { resolve?: unknown }).resolve !== 'function') {
      if (typeof existing !== 'object') {
        target[key] = value;
        continue;
      }
      if (existing !== null && !Array.isArray(existing)) {
        mergeResolved(existing as Record<string, unknown>, value as Record<string, unknown>);
        continue;
      }
    }
    deepMerge(target, { [key]: value });
  }
  return target;
}
