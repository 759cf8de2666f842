/**
 * The one order names are sorted in, everywhere: UTF-16 code units, as `Array.prototype.sort`
 * and cdktf's key sorting use, never the locale (`localeCompare` differs by machine). Sorted
 * output is what keeps synthesized stacks and reports byte-identical across runs and machines.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders plan and topology objects by their `name`. */
export function compareByName<T extends { readonly name: string }>(a: T, b: T): number {
  return compareStrings(a.name, b.name);
}

/** A sorted copy of `values`, duplicates kept. */
export function sorted(values: Iterable<string>): string[] {
  return [...values].sort(compareStrings);
}

/** `values` without duplicates, sorted. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** A copy of `items` sorted by `key` (stable). */
export function sortedBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareStrings(key(a), key(b)));
}
