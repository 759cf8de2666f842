/**
 * The one JSON layout every reviewer file uses: object keys sorted (code-unit order, the same on
 * every machine), two-space indentation, a trailing newline. Arrays keep their order: the
 * builders sort them where order carries no meaning.
 */
import { compareStrings } from '../vault/order';
import { setOwn } from '../vault/own';

/** A JSON object about to be written; its members are JSON values or `undefined` (dropped). */
export type JsonObject = { readonly [key: string]: unknown };

/**
 * `value` with every object's keys sorted and its `undefined` members dropped. A plain object or
 * array already so (every key in order, no `undefined` member, nothing inside to change) is
 * returned as is rather than copied: builders that write their objects' keys in order (the access
 * report) are then written without copying tens of thousands of objects. `done` holds what each
 * object visited became (itself when already so): reports share objects between principals, and
 * an object is never sorted twice.
 */
function sortKeys(value: unknown, done: WeakMap<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = done.get(value);
  if (known !== undefined) return known;
  const result = Array.isArray(value) ? sortArray(value, done) : sortObject(value as Record<string, unknown>, done);
  done.set(value, result);
  return result;
}

function sortArray(value: readonly unknown[], done: WeakMap<object, unknown>): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const sorted = sortKeys(item, done);
    if (sorted !== item && copy === undefined) copy = value.slice(0, i);
    if (copy !== undefined) copy.push(sorted);
  }
  return copy ?? (value as unknown[]);
}

function sortObject(value: Record<string, unknown>, done: WeakMap<object, unknown>): Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    // for...in lists a plain object's own keys in Object.keys' order (its prototype has none).
    let inOrder = true;
    let previous: string | undefined;
    for (const key in value) {
      const item = value[key];
      if (item === undefined || (previous !== undefined && !(previous < key)) || sortKeys(item, done) !== item) {
        inOrder = false;
        break;
      }
      previous = key;
    }
    if (inOrder) return value;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareStrings)) {
    const item = value[key];
    // `undefined` members are dropped, as JSON.stringify would; sorting first keeps that explicit.
    // setOwn: a key `__proto__` (JSON.parse makes it an own member) is a member here too, not the prototype.
    if (item !== undefined) setOwn(out, key, sortKeys(item, done));
  }
  return out;
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value, new WeakMap()), null, 2)}\n`;
}
