/**
 * The one JSON layout every reviewer file uses: object keys sorted (code-unit order, the same on
 * every machine), two-space indentation, a trailing newline. Arrays keep their order: the
 * builders sort them where order carries no meaning.
 */
import { compareStrings } from '../vault/order';

/** A JSON object about to be written; its members are JSON values or `undefined` (dropped). */
export type JsonObject = { readonly [key: string]: unknown };

/**
 * `value` with every object's keys sorted and its `undefined` members dropped. A plain object or
 * array already so (every key in order, no `undefined` member, nothing inside to change) is
 * returned as is rather than copied: builders that write their objects' keys in order (the access
 * report) are then written without copying tens of thousands of objects. `canonical` holds the
 * objects found so, which reports share between principals.
 */
function sortKeys(value: unknown, canonical: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (canonical.has(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const sorted = sortKeys(item, canonical);
      if (sorted !== item && copy === undefined) copy = value.slice(0, i);
      if (copy !== undefined) copy.push(sorted);
    }
    if (copy !== undefined) return copy;
    canonical.add(value);
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const items: unknown[] = new Array(keys.length);
  const proto: unknown = Object.getPrototypeOf(value);
  let copy = proto !== Object.prototype && proto !== null;
  for (let i = 0; i < keys.length; i++) {
    const item = record[keys[i]!];
    const sorted = sortKeys(item, canonical);
    items[i] = sorted;
    if (item === undefined || sorted !== item || (i > 0 && !(keys[i - 1]! < keys[i]!))) copy = true;
  }
  if (!copy) {
    canonical.add(value);
    return value;
  }
  const order = keys.map((_, i) => i).sort((a, b) => compareStrings(keys[a]!, keys[b]!));
  const out: Record<string, unknown> = {};
  // `undefined` members are dropped, as JSON.stringify would; sorting first keeps that explicit.
  for (const i of order) if (items[i] !== undefined) out[keys[i]!] = items[i];
  return out;
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value, new WeakSet()), null, 2)}\n`;
}
