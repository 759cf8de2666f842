/**
 * Tables keyed by names that come from input (a resource type, an argument, an agent, a claim).
 * A plain `table[key]` also finds what every object inherits (`constructor`, `toString`,
 * `hasOwnProperty`, `__proto__` …), and `object[key] = value` with the key `__proto__` replaces
 * the object's prototype instead of adding a member. Either makes an unknown name look known, or
 * drops a name that was given: a check that reads such a table fails open. These helpers read and
 * write own members only.
 */

/** `table[key]` when the table itself has the key, else undefined. */
export function own<T>(table: Readonly<Record<string, T>> | Readonly<Partial<Record<string, T>>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** `object[key] = value` as an own member, also for `__proto__` (as JSON.parse makes it). */
export function setOwn<T>(object: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/**
 * Names every plain object has without holding them: a table lookup by one of them is the bug
 * this file exists for. Tests iterate over them; validation names them in its messages.
 */
export const INHERITED_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype).sort();
