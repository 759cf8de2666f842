/**
 * The objects of a synthesized stack keyed by what they are in Vault, not by their Terraform
 * address: a policy by its name, a login role by mount and role name, an alias by mount and
 * alias name. A construct renamed in the code changes every Terraform address (and every
 * reference to it) but none of these keys, so two versions of a stack can be compared object by
 * object, and a rename is seen as what it is.
 *
 * Each object also gets a canonical address derived from its key, and its configuration with
 * every reference rewritten to canonical addresses: comparing those shows real changes only,
 * and a stack rebuilt from them (resource-attribution.ts) has the same access as the original.
 */
import { createHash } from 'crypto';
import { parseTemplate, renderTemplate } from '../analysis/expressions';
import { isObject, Json, JsonObject, METADATA_KEY } from '../analysis/json';
import type { SynthesizedStack } from '../analysis/stack';
import { stableJson } from './json';
import { compareStrings } from '../vault/order';
import { own } from '../vault/own';

/** Where an object lives in the Terraform JSON document. */
export type ObjectSection = 'resource' | 'data' | 'output' | 'block';

export interface VaultObject {
  readonly section: ObjectSection;
  /** Resource or data type (`vault_policy`), `output`, or a top-level block (`provider`, `terraform`). */
  readonly type: string;
  /** Terraform address as written (`vault_policy.topology_policy-x_D586`, `output.oidc_client_ids`). */
  readonly address: string;
  /** What it is in Vault, for people: `a2a-agent-test-client`, `kubernetes/test-client`. */
  readonly name: string;
  /** `<type>.<id>`: the same in every version of the stack that has the same Vault object. */
  readonly canonicalAddress: string;
  /** Configuration as written, references rewritten to canonical addresses, `//` metadata dropped. */
  readonly config: JsonObject;
  /**
   * The same with every reference to a configured argument replaced by its value (what Vault
   * receives): what two versions are compared on, so writing a name instead of referring to it
   * is no change.
   */
  readonly resolved: JsonObject;
}

/**
 * The arguments that name a Vault object, per resource type; `a|b` means argument `a`, or `b`
 * when it is not set (the provider's default), and `a.k` the key `k` of an object argument. A
 * `namespace` argument is always part of the key.
 */
const IDENTITY: Readonly<Record<string, readonly string[]>> = {
  vault_policy: ['name'],
  vault_identity_entity: ['name'],
  vault_identity_group: ['name'],
  vault_identity_oidc: [],
  vault_identity_oidc_key: ['name'],
  vault_identity_oidc_key_allowed_client_id: ['key_name', 'allowed_client_id'],
  vault_identity_oidc_client: ['name'],
  vault_identity_oidc_provider: ['name'],
  vault_identity_oidc_scope: ['name'],
  vault_identity_oidc_assignment: ['name'],
  vault_identity_oidc_role: ['name'],
  vault_identity_entity_alias: ['mount_accessor', 'name'],
  vault_identity_group_alias: ['mount_accessor', 'name'],
  vault_identity_entity_policies: ['entity_id'],
  vault_identity_group_policies: ['group_id'],
  vault_identity_group_member_entity_ids: ['group_id'],
  vault_identity_group_member_group_ids: ['group_id'],
  vault_auth_backend: ['path|type'],
  vault_jwt_auth_backend: ['path|=jwt'],
  vault_kubernetes_auth_backend_config: ['backend|=kubernetes'],
  vault_kubernetes_auth_backend_role: ['backend|=kubernetes', 'role_name'],
  vault_jwt_auth_backend_role: ['backend|=jwt', 'role_name'],
  vault_approle_auth_backend_role: ['backend|=approle', 'role_name'],
  vault_cert_auth_backend_role: ['backend|=cert', 'name'],
  vault_token_auth_backend_role: ['role_name'],
  vault_mount: ['path'],
  vault_generic_endpoint: ['path'],
  vault_generic_secret: ['path'],
  vault_agent_registration: ['display_name'],
  vault_oauth_resource_server_config_profile: ['profile_name'],
  vault_audit: ['path|type'],
  vault_audit_request_header: ['name'],
  // Terraform's own resource holding an OIDC client's generation (oidc-client.ts): named by the client.
  terraform_data: ['triggers_replace.client'],
  'data.vault_auth_backend': ['path'],
};

const IDENT = '[A-Za-z_][A-Za-z0-9_-]*';
const REFERENCE = new RegExp(`(?<![A-Za-z0-9_.-])((?:data\\.)?${IDENT}\\.${IDENT})`, 'g');

interface RawObject {
  readonly section: ObjectSection;
  readonly type: string;
  readonly address: string;
  readonly config: JsonObject;
  readonly resolved: JsonObject;
}

function stripMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).filter(([k]) => k !== METADATA_KEY).map(([k, v]) => [k, stripMetadata(v)]));
  return value;
}

/** Every reference in `value` (interpolations and `depends_on` entries) through `rename`. */
function rewriteRefs(value: Json, rename: (address: string) => string | undefined, inDependsOn = false): Json {
  const inExpression = (expression: string) => expression.replace(REFERENCE, (m: string) => rename(m) ?? m);
  if (typeof value === 'string') {
    if (inDependsOn && !value.includes('${')) return inExpression(value);
    if (!value.includes('${') && !value.includes('%{')) return value;
    return renderTemplate(parseTemplate(value).map((p) => (p.kind === 'text' ? p : { ...p, expression: inExpression(p.expression) })));
  }
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rename, inDependsOn));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteRefs(v, rename, k === 'depends_on' || k === 'replace_triggered_by')]));
  return value;
}

function rawObjects(stack: SynthesizedStack): RawObject[] {
  const out: RawObject[] = [];
  for (const block of stack.blocks.values()) {
    const type = block.mode === 'data' ? `data.${block.type}` : block.type;
    out.push({ section: block.mode, type, address: block.address, config: stripMetadata(block.config) as JsonObject, resolved: block.resolved });
  }
  const doc = stack.document;
  if (isObject(doc.output))
    for (const [name, body] of Object.entries(doc.output)) {
      if (name === METADATA_KEY || !isObject(body)) continue;
      const config = stripMetadata(body) as JsonObject;
      out.push({ section: 'output', type: 'output', address: `output.${name}`, config, resolved: config });
    }
  for (const [key, body] of Object.entries(doc)) {
    if (key === METADATA_KEY || key === 'resource' || key === 'data' || key === 'output') continue;
    const config = { [key]: stripMetadata(body) };
    out.push({ section: 'block', type: key, address: key, config, resolved: config });
  }
  return out.sort((a, b) => compareStrings(a.address, b.address));
}

/** The Vault objects of a stack by canonical address. */
export function vaultObjects(stack: SynthesizedStack): Map<string, VaultObject> {
  const raws = new Map(rawObjects(stack).map((r) => [r.address, r]));
  const keys = new Map<string, { key: string; name: string }>();
  const active = new Set<string>();

  // The canonical reference to an address, as `<type>[<key>]`, once its key is known.
  const canonicalRef = (address: string): string | undefined => {
    const raw = raws.get(address);
    if (!raw || (raw.section !== 'resource' && raw.section !== 'data')) return undefined;
    return `${raw.type}.${idOf(keyOf(raw).key)}`;
  };

  const keyOf = (raw: RawObject): { key: string; name: string } => {
    const known = keys.get(raw.address);
    if (known) return known;
    if (active.has(raw.address)) return { key: `address:${raw.address}`, name: raw.address }; // reference cycle
    active.add(raw.address);
    const identity = identityOf(raw, (a) => canonicalRef(a), (a) => (raws.has(a) ? keyOf(raws.get(a)!).name : undefined));
    active.delete(raw.address);
    keys.set(raw.address, identity);
    return identity;
  };

  const byCanonical = new Map<string, VaultObject>();
  for (const raw of raws.values()) {
    const { name } = keyOf(raw);
    let canonicalAddress = raw.section === 'resource' || raw.section === 'data' ? canonicalRef(raw.address)! : raw.address;
    // Two blocks naming the same Vault object (Terraform would make them fight): keep both, in address order.
    for (let n = 2; byCanonical.has(canonicalAddress); n++) canonicalAddress = `${canonicalAddress.replace(/_\d+$/, '')}_${n}`;
    byCanonical.set(canonicalAddress, {
      section: raw.section,
      type: raw.type,
      address: raw.address,
      name,
      canonicalAddress,
      config: rewriteRefs(raw.config, canonicalRef) as JsonObject,
      resolved: rewriteRefs(raw.resolved, canonicalRef) as JsonObject,
    });
  }
  return byCanonical;
}

/** A short id for a key, valid as a Terraform name. */
function idOf(key: string): string {
  return `k${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

/**
 * The key of an object: its identity arguments with references made canonical, or for a data
 * source without a table entry its whole configuration (a lookup is what it looks up), or for
 * an unknown resource type its address (renaming it shows as remove + add).
 */
function identityOf(raw: RawObject, canonicalRef: (address: string) => string | undefined, nameOfAddress: (address: string) => string | undefined): { key: string; name: string } {
  if (raw.section === 'output') return { key: raw.address, name: raw.address.slice('output.'.length) };
  // A top-level block (`provider`, `terraform`) is one of a kind: its type says all.
  if (raw.section === 'block') return { key: raw.address, name: '' };
  const spec = own(IDENTITY, raw.type);
  const namespace = typeof raw.resolved.namespace === 'string' ? [`namespace=${raw.resolved.namespace}`] : [];
  if (!spec) {
    if (raw.section === 'data') return { key: `${raw.type}:${stableJson(rewriteRefs(raw.resolved, canonicalRef))}`, name: raw.address };
    return { key: `address:${raw.address}`, name: raw.address };
  }
  const parts = spec.map((arg) => {
    const [name, fallback] = arg.split('|');
    const value = argument(raw.resolved, name!) ?? (fallback?.startsWith('=') ? fallback.slice(1) : fallback ? own(raw.resolved, fallback) : undefined) ?? '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
  const key = `${raw.type}:${JSON.stringify([...namespace, ...parts.map((p) => rewriteRefs(p, canonicalRef))])}`;
  const shown = parts.map((p) => readable(p, nameOfAddress));
  return { key, name: [...namespace.map((n) => n.slice('namespace='.length)), ...shown].filter((p) => p !== '').join('/') };
}

/** An argument, or with dots a key inside an object argument (`triggers_replace.client`). */
function argument(config: JsonObject, path: string): Json | undefined {
  let value: Json | undefined = config;
  for (const key of path.split('.')) value = isObject(value) ? own(value, key) : undefined;
  return value;
}

/** `${vault_identity_entity.x.id}` → the entity's own name; `${vault_policy.p.name}` → `p`'s name. */
function readable(value: string, nameOfAddress: (address: string) => string | undefined): string {
  if (!value.includes('${')) return value;
  return parseTemplate(value)
    .map((p) => {
      if (p.kind === 'text') return p.text;
      const m = /^((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)(?:\.[A-Za-z0-9_.[\]-]+)?$/.exec(p.expression);
      return (m && nameOfAddress(m[1]!)) ?? `\${${p.expression}}`;
    })
    .join('');
}
