/**
 * The one JSON layout every reviewer file uses: object keys sorted (code-unit order, the same on
 * every machine), two-space indentation, a trailing newline. Arrays keep their order: the
 * builders sort them where order carries no meaning.
 */
import { compareStrings } from '../vault/order';
import { setOwn } from '../vault/own';

/** A JSON object about to be written; its members are JSON values or `undefined` (dropped). */
export type JsonObject = { readonly [key: string]: unknown };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareStrings)) {
      const item = (value as Record<string, unknown>)[key];
      // `undefined` members are dropped, as JSON.stringify would; sorting first keeps that explicit.
      // setOwn: a key `__proto__` (JSON.parse makes it an own member) is a member here too, not the prototype.
      if (item !== undefined) setOwn(sorted, key, sortKeys(item));
    }
    return sorted;
  }
  return value;
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}
