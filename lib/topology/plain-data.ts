/**
 * A topology is plain data: maps, lists, strings, numbers, booleans, null. This check runs
 * before the schema because zod quietly drops `__proto__` keys (its guard against prototype
 * pollution), so an agent named `__proto__` would vanish without an error; and a Buffer (YAML
 * `!!binary`), Map or Date would be reported as dozens of "unknown fields" from its prototype.
 */
import type { DraftIssue, PathSegment } from './path';

function kindOf(value: object): string {
  if (value instanceof Uint8Array) return 'binary data';
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name ? `a ${name}` : 'an object';
}

function walk(value: unknown, path: PathSegment[], seen: Set<object>, out: DraftIssue[]): void {
  if (value === null || value === undefined) return;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return;
    case 'object':
      break;
    default:
      out.push({ path, anchor: 'value', message: `must be plain data (got a ${typeof value})`, fix: 'use strings, numbers, booleans, lists and maps only' });
      return;
  }
  if (seen.has(value)) {
    out.push({ path, anchor: 'value', message: 'refers back to itself (a cycle)', fix: 'write the topology as a tree of plain maps and lists' });
    return;
  }
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...path, i], seen, out));
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      out.push({ path, anchor: 'value', message: `must be a map or a list (got ${kindOf(value)})`, fix: 'use strings, numbers, booleans, lists and maps only (no YAML tags such as !!binary)' });
    } else {
      for (const key of Object.keys(value)) {
        if (key === '__proto__') {
          out.push({ path: [...path, key], anchor: 'key', message: '"__proto__" cannot be used as a key', fix: 'rename it' });
        } else walk((value as Record<string, unknown>)[key], [...path, key], seen, out);
      }
    }
  }
  seen.delete(value);
}

export function plainDataIssues(data: unknown): DraftIssue[] {
  const out: DraftIssue[] = [];
  walk(data, [], new Set(), out);
  return out;
}
