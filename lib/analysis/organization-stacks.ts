/**
 * An organization's stacks read together (docs/organization.md): the shared stack `<org>` and its
 * team stacks `<org>.<team>…` that share one Vault provider (one namespace) become one stack, as
 * if synthesized from a single file: every resource once, and each lookup by name of an entity or
 * group (`data.vault_identity_entity` / `_group`) that another of the stacks creates replaced by
 * a reference to that resource. Reviewer outputs (`access`, `graph`) then show who signs in where
 * across stacks. Stacks in other namespaces, and stacks that are not an organization's, stay apart.
 */
import { isObject, type Json, type JsonObject } from './json';
import { readStack, type SynthesizedStack } from './stack';
import { compareStrings } from '../vault/order';
import { own } from '../vault/own';

type Mutable = { [key: string]: Json };

/** Data source type → the resource it looks up and the argument it looks up by. */
const LOOKUPS: ReadonlyMap<string, { readonly resource: string; readonly key: string }> = new Map([
  ['vault_identity_entity', { resource: 'vault_identity_entity', key: 'entity_name' }],
  ['vault_identity_group', { resource: 'vault_identity_group', key: 'group_name' }],
]);

/** The organization a stack name belongs to, when `names` hold `<org>` and `<org>.<…>` stacks. */
export function organizationOf(name: string, names: ReadonlySet<string>): string | undefined {
  const dot = name.indexOf('.');
  const org = dot < 0 ? name : name.slice(0, dot);
  return names.has(org) && [...names].some((n) => n.startsWith(`${org}.`)) ? org : undefined;
}

function providerKey(document: JsonObject): string {
  return JSON.stringify(document.provider ?? null);
}

function replaceReferences(value: Json, replace: (text: string) => string): Json {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((v) => replaceReferences(v, replace));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceReferences(v, replace)]));
  return value;
}

/** Blocks by type and name as Terraform JSON (Object.fromEntries makes every key an own member, `__proto__` too). */
function asObject(section: ReadonlyMap<string, ReadonlyMap<string, Json>>): JsonObject {
  return Object.fromEntries([...section].map(([type, byName]) => [type, Object.fromEntries(byName)]));
}

/** Merges one group of stacks; undefined when two of them define one address differently. */
function merge(name: string, stacks: readonly SynthesizedStack[]): SynthesizedStack | undefined {
  // Types and names are input, so Maps: a type or name `__proto__`, `constructor` or `toString`
  // is one like any other (as plain objects, `__proto__` would replace a prototype and
  // `constructor` would already be "defined", with another value).
  const sections = { resource: new Map<string, Map<string, Json>>(), data: new Map<string, Map<string, Json>>() };
  for (const stack of stacks) {
    for (const section of ['resource', 'data'] as const) {
      const blocks = stack.document[section];
      if (!isObject(blocks)) continue;
      for (const [type, byName] of Object.entries(blocks)) {
        if (!isObject(byName)) continue;
        for (const [id, body] of Object.entries(byName)) {
          let target = sections[section].get(type);
          if (!target) sections[section].set(type, (target = new Map()));
          // cdktf's `//` metadata names the construct path, which includes the stack.
          const plain = isObject(body) ? Object.fromEntries(Object.entries(body).filter(([k]) => k !== '//')) : body;
          if (target.has(id) && JSON.stringify(target.get(id)) !== JSON.stringify(plain)) return undefined;
          target.set(id, plain);
        }
      }
    }
  }
  // Lookups by name of what one of the stacks creates: a reference to it instead.
  const rewrites = new Map<string, string>();
  for (const [type, { resource, key }] of LOOKUPS) {
    const created = new Map<string, string>();
    for (const [id, body] of sections.resource.get(resource) ?? []) if (isObject(body) && typeof body.name === 'string') created.set(body.name, `${resource}.${id}`);
    const lookups = sections.data.get(type);
    for (const [id, body] of lookups ?? []) {
      const looked = isObject(body) ? own(body, key) : undefined;
      const target = typeof looked === 'string' ? created.get(looked) : undefined;
      if (target === undefined || !isObject(body) || Object.keys(body).some((k) => k !== key && k !== '//')) continue;
      rewrites.set(`data.${type}.${id}`, target);
      lookups!.delete(id);
    }
    if (lookups && lookups.size === 0) sections.data.delete(type);
  }
  const pattern = /\$\{(data\.vault_identity_(?:entity|group)\.[A-Za-z0-9_-]+)\./g;
  const replace = (text: string) => text.replace(pattern, (whole, address: string) => (rewrites.has(address) ? `\${${rewrites.get(address)}.` : whole));
  const document: Mutable = {
    '//': { metadata: { stackName: name, stacks: stacks.map((s) => s.name) } },
    ...(stacks[0]!.document.provider !== undefined ? { provider: stacks[0]!.document.provider } : {}),
    ...(isObject(stacks[0]!.document.terraform) && stacks[0]!.document.terraform.required_providers !== undefined
      ? { terraform: { required_providers: stacks[0]!.document.terraform.required_providers } }
      : {}),
    resource: replaceReferences(asObject(sections.resource), replace),
    ...(sections.data.size > 0 ? { data: replaceReferences(asObject(sections.data), replace) } : {}),
  };
  return readStack(document, { name });
}

/**
 * `stacks` with each organization's stacks of one namespace merged into one, named by the stacks
 * it holds (`acme + acme.finance + acme.travel`); every other stack as it is. Sorted by name.
 */
export function readOrganizationsTogether(stacks: readonly SynthesizedStack[]): SynthesizedStack[] {
  const names = new Set(stacks.map((s) => s.name));
  const groups = new Map<string, SynthesizedStack[]>();
  const out: SynthesizedStack[] = [];
  for (const stack of stacks) {
    const org = organizationOf(stack.name, names);
    if (org === undefined) {
      out.push(stack);
      continue;
    }
    const key = `${org}\u0000${providerKey(stack.document)}`;
    groups.set(key, [...(groups.get(key) ?? []), stack]);
  }
  for (const [key, group] of groups) {
    const org = key.slice(0, key.indexOf('\u0000'));
    const namespace = (group[0]!.document.provider as { vault?: { namespace?: string }[] } | undefined)?.vault?.[0]?.namespace;
    // Named by the stacks it holds, so a report says what was read together.
    const name = `${group.map((s) => s.name).sort(compareStrings).join(' + ')}${group.some((s) => s.name === org) ? '' : ` (namespace ${namespace ?? '?'})`}`;
    const merged = group.length > 1 ? merge(name, group) : undefined;
    out.push(...(merged ? [merged] : group));
  }
  return out.sort((a, b) => compareStrings(a.name, b.name));
}
