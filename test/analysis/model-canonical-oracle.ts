/**
 * The canonical form of lib/analysis/model-canonical.ts as it was written before it was made
 * cheaper (issue #11: a sort per object shape instead of per object, strings quoted without
 * JSON.stringify when nothing needs escaping, fewer pushes, a cycle check by depth), kept
 * unchanged as the oracle of test/analysis/model-canonical-oracle.test.ts: the new text must be
 * this text, on every model. Not used by the library.
 */
import { parseTemplate } from '../../lib/analysis/expressions';
import type { StackModel } from '../../lib/analysis/model';

/**
 * Keys left out of the canonical text: where a thing is written, never what it grants. This is the
 * whole list; every other key of every object is compared.
 * - `address` of any object (OBJECT_PROVENANCE): the Terraform address of a model object. Facts
 *   carry it only as provenance; links to it are replaced by the object's identity (see above).
 *   In a reference (`kind: 'ref'`) the address is what it links to, never dropped.
 * - `name` and `file` of the StackModel (ROOT_PROVENANCE): the stack's name and the file it was
 *   read from; facts use the name only to label the `stack` principal, which is never compared.
 * - `text` of a policy (COLLECTION_PROVENANCE): the document as it was written (HCL spelled by the
 *   constructs, or by a hand); what it grants is `parsed`, which is compared, and the facts read
 *   only `parsed` (facts-index.ts).
 */
const OBJECT_PROVENANCE = 'address';
const ROOT_PROVENANCE: ReadonlySet<string> = new Set(['file', 'name']);
const COLLECTION_PROVENANCE: Readonly<Partial<Record<string, ReadonlySet<string>>>> = { policies: new Set(['text']) };

/** Collections whose objects the facts name by a Vault name (facts-index.ts), and that name. */
const NAMES: Readonly<Partial<Record<string, (o: Record<string, unknown>) => unknown>>> = {
  entities: (o) => o.name,
  groups: (o) => o.name,
  clients: (o) => o.name,
  roles: (o) => o.name,
  providers: (o) => o.name,
  mounts: (o) => o.path,
  loginRoles: (o) => (typeof o.mountPath === 'string' && typeof o.roleName === 'string' ? `${o.mountPath}/${o.roleName}` : undefined),
};

/**
 * The references the facts resolve to a name (NameIndex: entityKey, groupKey, clientIdText,
 * aliasName, mountOf, providerOfIssuer and refName): collection → attribute. Login roles resolve
 * by `role_id` only when they are AppRole roles (checked below).
 */
const RESOLVED: Readonly<Partial<Record<string, string>>> = {
  entities: 'id',
  groups: 'id',
  lookups: 'id',
  clients: 'client_id',
  roles: 'client_id',
  providers: 'issuer',
  loginRoles: 'role_id',
  mounts: 'accessor',
};

/** The address syntax refName (facts-index.ts) resolves inside templates; anything else fails closed. */
const ADDRESS = /^(?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*$/;
const INTERPOLATED_REF = /^((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_]+)$/;

const DISPLAYED_REF = /<((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_]+)>/g;
const METADATA = 'metadata';

/** Marks what stands for an address; JSON.stringify escapes \u0001, so no written string can contain it raw. */
const MARK = '\u0001';

class NotCanonical extends Error {}

interface Target {
  readonly collection: string;
  readonly identity: string;
  /** An AppRole login role (resolvable by role_id). */
  readonly approle: boolean;
}

/**
 * The canonical form: the model's fields other than collections as one text, and each collection
 * (an array of objects) as the multiset of its objects' texts (the order Terraform or the plan lists
 * objects in grants nothing; counting beats sorting long texts).
 */
export interface CanonicalForm {
  readonly root: string;
  readonly collections: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export function canonicalModel(model: StackModel): CanonicalForm | undefined {
  const c = canonicalModelOrWhy(model);
  return c.ok ? c.form : undefined;
}

/** The canonical form, or why there is none (for tests and diagnostics). */
export function canonicalModelOrWhy(model: StackModel): { readonly ok: true; readonly form: CanonicalForm } | { readonly ok: false; readonly why: string } {
  try {
    return { ok: true, form: new Canonicalizer(model).form() };
  } catch (err) {
    if (err instanceof NotCanonical) return { ok: false, why: err.message };
    throw err;
  }
}

/** Both forms exist and are equal. */
export function sameCanonicalForm(a: CanonicalForm | undefined, b: CanonicalForm | undefined): boolean {
  if (!a || !b || a.root !== b.root || a.collections.size !== b.collections.size) return false;
  for (const [key, items] of a.collections) {
    const other = b.collections.get(key);
    if (!other || other.size !== items.size) return false;
    for (const [item, n] of items) if (other.get(item) !== n) return false;
  }
  return true;
}

/** The form as one text (collections sorted): for tests and diagnostics. */
export function canonicalText(form: CanonicalForm): string {
  const collections = [...form.collections.keys()].sort().map((key) => {
    const items = [...form.collections.get(key)!].flatMap(([item, n]) => Array<string>(n).fill(item)).sort();
    return `${JSON.stringify(key)}:[${items.join(',')}]`;
  });
  return `${form.root}\n${collections.join('\n')}`;
}

class Canonicalizer {
  private readonly targets = new Map<string, Target>();
  /** Objects the facts do not name, by address: identified by their content when something links to them. */
  private readonly unnamed = new Map<string, { readonly collection: string; readonly item: Record<string, unknown> }>();
  private readonly identities = new Set<string>();
  /** Addresses of more than one unnamed object. */
  private readonly shared = new Set<string>();
  private readonly inProgress = new Set<object>();
  private readonly quoted = new Map<string, string>();

  constructor(private readonly model: StackModel) {
    const root = model as unknown as Record<string, unknown>;
    for (const collection of Object.keys(root)) {
      const value = root[collection];
      if (!Array.isArray(value)) continue;
      const name = NAMES[collection];
      for (const item of value) {
        if (!isPlainObject(item) || !(OBJECT_PROVENANCE in item)) continue;
        const address = item[OBJECT_PROVENANCE];
        if (!name) {
          this.checkAddress(address, collection);
          if (this.targets.has(address)) throw new NotCanonical(`${address}: two objects at one address`);
          // One resource may be several model objects (an exchange role is also a configuration
          // endpoint): fine, but a link to that address could not say which one it means.
          if (this.unnamed.has(address)) this.shared.add(address);
          else this.unnamed.set(address, { collection, item });
          continue;
        }
        const named = name(item);
        if (typeof named !== 'string') throw new NotCanonical(`${collection}: an object without a name`);
        this.add(address, collection, `${collection}:${JSON.stringify(named)}`, item.method === 'approle');
      }
    }
    const lookups = root.lookups;
    if (lookups !== undefined) {
      if (!isPlainObject(lookups)) throw new NotCanonical('lookups: not plain data');
      for (const address of Object.keys(lookups)) {
        const lookup = lookups[address];
        if (!isPlainObject(lookup)) throw new NotCanonical(`lookups: ${address} is not plain data`);
        this.add(address, 'lookups', `lookups:${JSON.stringify([lookup.kind, lookup.name])}`, false);
      }
    }
  }

  private checkAddress(address: unknown, collection: string): asserts address is string {
    if (typeof address !== 'string' || !ADDRESS.test(address)) throw new NotCanonical(`${collection}: address ${JSON.stringify(address)} is not a plain Terraform address`);
  }

  private add(address: unknown, collection: string, identity: string, approle: boolean): void {
    this.checkAddress(address, collection);
    // One identity for two objects, or two objects at one address: the facts would merge or
    // tell them apart in ways an address-free text cannot say.
    if (this.targets.has(address) || this.unnamed.has(address) || this.identities.has(identity)) throw new NotCanonical(`${address}: a second object of identity ${identity} or at this address`);
    this.identities.add(identity);
    this.targets.set(address, { collection, identity, approle });
  }

  /** The object at `address`, named or (on first use) identified by its content as written. */
  private target(address: string): Target | undefined {
    const known = this.targets.get(address);
    if (known) return known;
    const unnamed = this.unnamed.get(address);
    if (!unnamed) return undefined;
    if (this.shared.has(address)) throw new NotCanonical(`${address}: a link to an address of several objects`);
    const out: string[] = [];
    this.write(unnamed.item, false, undefined, out);
    this.unnamed.delete(address);
    this.add(address, unnamed.collection, `${unnamed.collection}#${out.join('')}`, false);
    return this.targets.get(address);
  }

  form(): CanonicalForm {
    const root = this.model as unknown as Record<string, unknown>;
    const out: string[] = ['{'];
    const collections = new Map<string, Map<string, number>>();
    let first = true;
    for (const key of Object.keys(root).sort()) {
      const value = root[key];
      if (ROOT_PROVENANCE.has(key) || value === undefined) continue;
      if (Array.isArray(value)) {
        const items = new Map<string, number>();
        for (const item of value) {
          const parts: string[] = [];
          this.write(item, true, key, parts);
          const text = parts.join('');
          items.set(text, (items.get(text) ?? 0) + 1);
        }
        collections.set(key, items);
        continue;
      }
      if (!first) out.push(',');
      first = false;
      out.push(this.key(key));
      this.write(value, true, undefined, out);
    }
    out.push('}');
    return { root: out.join(''), collections };
  }

  private key(key: string): string {
    let q = this.quoted.get(key);
    if (q === undefined) {
      q = `${JSON.stringify(key)}:`;
      this.quoted.set(key, q);
    }
    return q;
  }

  /**
   * Appends `value` to `out`. `resolve`: links replaced by identities (false: as written, for the
   * identity of an unnamed object). `collection`: set for the objects of a top-level collection.
   */
  private write(value: unknown, resolve: boolean, collection: string | undefined, out: string[]): void {
    switch (typeof value) {
      case 'string':
        out.push(resolve ? this.string(value) : JSON.stringify(value));
        return;
      case 'number':
        // Infinity and NaN are values here (unbounded TTLs): JSON would write both as null.
        out.push(Number.isFinite(value) ? String(value) : `${MARK}${String(value)}`);
        return;
      case 'boolean':
        out.push(value ? 'true' : 'false');
        return;
      case 'object':
        break;
      default:
        throw new NotCanonical(`a value of type ${typeof value}`);
    }
    if (value === null) {
      out.push('null');
      return;
    }
    if (this.inProgress.has(value)) throw new NotCanonical('a cycle of objects');
    this.inProgress.add(value);
    if (Array.isArray(value)) {
      out.push('[');
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out.push(',');
        this.write(value[i], resolve, undefined, out);
      }
      out.push(']');
    } else {
      if (!isPlainObject(value)) throw new NotCanonical(`a value that is not plain data (${Object.prototype.toString.call(value)})`);
      const isRef = value.kind === 'ref';
      const ref = resolve && isRef ? this.ref(value) : undefined;
      if (ref !== undefined) out.push(ref);
      else {
        const skip = collection !== undefined ? COLLECTION_PROVENANCE[collection] : undefined;
        // A key that is an address (the lookups' data sources) is written as the identity there.
        const keys = Object.keys(value).map((key): [string, string] => [key, resolve && key.includes('.') ? this.string(key) + ':' : this.key(key)]);
        if (keys.length > 1) keys.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
        out.push('{');
        let first = true;
        for (const [key, written] of keys) {
          const v = value[key];
          // A reference's address is what it links to: kept (as written) when it is not resolved.
          if (v === undefined || (key === OBJECT_PROVENANCE && !isRef) || skip?.has(key)) continue;
          if (!first) out.push(',');
          first = false;
          out.push(written);
          this.write(v, resolve, undefined, out);
        }
        out.push('}');
      }
    }
    this.inProgress.delete(value);
  }

  /** A resolvable reference as the identity it names. */
  private ref(value: Record<string, unknown>): string | undefined {
    const { address, attribute } = value;
    if (typeof address !== 'string' || typeof attribute !== 'string') return undefined;
    let keys = 0;
    for (const k in value) if (value[k] !== undefined) keys++;
    if (keys !== 3) return undefined;
    const named = this.resolved(address, attribute);
    return named === undefined ? undefined : `${MARK}ref${MARK}${named}${MARK}`;
  }

  private resolved(address: string, attribute: string): string | undefined {
    const target = this.targets.get(address);
    if (!target || RESOLVED[target.collection] !== attribute) return undefined;
    if (target.collection === 'loginRoles' && !target.approle) return undefined;
    return `${target.identity}.${attribute}`;
  }

  private string(text: string): string {
    if (text.includes('.')) {
      const whole = this.target(text);
      if (whole && !text.includes(METADATA)) return `${MARK}address${MARK}${whole.identity}${MARK}`;
    }
    if (text.includes('${')) return this.template(text);
    if (text.includes('<')) return this.display(text);
    return JSON.stringify(text);
  }

  /** A resolvable reference inside a string, as its identity; undefined to keep it as written. */
  private inText(address: string, attribute: string): string | undefined {
    // The facts read claim templates as written for the word "metadata" (metadataRead, facts.ts):
    // an address holding it stays, so that reading sees the same text on both sides.
    if (address.includes(METADATA)) return undefined;
    const named = this.resolved(address, attribute);
    return named === undefined ? undefined : `${MARK}interpolation${MARK}${named}${MARK}`;
  }

  /** Terraform template text: each part tagged by its kind (literal `${x}`, written `$${x}`, and an interpolation of x stay apart). */
  private template(text: string): string {
    let changed = false;
    const written = parseTemplate(text).map((p) => {
      if (p.kind === 'text') return `t${JSON.stringify(p.text)}`;
      const m = p.kind === 'interpolation' ? INTERPOLATED_REF.exec(p.expression.trim()) : null;
      const named = m ? this.inText(m[1]!, m[2]!) : undefined;
      if (named === undefined) return `${p.kind === 'interpolation' ? 'i' : 'd'}${JSON.stringify(p.expression)}`;
      changed = true;
      return named;
    });
    return changed ? `${MARK}template${MARK}${written.join('+')}` : JSON.stringify(text);
  }

  /** Display text (expressions.ts `displayText`, as the model keeps claim templates): references shown as `<address.attribute>`. */
  private display(text: string): string {
    const parts: string[] = [];
    let at = 0;
    for (const m of text.matchAll(DISPLAYED_REF)) {
      const named = this.inText(m[1]!, m[2]!);
      if (named === undefined) continue;
      // Literal runs are JSON-quoted, so no literal text can imitate an identity.
      parts.push(`t${JSON.stringify(text.slice(at, m.index))}`, named);
      at = m.index + m[0].length;
    }
    if (parts.length === 0) return JSON.stringify(text);
    parts.push(`t${JSON.stringify(text.slice(at))}`);
    return `${MARK}display${MARK}${parts.join('+')}`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
