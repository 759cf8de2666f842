/**
 * Safe reads of not-yet-validated data. Cross-reference checks run even when parts of the
 * document failed the schema, so they read through these guards instead of trusting types.
 * Lookups are own-property only: a reference to an agent called "constructor" must not find
 * `Object.prototype.constructor`.
 */
import type { IssuePath } from './path';

export type RawMap = Readonly<Record<string, unknown>>;

export function asMap(value: unknown): RawMap | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as RawMap) : undefined;
}

export function asList(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function has(map: RawMap | undefined, key: string): boolean {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) && map[key] !== undefined;
}

export function get(map: RawMap | undefined, key: string): unknown {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** Own entries of a map, or none when the value is not a map. */
export function entriesOf(value: unknown): [string, unknown][] {
  const map = asMap(value);
  return map === undefined ? [] : Object.keys(map).map((key) => [key, map[key]]);
}

export function valueAt(data: unknown, path: IssuePath): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof segment === 'number') node = asList(node)?.[segment];
    else node = get(asMap(node), segment);
    if (node === undefined) return undefined;
  }
  return node;
}

/** How a value reads in a message: strings quoted and escaped, other kinds named. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}
