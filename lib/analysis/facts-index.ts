/**
 * Name resolution for the access facts: every id, accessor and reference of a stack model mapped
 * to the Vault name it stands for, so facts say `entity:alice` whether the stack wrote a
 * reference, a literal or a lookup. Also the canonical text of claim templates.
 */
import { parseTemplate } from './expressions';
import { isObject, Json } from './json';
import type { ClaimTemplate, StackModel } from './model';
import { canonicalJson } from './model-inventory';
import type { PolicyStanza } from './policy-document';
import type { IdValue } from './values';

/** Vault stores policies under their trimmed, lower-cased name (research notes A8). */
export function policyKey(name: string): string {
  return name.trim().toLowerCase();
}

export interface PolicyEntry {
  readonly name: string;
  readonly addresses: readonly string[];
  /** undefined: its content is unknown (not in the stack, unparsable, or only known after apply). */
  readonly stanzas?: readonly PolicyStanza[];
  /** Its content is unknown because the stack's document is unreadable or refused by Vault. */
  readonly unreadable?: boolean;
}

function identityKey(id: IdValue, names: ReadonlyMap<string, string>, kind: 'entity' | 'group'): string | undefined {
  if (id.kind === 'ref' && id.attribute === 'id') {
    const name = names.get(id.address);
    return name !== undefined ? `${kind}:${name}` : undefined;
  }
  // Vault ids are UUIDs, compared as lower-case strings (assignments lower-case them on write).
  if (id.kind === 'literal' && id.value.trim() !== '') return `${kind}-id:${id.value.trim().toLowerCase()}`;
  return undefined;
}

export class NameIndex {
  readonly mountPathOf = new Map<string, string>();
  readonly entityNameOf = new Map<string, string>();
  readonly groupNameOf = new Map<string, string>();
  readonly clientNameOf = new Map<string, string>();
  readonly roleNameOf = new Map<string, string>();
  readonly providerNameOf = new Map<string, string>();
  /** Address of an AppRole role → `<mount>/<role>`. */
  readonly approleOf = new Map<string, string>();
  /** `<mount>\0<literal role_id>` → `<mount>/<role>`. */
  readonly approleByRoleId = new Map<string, string>();
  readonly policies = new Map<string, PolicyEntry>();
  /** Issuer URL of each provider whose URL the configuration determines → provider name. */
  readonly providerByIssuer = new Map<string, string>();

  constructor(readonly model: StackModel) {
    for (const m of model.mounts) this.mountPathOf.set(m.address, m.path);
    for (const e of model.entities) this.entityNameOf.set(e.address, e.name);
    for (const g of model.groups) this.groupNameOf.set(g.address, g.name);
    for (const [address, lookup] of Object.entries(model.lookups ?? {})) (lookup.kind === 'entity' ? this.entityNameOf : this.groupNameOf).set(address, lookup.name);
    for (const c of model.clients) this.clientNameOf.set(c.address, c.name);
    for (const r of model.roles) this.roleNameOf.set(r.address, r.name);
    for (const p of model.providers) {
      this.providerNameOf.set(p.address, p.name);
      // `<scheme>://<issuer_host>/v1/<namespace>/identity/oidc/provider/<name>` (research notes B1);
      // without issuer_host Vault uses its api_addr, which the stack does not say.
      if (p.issuerHost) {
        const ns = model.vaultNamespace ? `${model.vaultNamespace}/` : '';
        this.providerByIssuer.set(`${p.httpsEnabled ? 'https' : 'http'}://${p.issuerHost}/v1/${ns}identity/oidc/provider/${p.name}`, p.name);
      }
    }
    for (const r of model.loginRoles) {
      if (r.method !== 'approle') continue;
      this.approleOf.set(r.address, `${r.mountPath}/${r.roleName}`);
      if (r.roleId !== undefined) this.approleByRoleId.set(`${r.mountPath}\u0000${r.roleId}`, `${r.mountPath}/${r.roleName}`);
    }
    for (const p of model.policies) {
      const key = policyKey(p.name);
      const known = this.policies.get(key);
      const stanzas = p.parsed.ok ? p.parsed.stanzas : undefined;
      // Two documents of one name: the last apply wins; the inventory reports the duplicate, and
      // the union of both is what either apply order could leave.
      const merged = known?.stanzas && stanzas ? [...known.stanzas, ...stanzas] : known ? undefined : stanzas;
      this.policies.set(key, {
        name: key,
        addresses: [...(known?.addresses ?? []), p.address],
        ...(merged ? { stanzas: merged } : {}),
        ...(!merged ? { unreadable: true } : {}),
      });
    }
  }

  /** The mount path an accessor refers to; undefined when it is a literal or unknown. */
  mountOf(accessor: IdValue): string | undefined {
    return accessor.kind === 'ref' && accessor.attribute === 'accessor' ? this.mountPathOf.get(accessor.address) : undefined;
  }

  /** `entity:<name>` for a reference or lookup, `entity-id:<id>` for a literal id. */
  entityKey(id: IdValue): string | undefined {
    return identityKey(id, this.entityNameOf, 'entity');
  }

  /** `group:<name>` for a reference or lookup, `group-id:<id>` for a literal id. */
  groupKey(id: IdValue): string | undefined {
    return identityKey(id, this.groupNameOf, 'group');
  }

  /** A `client_id` value: an OIDC client's or an identity-token role's (by name), `*`, or the literal. */
  clientIdText(id: IdValue): string {
    if (id.kind === 'literal') return id.value === '*' ? '*' : `client_id ${id.value}`;
    if (id.kind === 'ref' && id.attribute === 'client_id') {
      const client = this.clientNameOf.get(id.address);
      if (client !== undefined) return client;
      const role = this.roleNameOf.get(id.address);
      if (role !== undefined) return `identity-token-role ${role}`;
    }
    return id.kind === 'ref' ? `\${${id.address}.${id.attribute}}` : id.text;
  }

  /** The canonical name of an alias: its literal text, or `role_id of <mount>/<role>` for an AppRole role id. */
  aliasName(mount: string, name: IdValue): string | undefined {
    if (name.kind === 'literal') {
      const approle = this.approleByRoleId.get(`${mount}\u0000${name.value}`);
      return approle !== undefined ? `role_id of ${approle}` : name.value;
    }
    if (name.kind === 'ref' && name.attribute === 'role_id') {
      const approle = this.approleOf.get(name.address);
      return approle !== undefined ? `role_id of ${approle}` : undefined;
    }
    return undefined;
  }

  /** A reference inside a template as the Vault object it names (`{{entity chat.id}}`). */
  private refName(expression: string): string {
    const m = /^((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_]+)$/.exec(expression.trim());
    if (m) {
      const [, address, attribute] = m as unknown as [string, string, string];
      const named =
        (attribute === 'id' && this.entityNameOf.has(address) && `entity ${this.entityNameOf.get(address)}`) ||
        (attribute === 'id' && this.groupNameOf.has(address) && `group ${this.groupNameOf.get(address)}`) ||
        (attribute === 'client_id' && this.clientNameOf.has(address) && `oidc-client ${this.clientNameOf.get(address)}`) ||
        (attribute === 'client_id' && this.roleNameOf.has(address) && `identity-token-role ${this.roleNameOf.get(address)}`) ||
        (attribute === 'issuer' && this.providerNameOf.has(address) && `provider ${this.providerNameOf.get(address)}`) ||
        (attribute === 'role_id' && this.approleOf.has(address) && `login-role ${this.approleOf.get(address)}`) ||
        (attribute === 'accessor' && this.mountPathOf.has(address) && `auth-mount ${this.mountPathOf.get(address)}`);
      if (named) return `{{${named}.${attribute}}}`;
    }
    return `\${${expression}}`;
  }

  /** A literal URL that is a provider's issuer (or starts with it, `/.well-known/keys`) as that provider's reference. */
  private issuerLiteral(text: string): string {
    if (!text.includes('/identity/oidc/provider/')) return text;
    for (const [url, name] of this.providerByIssuer) {
      if (text === url || text.startsWith(`${url}/`)) return `{{provider ${name}.issuer}}${text.slice(url.length)}`;
    }
    return text;
  }

  /** Text with every `${reference}` (and a literal provider issuer) replaced by the object it names. */
  canonicalText(text: string): string {
    if (!text.includes('${')) return this.issuerLiteral(text);
    return parseTemplate(text)
      .map((p) => (p.kind === 'text' ? this.issuerLiteral(p.text) : p.kind === 'interpolation' ? this.refName(p.expression) : `%{${p.expression}}`))
      .join('');
  }

  /** The provider an issuer value names: a reference to its `issuer`, or its literal URL. */
  providerOfIssuer(id: IdValue): string | undefined {
    if (id.kind === 'ref' && id.attribute === 'issuer') return this.providerNameOf.get(id.address);
    if (id.kind === 'literal') return this.providerByIssuer.get(id.value.replace(/\/+$/, ''));
    return undefined;
  }

  /** A claim value as canonical JSON, references named. */
  canonicalValue(value: Json): string {
    return canonicalJson(this.canonicalJsonValue(value));
  }

  private canonicalJsonValue(value: Json): Json {
    if (typeof value === 'string') return this.canonicalText(value);
    if (Array.isArray(value)) return value.map((v) => this.canonicalJsonValue(v));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.canonicalJsonValue(v)]));
    return value;
  }

  /** A template (actor/subject template of an exchange role) as canonical text. */
  canonicalTemplate(claims: ClaimTemplate | undefined): string {
    if (!claims || claims.kind === 'none') return '{}';
    if (claims.kind === 'invalid') return `invalid: ${claims.error}`;
    return this.canonicalValue(claims.value);
  }
}
