/**
 * Who can log in, as workloads: one principal per credential that a login role admits, and for
 * each the login roles it can use (Vault lets a credential use every role whose bindings it
 * passes, research notes A1 and A2) and the entity its alias lands on.
 *
 * - Kubernetes: Vault checks the service account name against ANY listed name and its namespace
 *   against ANY listed namespace (or the selector), independently: a role admits the cross
 *   product. Both lists take go-glob patterns (`*` anywhere); a namespace selector admits
 *   namespaces by live labels, unknowable from configuration: an unbounded namespace.
 * - JWT: every bound claim must match (within one claim a list is any-of; the provider splits
 *   string values at commas unless `disable_bound_claims_parsing`); `bound_subject: X` is
 *   `bound_claims.sub = X`; any bound audience suffices, and a role without audiences refuses
 *   tokens that carry one. The alias is the `user_claim` value.
 * - AppRole: one credential per role (its role_id); the alias is the role_id.
 * - Cert: a client certificate chaining to the role's `certificate` that passes every non-empty
 *   allowed_* list (any-of within a list, go-glob patterns); an empty list checks nothing, so a
 *   role without any admits every certificate of its CA. The alias is the certificate's subject
 *   common name, whatever the role binds (builtin/credential/cert/path_login.go).
 * The alias name decides the entity (research notes A4: Vault looks aliases up by mount and name
 * only, never by role).
 */
import { sha256Hex } from '../vault/digest';
import type { Json } from './json';
import type { LoginRole } from './model';
import { compareStrings } from '../vault/order';

/** go-glob (ryanuber/go-glob): `*` matches any run of characters, anywhere, any number of times. */
export function globMatch(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** Whether two patterns may match a common string (sound for "no": literal prefixes and suffixes disagree). */
function globsMayMeet(a: string, b: string): boolean {
  if (!a.includes('*')) return globMatch(b, a);
  if (!b.includes('*')) return globMatch(a, b);
  const pa = a.slice(0, a.indexOf('*'));
  const pb = b.slice(0, b.indexOf('*'));
  const sa = a.slice(a.lastIndexOf('*') + 1);
  const sb = b.slice(b.lastIndexOf('*') + 1);
  return (pa.startsWith(pb) || pb.startsWith(pa)) && (sa.endsWith(sb) || sb.endsWith(sa));
}

/** Two claim values, each a glob or an exact string, that may be equal for some token. */
function claimMayMeet(a: string, aGlob: boolean, b: string, bGlob: boolean): boolean {
  if (aGlob && bGlob) return globsMayMeet(a, b);
  if (aGlob) return globMatch(a, b);
  if (bGlob) return globMatch(b, a);
  return a === b;
}

/** One credential that can log in. */
export interface Credential {
  /** Principal key: `login:<mount>:<text>`. */
  readonly key: string;
  readonly mount: string;
  readonly text: string;
  /** The roles that admit it, each with the alias name a login through it gets (undefined: not predictable). */
  readonly roles: readonly { readonly role: LoginRole; readonly alias?: string }[];
  /** Its credential matches more than one concrete identity (a glob, a selector, an unbound claim). */
  readonly unbounded: boolean;
}

interface K8sAtom {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Namespace pattern is a selector (any namespace). */
  readonly selector: boolean;
}

function k8sAtoms(role: Extract<LoginRole, { method: 'kubernetes' }>): K8sAtom[] {
  const names = role.serviceAccounts ?? [];
  const namespaces: { value: string; selector: boolean }[] = (role.namespaces ?? []).map((value) => ({ value, selector: false }));
  if (role.namespaceSelector !== undefined) namespaces.push({ value: `{selector ${role.namespaceSelector}}`, selector: true });
  const out: K8sAtom[] = [];
  for (const ns of namespaces) for (const sa of names) out.push({ namespace: ns.value, serviceAccount: sa, selector: ns.selector });
  return out;
}

function k8sAdmits(role: Extract<LoginRole, { method: 'kubernetes' }>, atom: K8sAtom): boolean {
  const names = role.serviceAccounts ?? [];
  // Kubernetes lists are go-glob patterns: `*` is a wildcard on both sides.
  if (!names.some((n) => globsMayMeet(n, atom.serviceAccount))) return false;
  if (role.namespaceSelector !== undefined) return true;
  if (atom.selector) return (role.namespaces ?? []).length > 0;
  return (role.namespaces ?? []).some((ns) => globsMayMeet(ns, atom.namespace));
}

/** A JWT role's bindings: claim → accepted values (any-of), audiences (any-of; empty: only tokens without `aud`). */
interface JwtBinding {
  readonly type: string;
  readonly claims: ReadonlyMap<string, readonly string[]>;
  readonly glob: boolean;
  readonly audiences: readonly string[];
}

function claimValues(value: Json, split: boolean): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (typeof value === 'string') return split ? value.split(',').map((v) => v.trim()) : [value];
  return [JSON.stringify(value)];
}

function claimName(name: string, pointer: boolean): string {
  // A JSON pointer to a top-level claim names that claim.
  return pointer || name.startsWith('/') ? (/^\/[^/]+$/.test(name) ? name.slice(1).replace(/~1/g, '/').replace(/~0/g, '~') : name) : name;
}

export function jwtBinding(role: Extract<LoginRole, { method: 'jwt' }>): JwtBinding {
  const claims = new Map<string, string[]>();
  const split = role.disableBoundClaimsParsing !== true;
  for (const [k, v] of Object.entries(role.boundClaims)) {
    const name = claimName(k, false);
    claims.set(name, [...(claims.get(name) ?? []), ...claimValues(v, split)]);
  }
  // bound_subject is an exact match on `sub`, checked before bound_claims: both must hold.
  if (role.boundSubject !== undefined) {
    const sub = claims.get('sub');
    claims.set('sub', sub ? sub.filter((s) => (role.boundClaimsType === 'glob' ? globMatch(s, role.boundSubject!) : s === role.boundSubject)).map(() => role.boundSubject!) : [role.boundSubject]);
  }
  for (const [k, v] of claims) claims.set(k, [...new Set(v)].sort(compareStrings));
  return { type: role.roleType || 'oidc', claims, glob: role.boundClaimsType === 'glob', audiences: [...new Set(role.boundAudiences)].sort(compareStrings) };
}

interface JwtAtom {
  readonly type: string;
  readonly claims: ReadonlyMap<string, string>;
  readonly audience?: string;
  readonly glob: boolean;
}

const MAX_COMBINATIONS = 256;

function jwtAtoms(binding: JwtBinding): JwtAtom[] | 'too-many' {
  const keys = [...binding.claims.keys()].sort(compareStrings);
  let combos: Map<string, string>[] = [new Map()];
  for (const k of keys) {
    const values = binding.claims.get(k)!;
    const next: Map<string, string>[] = [];
    for (const c of combos) for (const v of values) next.push(new Map([...c, [k, v]]));
    combos = next;
    if (combos.length > MAX_COMBINATIONS) return 'too-many';
  }
  const auds: readonly (string | undefined)[] = binding.audiences.length > 0 ? binding.audiences : [undefined];
  const out: JwtAtom[] = [];
  // bound_claims_type glob makes `*` a wildcard; a value without one is still an exact match.
  for (const c of combos) for (const a of auds) out.push({ type: binding.type, claims: c, ...(a !== undefined ? { audience: a } : {}), glob: binding.glob && [...c.values()].some((v) => v.includes('*')) });
  return out;
}

function jwtAdmits(binding: JwtBinding, atom: JwtAtom): boolean {
  if (binding.type !== atom.type) return false;
  for (const [k, values] of binding.claims) {
    const v = atom.claims.get(k);
    // A claim the credential is not bound on may hold anything, this value included.
    if (v === undefined) continue;
    if (!values.some((p) => claimMayMeet(p, binding.glob && p.includes('*'), v, atom.glob && v.includes('*')))) return false;
  }
  if (binding.audiences.length === 0) return atom.audience === undefined;
  return atom.audience !== undefined && binding.audiences.includes(atom.audience);
}

function jwtText(atom: JwtAtom): string {
  const claims = [...atom.claims.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([k, v]) => `${k}=${v}`);
  return `${atom.type === 'jwt' ? '' : `${atom.type} `}${claims.join(',') || 'any claims'}${atom.glob ? ' (glob)' : ''};aud=${atom.audience ?? '(none)'}`;
}

/** Every credential the login roles admit, mount by mount, sorted by key. */
export function credentials(roles: readonly LoginRole[]): Credential[] {
  const byMount = new Map<string, LoginRole[]>();
  for (const r of roles) byMount.set(r.mountPath, [...(byMount.get(r.mountPath) ?? []), r]);
  const out: Credential[] = [];
  for (const [mount, list] of byMount) {
    out.push(...kubernetesCredentials(mount, list.filter((r): r is Extract<LoginRole, { method: 'kubernetes' }> => r.method === 'kubernetes')));
    out.push(...jwtCredentials(mount, list.filter((r): r is Extract<LoginRole, { method: 'jwt' }> => r.method === 'jwt')));
    out.push(...certCredentials(mount, list.filter((r): r is CertRole => r.method === 'cert')));
    for (const r of list) {
      if (r.method !== 'approle') continue;
      const text = `role ${r.roleName}`;
      out.push({ key: `login:${mount}:${text}`, mount, text, roles: [{ role: r, alias: `role_id of ${mount}/${r.roleName}` }], unbounded: false });
    }
  }
  return out.sort((a, b) => compareStrings(a.key, b.key));
}

function kubernetesCredentials(mount: string, roles: readonly Extract<LoginRole, { method: 'kubernetes' }>[]): Credential[] {
  const atoms = new Map<string, K8sAtom>();
  const exact = new Map<string, Extract<LoginRole, { method: 'kubernetes' }>[]>();
  const patterned: Extract<LoginRole, { method: 'kubernetes' }>[] = [];
  for (const role of roles) {
    const own = k8sAtoms(role);
    for (const a of own) atoms.set(`${a.namespace}/${a.serviceAccount}`, a);
    const literal = role.namespaceSelector === undefined && own.every((a) => !a.namespace.includes('*') && !a.serviceAccount.includes('*'));
    if (!literal) patterned.push(role);
    else for (const a of own) exact.set(`${a.namespace}/${a.serviceAccount}`, [...(exact.get(`${a.namespace}/${a.serviceAccount}`) ?? []), role]);
  }
  const out: Credential[] = [];
  for (const [text, atom] of atoms) {
    const unbounded = atom.selector || atom.namespace.includes('*') || atom.serviceAccount.includes('*');
    const admitting = new Set([...(exact.get(text) ?? []), ...patterned.filter((r) => k8sAdmits(r, atom))]);
    if (unbounded) for (const r of roles) if (k8sAdmits(r, atom)) admitting.add(r);
    const withAlias = [...admitting]
      .sort((a, b) => compareStrings(a.address, b.address))
      .map((role) => ({ role, ...(role.aliasNameSource === 'serviceaccount_name' && !unbounded ? { alias: text } : {}) }));
    out.push({ key: `login:${mount}:${text}`, mount, text, roles: withAlias, unbounded });
  }
  return out;
}

function jwtCredentials(mount: string, roles: readonly Extract<LoginRole, { method: 'jwt' }>[]): Credential[] {
  const bindings = roles.map((role) => ({ role, binding: jwtBinding(role) }));
  const atoms = new Map<string, JwtAtom>();
  const tooMany = new Set<Extract<LoginRole, { method: 'jwt' }>>();
  // Index: roles that bind `sub` to literal values, by value; every other role is tried on every credential.
  const bySub = new Map<string, typeof bindings>();
  const general: typeof bindings = [];
  for (const b of bindings) {
    const own = jwtAtoms(b.binding);
    if (own === 'too-many') tooMany.add(b.role);
    else for (const a of own) atoms.set(jwtText(a), a);
    const subs = b.binding.claims.get('sub');
    if (subs && !(b.binding.glob && subs.some((s) => s.includes('*')))) for (const s of subs) bySub.set(s, [...(bySub.get(s) ?? []), b]);
    else general.push(b);
  }
  const out: Credential[] = [];
  for (const [text, atom] of atoms) {
    const sub = atom.claims.get('sub');
    const candidates = sub !== undefined && !atom.glob ? [...(bySub.get(sub) ?? []), ...general] : bindings;
    const admitting = candidates.filter((b) => jwtAdmits(b.binding, atom));
    const unbounded = atom.glob || atom.claims.size === 0;
    const roleList = [...new Set(admitting)]
      .sort((a, b) => compareStrings(a.role.address, b.role.address))
      .map(({ role }) => {
        const claim = claimName(role.userClaim, role.userClaimJsonPointer === true);
        const value = atom.claims.get(claim);
        return { role, ...(value !== undefined && !atom.glob ? { alias: value } : {}) };
      });
    out.push({ key: `login:${mount}:${text}`, mount, text, roles: roleList, unbounded });
  }
  for (const role of tooMany) {
    const text = `role ${role.roleName}: more than ${MAX_COMBINATIONS} claim combinations`;
    out.push({ key: `login:${mount}:${text}`, mount, text, roles: [{ role }], unbounded: true });
  }
  return out;
}

type CertRole = Extract<LoginRole, { method: 'cert' }>;

/** The name constraints of a cert role, in a fixed order: the certificate field each checks. */
const CERT_FIELDS = [
  ['CN', 'allowedCommonNames'],
  ['URI', 'allowedUriSans'],
  ['DNS', 'allowedDnsSans'],
  ['email', 'allowedEmailSans'],
  ['name', 'allowedNames'],
  ['OU', 'allowedOrganizationalUnits'],
  ['ext', 'requiredExtensions'],
] as const;

/** The fields that name the certificate's holder (OU and extensions narrow, they do not name). */
const NAMING_FIELDS = new Set(['CN', 'URI', 'DNS', 'email', 'name']);

/** The CA a role trusts, by digest of its PEM (line endings and outer whitespace ignored). */
function caDigest(pem: string): string {
  return sha256Hex(pem.replace(/\r\n/g, '\n').trim()).slice(0, 16);
}

interface CertAtom {
  readonly ca: string;
  /** field → the one value this credential carries for it (fields absent: anything). */
  readonly values: ReadonlyMap<string, string>;
}

function certAtoms(role: CertRole): CertAtom[] | 'too-many' {
  let combos: Map<string, string>[] = [new Map()];
  for (const [field, key] of CERT_FIELDS) {
    // required_extensions must all match: one credential carries all of them.
    const values = field === 'ext' ? (role[key].length > 0 ? [[...role[key]].sort(compareStrings).join(' & ')] : []) : [...new Set(role[key])].sort(compareStrings);
    if (values.length === 0) continue;
    const next: Map<string, string>[] = [];
    for (const c of combos) for (const v of values) next.push(new Map([...c, [field, v]]));
    combos = next;
    if (combos.length > MAX_COMBINATIONS) return 'too-many';
  }
  return combos.map((values) => ({ ca: caDigest(role.certificate), values }));
}

function certAdmits(role: CertRole, atom: CertAtom): boolean {
  if (caDigest(role.certificate) !== atom.ca) return false;
  for (const [field, key] of CERT_FIELDS) {
    const patterns = role[key];
    const v = atom.values.get(field);
    if (patterns.length === 0 || v === undefined) continue;
    if (field === 'ext') {
      if ([...patterns].sort(compareStrings).join(' & ') !== v) return false;
      continue;
    }
    if (!patterns.some((p) => globsMayMeet(p, v))) return false;
  }
  return true;
}

function certText(atom: CertAtom): string {
  const names = [...atom.values].map(([k, v]) => `${k}=${v}`);
  return `certificate of CA ${atom.ca}${names.length > 0 ? ` ${names.join(',')}` : ' with any name'}`;
}

function certCredentials(mount: string, roles: readonly CertRole[]): Credential[] {
  const atoms = new Map<string, CertAtom>();
  const out: Credential[] = [];
  for (const role of roles) {
    const own = certAtoms(role);
    if (own === 'too-many') {
      const text = `role ${role.roleName}: more than ${MAX_COMBINATIONS} name combinations`;
      out.push({ key: `login:${mount}:${text}`, mount, text, roles: [{ role }], unbounded: true });
      continue;
    }
    for (const a of own) atoms.set(certText(a), a);
  }
  for (const [text, atom] of atoms) {
    const named = [...atom.values.keys()].some((k) => NAMING_FIELDS.has(k));
    const unbounded = !named || [...atom.values].some(([k, v]) => k !== 'ext' && v.includes('*'));
    const cn = atom.values.get('CN');
    const roleList = roles
      .filter((r) => certAdmits(r, atom))
      .sort((a, b) => compareStrings(a.address, b.address))
      // The alias is the certificate's common name: known when this credential pins it exactly.
      .map((role) => ({ role, ...(cn !== undefined && !cn.includes('*') ? { alias: cn } : {}) }));
    out.push({ key: `login:${mount}:${text}`, mount, text, roles: roleList, unbounded });
  }
  return out;
}
