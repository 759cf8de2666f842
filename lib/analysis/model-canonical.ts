/**
 * `canonicalModel(model)`: a stack model as address-free text, for the structural fast path of the
 * intent proof (issue #11). When the synthesized stack's model and the plan's model
 * (`modelFromPlan`) have the same canonical text, they are the same objects with the same fields
 * and the same links, only written at other Terraform addresses; access facts do not depend on
 * addresses (facts-types.ts: keys are Vault names, addresses are provenance), so both sides have
 * the same facts and `compareFacts` finds nothing: the facts and the comparison can be skipped.
 *
 * The walk is generic: every field of every object of the model is written, whatever it is
 * called and whichever collection holds it, so a field added to the model later is compared
 * without a change here. Only the keys of PROVENANCE_KEYS are left out. Terraform addresses,
 * wherever they link objects, are replaced by the identity of the object they name:
 * - a reference (`{ kind: 'ref', address, attribute }`) or an interpolation `${<address>.<attr>}`
 *   becomes `<collection>:<Vault name>.<attr>` only when the access facts resolve exactly that
 *   reference to that name (RESOLVED mirrors facts-index.ts); any other reference keeps its
 *   address, so it differs between the two sides and the fast path is not taken;
 * - a string that is a whole address (`replace_triggered_by`, lookup keys) becomes the identity
 *   of the object at that address.
 * An object's identity is its collection and Vault name (NAMES); an object of another collection
 * is identified by its whole address-free content. Two objects of one identity, a value that is
 * not plain data (a Map, a class instance, a cycle) or an address that is not a plain Terraform
 * address: no canonical text (undefined), and the caller computes the facts (fail closed).
 */
import { parseTemplate } from './expressions';
import type { StackModel } from './model';

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

/**
 * Objects nested deeper than this are checked for a cycle. A model is a few levels deep (a
 * collection's object, a policy's rules, their fields); a deeper path is searched, so a cycle is
 * still found, only a little later.
 */
const CYCLE_DEPTH = 32;

class NotCanonical extends Error {}

interface KeyOrder {
  readonly key: string;
  readonly written: string;
}

interface Shape {
  /** A key of the shape so far contains a dot (could be an address). */
  readonly dotted: boolean;
  next?: Map<string, Shape>;
  /** The keys in the order of their written form: as written, and with `resolve` when `dotted`. */
  written?: readonly KeyOrder[];
  resolved?: readonly KeyOrder[];
}

const byWritten = (a: KeyOrder, b: KeyOrder): number => (a.written < b.written ? -1 : a.written > b.written ? 1 : 0);

/** What JSON.stringify escapes in a string: `"`, `\`, control characters and (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its call for the strings that need no escaping (issue #11). */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

interface Target {
  readonly collection: string;
  readonly identity: string;
  /** The attribute a reference to it resolves by (RESOLVED; a login role only when AppRole), if any. */
  readonly attribute: string | undefined;
  /** `<identity>.<attribute>`, and that as a reference's text (computed once per object: issue #11). */
  readonly named: string | undefined;
  readonly ref: string | undefined;
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
  /** The objects enclosing the one being written, outermost first (`write`'s `depth`). */
  private readonly path: object[] = [];
  private readonly quoted = new Map<string, string>();
  private readonly strings = new Map<string, string>();
  /** The key orders by shape: a trie of keys in `Object.keys` order. */
  private readonly shapes: Shape = { dotted: false };

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
        this.add(address, collection, `${collection}:${quote(named)}`, item.method === 'approle');
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
    const attribute = collection === 'loginRoles' && !approle ? undefined : RESOLVED[collection];
    const named = attribute === undefined ? undefined : `${identity}.${attribute}`;
    this.targets.set(address, { collection, identity, attribute, named, ref: named === undefined ? undefined : `${MARK}ref${MARK}${named}${MARK}` });
  }

  /** The object at `address`, named or (on first use) identified by its content as written. */
  private target(address: string): Target | undefined {
    const known = this.targets.get(address);
    if (known) return known;
    const unnamed = this.unnamed.get(address);
    if (!unnamed) return undefined;
    if (this.shared.has(address)) throw new NotCanonical(`${address}: a link to an address of several objects`);
    const text = this.text(unnamed.item, false, undefined);
    this.unnamed.delete(address);
    this.add(address, unnamed.collection, `${unnamed.collection}#${text}`, false);
    return this.targets.get(address);
  }

  form(): CanonicalForm {
    const root = this.model as unknown as Record<string, unknown>;
    let out = '{';
    const collections = new Map<string, Map<string, number>>();
    let first = true;
    for (const key of Object.keys(root).sort()) {
      const value = root[key];
      if (ROOT_PROVENANCE.has(key) || value === undefined) continue;
      if (Array.isArray(value)) {
        const items = new Map<string, number>();
        for (const item of value) {
          const text = this.text(item, true, key);
          items.set(text, (items.get(text) ?? 0) + 1);
        }
        collections.set(key, items);
        continue;
      }
      if (!first) out += ',';
      first = false;
      out += this.key(key) + this.text(value, true, undefined);
    }
    return { root: out + '}', collections };
  }

  private key(key: string): string {
    let q = this.quoted.get(key);
    if (q === undefined) {
      q = `${quote(key)}:`;
      this.quoted.set(key, q);
    }
    return q;
  }

  /**
   * The keys of an object in the order of their written form, with that form: one sort per shape
   * (the same keys in the same order), not per object (issue #11). Undefined when a key must be
   * written as an identity (an address as a key, with `resolve`): sorted per object below.
   */
  private order(keys: readonly string[], resolve: boolean): readonly KeyOrder[] {
    let node = this.shapes;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      let next = node.next?.get(key);
      if (next === undefined) {
        next = { dotted: node.dotted || key.includes('.') };
        (node.next ??= new Map()).set(key, next);
      }
      node = next;
    }
    if (resolve && node.dotted) {
      // A key that is an address (the lookups' data sources) is written as the identity there
      // (`string`: the same text for every object of the shape).
      return (node.resolved ??= keys.map((key): KeyOrder => ({ key, written: key.includes('.') ? this.string(key) + ':' : this.key(key) })).sort(byWritten));
    }
    return (node.written ??= keys.map((key): KeyOrder => ({ key, written: this.key(key) })).sort(byWritten));
  }

  /** `value` as text (see `write`). */
  private text(value: unknown, resolve: boolean, collection: string | undefined): string {
    const out: string[] = [];
    this.write(value, resolve, collection, 0, out);
    return out.join('');
  }

  /** A value that is no object as text; undefined for an object (or null). */
  private scalar(value: unknown, resolve: boolean): string | undefined {
    switch (typeof value) {
      case 'string':
        return resolve ? this.string(value) : quote(value);
      case 'number':
        // Infinity and NaN are values here (unbounded TTLs): JSON would write both as null.
        return Number.isFinite(value) ? String(value) : `${MARK}${String(value)}`;
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        return value === null ? 'null' : undefined;
      default:
        throw new NotCanonical(`a value of type ${typeof value}`);
    }
  }

  /**
   * Appends `value` to `out`. `resolve`: links replaced by identities (false: as written, for the
   * identity of an unnamed object). `collection`: set for the objects of a top-level collection.
   * `depth`: how many objects enclose `value` (for the cycle check). A scalar is appended in one
   * push with what precedes it (issue #11: fewer pushes).
   */
  private write(value: unknown, resolve: boolean, collection: string | undefined, depth: number, out: string[], before = ''): void {
    const scalar = this.scalar(value, resolve);
    if (scalar !== undefined) {
      out.push(before + scalar);
      return;
    }
    const object = value as object;
    // A cycle of objects: the path of enclosing objects is kept, and searched only when it is
    // deeper than any model's (a cycle makes it grow without end), instead of a Set of the
    // objects in progress added to and deleted from for every object (issue #11).
    if (depth >= CYCLE_DEPTH && this.path.lastIndexOf(object, depth - 1) >= 0) throw new NotCanonical('a cycle of objects');
    this.path[depth] = object;
    if (Array.isArray(object)) {
      let open = before + '[';
      for (let i = 0; i < object.length; i++) {
        this.write(object[i], resolve, undefined, depth + 1, out, i > 0 ? ',' : open);
      }
      out.push(object.length > 0 ? ']' : open + ']');
      return;
    }
    if (!isPlainObject(object)) throw new NotCanonical(`a value that is not plain data (${Object.prototype.toString.call(object)})`);
    const isRef = object.kind === 'ref';
    if (resolve && isRef) {
      const ref = this.ref(object);
      if (ref !== undefined) {
        out.push(before + ref);
        return;
      }
    }
    const skip = collection !== undefined ? COLLECTION_PROVENANCE[collection] : undefined;
    const keys = Object.keys(object);
    const order = this.order(keys, resolve);
    let first = true;
    for (let i = 0; i < order.length; i++) {
      const { key, written } = order[i]!;
      const v = object[key];
      // A reference's address is what it links to: kept (as written) when it is not resolved.
      if (v === undefined || (key === OBJECT_PROVENANCE && !isRef) || skip?.has(key)) continue;
      this.write(v, resolve, undefined, depth + 1, out, (first ? before + '{' : ',') + written);
      first = false;
    }
    out.push(first ? before + '{}' : '}');
  }

  /** A resolvable reference as the identity it names. */
  private ref(value: Record<string, unknown>): string | undefined {
    const { address, attribute } = value;
    if (typeof address !== 'string' || typeof attribute !== 'string') return undefined;
    let keys = 0;
    for (const k in value) if (value[k] !== undefined) keys++;
    if (keys !== 3) return undefined;
    const target = this.targets.get(address);
    return target !== undefined && target.attribute === attribute ? target.ref : undefined;
  }

  private resolved(address: string, attribute: string): string | undefined {
    const target = this.targets.get(address);
    return target !== undefined && target.attribute === attribute ? target.named : undefined;
  }

  /**
   * A string as written with links resolved, computed once per text: the text of a string does not
   * change during a walk (an unnamed object's identity, fixed on first use, is never resolved by a
   * reference: RESOLVED names only collections of NAMES and lookups, which are named from the start).
   */
  private string(text: string): string {
    let written = this.strings.get(text);
    if (written === undefined) {
      written = this.stringOnce(text);
      this.strings.set(text, written);
    }
    return written;
  }

  private stringOnce(text: string): string {
    if (text.includes('.')) {
      const whole = this.target(text);
      if (whole && !text.includes(METADATA)) return `${MARK}address${MARK}${whole.identity}${MARK}`;
    }
    if (text.includes('${')) return this.template(text);
    if (text.includes('<')) return this.display(text);
    return quote(text);
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
      if (p.kind === 'text') return `t${quote(p.text)}`;
      const m = p.kind === 'interpolation' ? INTERPOLATED_REF.exec(p.expression.trim()) : null;
      const named = m ? this.inText(m[1]!, m[2]!) : undefined;
      if (named === undefined) return `${p.kind === 'interpolation' ? 'i' : 'd'}${quote(p.expression)}`;
      changed = true;
      return named;
    });
    return changed ? `${MARK}template${MARK}${written.join('+')}` : quote(text);
  }

  /** Display text (expressions.ts `displayText`, as the model keeps claim templates): references shown as `<address.attribute>`. */
  private display(text: string): string {
    const parts: string[] = [];
    let at = 0;
    for (const m of text.matchAll(DISPLAYED_REF)) {
      const named = this.inText(m[1]!, m[2]!);
      if (named === undefined) continue;
      // Literal runs are JSON-quoted, so no literal text can imitate an identity.
      parts.push(`t${quote(text.slice(at, m.index))}`, named);
      at = m.index + m[0].length;
    }
    if (parts.length === 0) return quote(text);
    parts.push(`t${quote(text.slice(at))}`);
    return `${MARK}display${MARK}${parts.join('+')}`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
