/**
 * Finds the schema node behind a data path, so error messages can list a map's allowed fields
 * and quote a field's description ("add `address`: Vault address, e.g. …").
 */
import { z } from 'zod';
import type { IssuePath } from './path';
import { Topology } from './schema';

export interface SchemaAt {
  /** The schema with `.optional()` removed. */
  readonly schema: z.ZodType;
  readonly description?: string;
}

function unwrap(schema: z.ZodType): SchemaAt {
  let description = schema.description;
  let current = schema;
  while (current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
    description ??= current.description;
  }
  return { schema: current, description };
}

export function schemaAt(path: IssuePath, root: z.ZodType = Topology): SchemaAt | undefined {
  let node = unwrap(root);
  for (const segment of path) {
    const { schema } = node;
    let next: z.ZodType | undefined;
    if (schema instanceof z.ZodObject && typeof segment === 'string') {
      const shape = schema.shape as Record<string, z.ZodType>;
      next = Object.prototype.hasOwnProperty.call(shape, segment) ? shape[segment] : undefined;
    } else if (schema instanceof z.ZodRecord && typeof segment === 'string') {
      next = schema.valueType as z.ZodType;
    } else if (schema instanceof z.ZodArray && typeof segment === 'number') {
      next = schema.element as z.ZodType;
    }
    if (next === undefined) return undefined;
    node = unwrap(next);
  }
  return node;
}

/** The field names an object schema at `path` allows (empty when it is not an object). */
export function fieldsAt(path: IssuePath, root: z.ZodType = Topology): string[] {
  const found = schemaAt(path, root)?.schema;
  return found instanceof z.ZodObject ? Object.keys(found.shape) : [];
}
