/**
 * JSON surgery on a synthesized stack. Resources are found by their Vault name as written in the
 * synthesized JSON (`name`, `role_name`, ...), never by a guessed Terraform address: every lookup
 * fails loudly when the synthesized stack no longer has what an entry edits.
 */
import type { Doc } from './types';

/** The attribute that holds each resource type's Vault name. */
const NAME_ATTRIBUTE: Readonly<Record<string, string>> = {
  vault_kubernetes_auth_backend_role: 'role_name',
  vault_jwt_auth_backend_role: 'role_name',
  vault_approle_auth_backend_role: 'role_name',
  vault_cert_auth_backend_role: 'name',
  vault_agent_registration: 'display_name',
  vault_oauth_resource_server_config_profile: 'profile_name',
  vault_generic_endpoint: 'path',
  vault_auth_backend: 'path',
  vault_mount: 'path',
};

type Section = 'resource' | 'data';

function lookup(doc: Doc, section: Section, type: string, name: string): string {
  const table = doc[section]?.[type];
  if (!table) throw new Error(`the stack has no ${section === 'data' ? 'data.' : ''}${type}`);
  const attribute = NAME_ATTRIBUTE[type] ?? 'name';
  // vault_generic_endpoint paths start with a reference to the mount: match on the suffix.
  const matches = Object.keys(table).filter((k) => {
    const value: unknown = table[k][attribute];
    return typeof value === 'string' && (value === name || (type === 'vault_generic_endpoint' && value.endsWith(`/${name}`)));
  });
  if (matches.length !== 1) throw new Error(`expected one ${type} named "${name}", found ${matches.length}`);
  return matches[0]!;
}

/** The body of the resource of `type` whose Vault name is `name`. */
export function res(doc: Doc, type: string, name: string): Doc {
  return doc.resource[type][lookup(doc, 'resource', type, name)];
}

/** The Terraform resource name (the key under `resource.<type>`). */
export function key(doc: Doc, type: string, name: string): string {
  return lookup(doc, 'resource', type, name);
}

/** `${<type>.<key>.<attribute>}` for the resource named `name`. */
export function ref(doc: Doc, type: string, name: string, attribute: string): string {
  return `\${${type}.${key(doc, type, name)}.${attribute}}`;
}

/** `${data.<type>.<key>.<attribute>}` for the data source whose Vault name is `name`. */
export function dataRef(doc: Doc, type: string, name: string, attribute: string): string {
  return `\${data.${type}.${lookup(doc, 'data', type, name)}.${attribute}}`;
}

/** The mount accessor reference of the auth mount at `path`. */
export function accessor(doc: Doc, path: string): string {
  return dataRef(doc, 'vault_auth_backend', path, 'accessor');
}

export function addResource(doc: Doc, type: string, name: string, body: Doc): void {
  doc.resource[type] ??= {};
  if (doc.resource[type][name]) throw new Error(`${type}.${name} already exists`);
  doc.resource[type][name] = body;
}

export function addData(doc: Doc, type: string, name: string, body: Doc): void {
  doc.data ??= {};
  doc.data[type] ??= {};
  if (doc.data[type][name]) throw new Error(`data.${type}.${name} already exists`);
  doc.data[type][name] = body;
}

export function removeResource(doc: Doc, type: string, name: string): Doc {
  const k = key(doc, type, name);
  const body = doc.resource[type][k];
  delete doc.resource[type][k];
  return body;
}

/** Appends an HCL stanza to the policy named `policy`. */
export function addStanza(doc: Doc, policy: string, stanza: string): void {
  const p = res(doc, 'vault_policy', policy);
  p.policy = `${p.policy}\n${stanza}\n`;
}

/** One exact-path HCL stanza. */
export function stanza(path: string, capabilities: readonly string[]): string {
  return `path "${path}" {\n  capabilities = [${capabilities.map((c) => `"${c}"`).join(', ')}]\n}`;
}

/** An HCL quoted string literal (for strings inside `${...}` expressions). */
export function hclString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${escaped}"`;
}

/** Parses a JSON-string attribute (template, data_json), edits it and writes it back. */
export function editJson(holder: Doc, attribute: string, edit: (value: Doc) => void): void {
  const value: Doc = JSON.parse(holder[attribute]);
  edit(value);
  holder[attribute] = JSON.stringify(value);
}

/**
 * Renames the Terraform resource `<type>.<from>` to `<to>` and rewrites every reference to it
 * (in `${...}` expressions anywhere, `depends_on` entries included).
 */
export function renameResource(doc: Doc, type: string, from: string, to: string): void {
  const table = doc.resource[type];
  if (!table?.[from] || table[to]) throw new Error(`cannot rename ${type}.${from} to ${to}`);
  // Keep the key's position so that only the name changes.
  doc.resource[type] = Object.fromEntries(Object.entries(table).map(([k, v]) => [k === from ? to : k, v]));
  const escaped = `${type}.${from}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[^\\w.-])${escaped}(?=$|[.\\[}\\s,)])`, 'g');
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(pattern, `$1${type}.${to}`);
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  for (const section of ['resource', 'data', 'output'] as const) if (doc[section]) doc[section] = rewrite(doc[section]);
}

/** Reverses the key order of an object (JSON key order carries no meaning in Terraform). */
export function reverseKeys(value: Doc): Doc {
  return Object.fromEntries(Object.entries(value).reverse());
}

export interface Stanza {
  readonly path: string;
  readonly capabilities: readonly string[];
  /** The `# ...` comment lines above the stanza, without the `# `. */
  readonly comments: readonly string[];
}

/**
 * The stanzas of a policy as the project synthesizes them (`# comment`, then
 * `path "<p>" {\n  capabilities = [...]\n}`); throws on anything else, so an entry that converts a
 * policy notices when the synthesized text changes shape.
 */
export function stanzas(policy: string): Stanza[] {
  const out: Stanza[] = [];
  const pattern = /((?:# [^\n]*\n)*)path "([^"]+)" \{\n {2}capabilities = \[([^\]]*)\]\n\}\n?/g;
  let consumed = 0;
  for (const m of policy.matchAll(pattern)) {
    if (policy.slice(consumed, m.index).trim() !== '') throw new Error(`unexpected policy text: ${policy.slice(consumed, m.index)}`);
    consumed = m.index + m[0].length;
    out.push({
      path: m[2]!,
      capabilities: m[3]!.split(',').map((c) => c.trim().replace(/"/g, '')),
      comments: m[1]!.split('\n').filter((l) => l.startsWith('# ')).map((l) => l.slice(2)),
    });
  }
  if (out.length === 0 || policy.slice(consumed).trim() !== '') throw new Error(`policy text not in the synthesized shape: ${policy}`);
  return out;
}

/** Vault's JSON policy syntax for `list` (same paths and capabilities). */
export function jsonPolicy(list: readonly Pick<Stanza, 'path' | 'capabilities'>[]): string {
  return JSON.stringify({ path: Object.fromEntries(list.map((s) => [s.path, { capabilities: [...s.capabilities] }])) }, null, 2);
}

/** HCL for `list`, without comments. */
export function hclPolicy(list: readonly Pick<Stanza, 'path' | 'capabilities'>[]): string {
  return `${list.map((s) => stanza(s.path, s.capabilities)).join('\n\n')}\n`;
}
