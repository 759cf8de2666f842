/** Typed reads of resolved block arguments. */
import { literalOf, soleRef } from './expressions';
import { Json, JsonObject } from './json';

/**
 * An identifier-valued argument (`client_id`, `entity_ids[0]`, `mount_accessor`): a reference
 * to another block's computed attribute, a literal, or an expression known only after apply.
 */
export type IdValue =
  | { readonly kind: 'ref'; readonly address: string; readonly attribute: string }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'expression'; readonly text: string };

export function idValue(value: Json): IdValue {
  const ref = soleRef(value);
  if (ref) return { kind: 'ref', address: ref.address, attribute: ref.attribute.join('.') };
  const literal = literalOf(value);
  if (literal !== undefined) return { kind: 'literal', value: literal };
  return { kind: 'expression', text: typeof value === 'string' ? value : JSON.stringify(value) };
}

export function idText(id: IdValue): string {
  return id.kind === 'ref' ? `${id.address}.${id.attribute}` : id.kind === 'literal' ? id.value : id.text;
}

export function isWildcardId(id: IdValue): boolean {
  return id.kind === 'literal' && id.value === '*';
}

export function str(config: JsonObject, key: string): string | undefined {
  return literalOf(config[key]);
}

export function bool(config: JsonObject, key: string): boolean | undefined {
  const v = config[key];
  if (typeof v === 'boolean') return v;
  const text = literalOf(v);
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/**
 * A list argument: `known` with its items, or `computed` when the whole list is an expression
 * (`"${var.ids}"`), which the checks cannot see through.
 */
export type ListValue = { readonly kind: 'known'; readonly items: readonly Json[] } | { readonly kind: 'computed'; readonly text: string };

export function list(config: JsonObject, key: string): ListValue {
  const v = config[key];
  if (v === undefined || v === null) return { kind: 'known', items: [] };
  if (Array.isArray(v)) return { kind: 'known', items: v };
  if (typeof v === 'string') return { kind: 'computed', text: v };
  return { kind: 'known', items: [v] };
}

/** Literal strings of a list argument (expressions are kept in display form). */
export function stringList(config: JsonObject, key: string): { readonly values: readonly string[]; readonly computed: readonly string[] } {
  const l = list(config, key);
  if (l.kind === 'computed') return { values: [], computed: [l.text] };
  const values: string[] = [];
  const computed: string[] = [];
  for (const item of l.items) {
    const text = literalOf(item);
    if (text !== undefined) values.push(text);
    else computed.push(typeof item === 'string' ? item : JSON.stringify(item));
  }
  return { values, computed };
}

export function idList(config: JsonObject, key: string): { readonly ids: readonly IdValue[]; readonly computed: readonly string[] } {
  const l = list(config, key);
  if (l.kind === 'computed') return { ids: [], computed: [l.text] };
  return { ids: l.items.map(idValue), computed: [] };
}
