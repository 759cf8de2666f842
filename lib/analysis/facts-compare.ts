/**
 * `compareFacts(intended, effective)`: every access the effective facts hold that the intended
 * ones do not (`extra`), and the reverse (`missing`). One comparator for every notion of "more
 * access" in the product: `check --topology`, the Aspect and the jest matchers (intended from
 * the plan), and `diff --fail-on-escalation` (intended := the stack before the change).
 *
 * - Set facts compare by key (keys are canonical, see facts-types.ts).
 * - ACLs compare semantically on witness paths (facts-witness.ts): an added `deny`, a removed
 *   capability, a JSON policy equal to its HCL, a glob replaced by the exact paths it allowed,
 *   are no difference; a workload holding several tokens is allowed what any one allows.
 * - Limits compare by order: a shorter TTL, fewer uses, more CIDRs are never extra.
 */
import { evaluate, type AclRule } from './acl';
import { meaningOf } from './access-objects';
import type { AccessFacts, FactPrincipalKind, Limit, LimitValue, PrincipalFacts, TokenAcl } from './facts-types';
import { describePrincipalKind } from './facts-describe';
import { formatSeconds } from './ttl';
import { showPath, witnesses } from './facts-witness';
import { CAPABILITIES, type Capability } from '../vault/capabilities';
import { compareStrings, uniqueSorted } from '../vault/order';

const CHECKED: readonly Capability[] = CAPABILITIES.filter((c) => c !== 'deny');

export interface FactDelta {
  readonly principal: string;
  readonly principalKind: FactPrincipalKind;
  readonly principalName: string;
  /** `path`: Vault paths of the principal's tokens; `ceiling`: its registry ceiling. */
  readonly category: 'fact' | 'path' | 'ceiling' | 'limit';
  /** Unique within the principal and category (address-free). */
  readonly key: string;
  /** The access in words. */
  readonly text: string;
  /** Terraform addresses that give it (on the side that has it), sorted. */
  readonly resources: readonly string[];
  /** The resource to change first, when one stands out (the policy granting a path). */
  readonly primary?: string;
  readonly fromUnreadable?: boolean;
  /** Path deltas: the deciding pattern on the side that allows, and the capabilities. */
  readonly pattern?: string;
  readonly capabilities?: readonly Capability[];
  /** Path deltas: writing an access object (issue #9, item 2). */
  readonly administers?: boolean;
}

export interface FactComparison {
  readonly extra: readonly FactDelta[];
  readonly missing: readonly FactDelta[];
}

export interface CompareOptions {
  /** Token-exchange mounts, to say what a path under them means (default: those in either side). */
  readonly exchangeMounts?: ReadonlySet<string>;
}

function exchangeMountsOf(...sides: AccessFacts[]): Set<string> {
  const out = new Set<string>();
  for (const side of sides) for (const p of side.principals.values()) if (p.kind === 'exchange-engine') out.add(p.name);
  for (const side of sides) for (const p of side.principals.values()) if (p.kind === 'exchange-role') out.add(p.name.slice(0, p.name.lastIndexOf('/')));
  return out;
}

export function compareFacts(intended: AccessFacts, effective: AccessFacts, options: CompareOptions = {}): FactComparison {
  const mounts = options.exchangeMounts ?? exchangeMountsOf(intended, effective);
  const extra: FactDelta[] = [];
  const missing: FactDelta[] = [];
  const keys = uniqueSorted([...intended.principals.keys(), ...effective.principals.keys()]);
  for (const key of keys) {
    const i = intended.principals.get(key);
    const e = effective.principals.get(key);
    extra.push(...principalDeltas(i, e, mounts));
    missing.push(...principalDeltas(e, i, mounts));
  }
  return { extra: extra.sort(compareDeltas), missing: missing.sort(compareDeltas) };
}

const CATEGORY_ORDER = { fact: 0, path: 1, ceiling: 2, limit: 3 } as const;

function compareDeltas(a: FactDelta, b: FactDelta): number {
  return compareStrings(a.principal, b.principal) || CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] || compareStrings(a.key, b.key);
}

/** What `more` holds that `less` does not (either may be absent). */
function principalDeltas(less: PrincipalFacts | undefined, more: PrincipalFacts | undefined, mounts: ReadonlySet<string>): FactDelta[] {
  if (!more) return [];
  const who = { principal: more.key, principalKind: more.kind, principalName: more.name };
  const out: FactDelta[] = [];
  const holdsAnything = more.facts.size > 0 || more.acls.some((t) => t.rules.length > 0) || (more.ceiling ?? []).length > 0;
  if (!less && holdsAnything && more.kind !== 'stack') {
    // A principal the other side does not have at all: that it exists is the finding; its limits
    // (TTLs of a login nobody was meant to have) add nothing to it.
    const onlyUnreadable = [...more.facts.values()].every((f) => f.fromUnreadable) && more.acls.every((t) => t.rules.length === 0);
    out.push({ ...who, category: 'fact', key: 'exists', text: describePrincipalKind(more.kind), resources: [...more.addresses], ...(onlyUnreadable ? { fromUnreadable: true } : {}) });
  }
  for (const [key, f] of more.facts) {
    if (less?.facts.has(key)) continue;
    out.push({ ...who, category: 'fact', key, text: f.text, resources: uniqueSorted(f.sources.flatMap((s) => s.addresses)), ...(f.fromUnreadable ? { fromUnreadable: true } : {}) });
  }
  out.push(...aclDeltas(less?.acls ?? [], more.acls, 'path', mounts).map((d) => ({ ...who, ...d })));
  if (more.ceiling) out.push(...aclDeltas(less?.ceiling ?? [], more.ceiling, 'ceiling', mounts).map((d) => ({ ...who, ...d })));
  // A missing limit is unbounded (facts.ts stores bounds only): `more` is wider where it has no
  // bound and `less` has one, or where its bound is larger.
  for (const key of less ? new Set([...more.limits.keys(), ...less.limits.keys()]) : []) {
    const mine = more.limits.get(key);
    const other = less!.limits.get(key);
    if (!other || (mine && !wider(mine.value, other.value))) continue;
    const l = (mine ?? other)!;
    const value: LimitValue = mine ? mine.value : l.value.kind === 'number' ? { kind: 'number', value: Infinity } : { kind: 'set', values: 'all' };
    out.push({
      ...who,
      category: 'limit',
      key,
      text: `${l.text} is ${showLimit(value, l.unit)} (instead of ${showLimit(other.value, l.unit)})`,
      resources: mine ? uniqueSorted(mine.sources.flatMap((s) => s.addresses)) : [...more.addresses],
    });
  }
  return out;
}

type AclDelta = Omit<FactDelta, 'principal' | 'principalKind' | 'principalName'>;

interface Decided {
  readonly caps: ReadonlySet<Capability>;
  /** Per capability: the token and rule that allow it. */
  readonly by: ReadonlyMap<Capability, { token: TokenAcl; rule: AclRule }>;
}

function decide(tokens: readonly TokenAcl[], path: string): Decided {
  const caps = new Set<Capability>();
  const by = new Map<Capability, { token: TokenAcl; rule: AclRule }>();
  for (const token of tokens) {
    const read = evaluate(token.rules, path, 'read');
    const list = evaluate(token.rules, path, 'list');
    for (const c of CHECKED) {
      const d = c === 'list' ? list : read;
      if (!d.rule || !d.capabilities.includes(c) || caps.has(c)) continue;
      caps.add(c);
      by.set(c, { token, rule: d.rule });
    }
  }
  return { caps, by };
}

const signatures = new WeakMap<TokenAcl, string>();

/** The rules of a token as text: equal texts allow exactly the same requests. */
function signature(token: TokenAcl): string {
  let s = signatures.get(token);
  if (s === undefined) {
    s = token.rules.map((r) => `${r.pattern}\u0000${r.capabilities.join(',')}`).join('\n');
    signatures.set(token, s);
  }
  return s;
}

/** Capabilities on witness paths that `more` allows and `less` does not, grouped by deciding pattern. */
function aclDeltas(less: readonly TokenAcl[], more: readonly TokenAcl[], category: 'path' | 'ceiling', mounts: ReadonlySet<string>): AclDelta[] {
  if (more.every((t) => t.rules.length === 0)) return [];
  // Every token of `more` has a twin in `less`: nothing to find (the common case, decided without witnesses).
  const known = new Set(less.map(signature));
  if (more.every((t) => t.rules.length === 0 || known.has(signature(t)))) return [];
  const patterns = [...less, ...more].flatMap((t) => t.rules.map((r) => r.pattern));
  const groups = new Map<string, { pattern: string; caps: Set<Capability>; paths: Set<string>; resources: Set<string>; policies: Set<string>; administers: boolean; meanings: Set<string> }>();
  for (const w of witnesses(patterns)) {
    const m = decide(more, w);
    if (m.caps.size === 0) continue;
    const l = decide(less, w);
    for (const c of m.caps) {
      if (l.caps.has(c)) continue;
      const { token, rule } = m.by.get(c)!;
      const g = groups.get(rule.pattern) ?? { pattern: rule.pattern, caps: new Set(), paths: new Set(), resources: new Set(), policies: new Set(), administers: false, meanings: new Set() };
      g.caps.add(c);
      g.paths.add(w);
      for (const policy of rule.grantedBy?.[c] ?? rule.policies) {
        for (const a of token.policies.get(policy)?.addresses ?? []) g.resources.add(a);
        for (const a of token.policyResources?.get(policy) ?? []) g.policies.add(a);
      }
      const meaning = meaningOf(w, [c], mounts);
      if (meaning) {
        g.meanings.add(meaning.text);
        g.administers ||= meaning.administers;
      }
      groups.set(rule.pattern, g);
    }
  }
  return [...groups.values()]
    .sort((a, b) => compareStrings(a.pattern, b.pattern))
    .map((g) => {
      const caps = CHECKED.filter((c) => g.caps.has(c));
      const example = [...g.paths].sort().find((p) => p !== g.pattern && p !== `${g.pattern}/`);
      const where = category === 'ceiling' ? 'its registry ceiling allows' : 'can';
      const meanings = [...g.meanings].sort(compareStrings);
      return {
        category,
        key: `${category}:${g.pattern}:${caps.join(',')}`,
        text: `${where} ${caps.join(', ')} on "${g.pattern}"${example && g.pattern.match(/[*+]/) ? ` (e.g. ${showPath(example)})` : ''}${meanings.length > 0 ? `: ${meanings.join('; ')}` : ''}`,
        resources: [...g.resources].sort(compareStrings),
        ...(g.policies.size > 0 ? { primary: [...g.policies].sort(compareStrings)[0]! } : {}),
        pattern: g.pattern,
        capabilities: caps,
        ...(g.administers ? { administers: true } : {}),
      };
    });
}

/** `a` allows more than `b`. */
export function wider(a: LimitValue, b: LimitValue): boolean {
  if (a.kind === 'number' && b.kind === 'number') return a.value > b.value;
  if (a.kind === 'set' && b.kind === 'set') {
    if (a.values === 'all') return b.values !== 'all';
    if (b.values === 'all') return false;
    const bs = b.values;
    return a.values.some((v) => !bs.some((w) => v === w || cidrWithin(v, w)));
  }
  return a.kind !== b.kind;
}

function showLimit(v: LimitValue, unit: Limit['unit']): string {
  if (v.kind === 'number') {
    if (v.value === Infinity) return 'unbounded';
    if (unit === 'flag') return v.value > 0 ? 'yes' : 'no';
    return unit === 'seconds' ? formatSeconds(v.value) : String(v.value);
  }
  return v.values === 'all' ? 'unrestricted' : `[${v.values.join(', ')}]`;
}

/** IPv4 CIDR `inner` lies within `outer` (anything else: only when equal). */
function cidrWithin(inner: string, outer: string): boolean {
  const parse = (c: string): [number, number] | undefined => {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(c.trim());
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    const bits = m[5] === undefined ? 32 : Number(m[5]);
    if (bits > 32) return undefined;
    return [((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0, bits];
  };
  const i = parse(inner);
  const o = parse(outer);
  if (!i || !o || i[1] < o[1]) return false;
  const mask = o[1] === 0 ? 0 : (~0 << (32 - o[1])) >>> 0;
  return (i[0] & mask) >>> 0 === (o[0] & mask) >>> 0;
}

/**
 * The facts as text without any Terraform address: equal texts for stacks that give everybody
 * the same access (the resource diff tries single changes against it).
 */
export function factsFingerprint(facts: AccessFacts): string {
  const lines: string[] = [];
  for (const key of [...facts.principals.keys()].sort(compareStrings)) {
    const p = facts.principals.get(key)!;
    lines.push(`# ${key}`, ...[...p.facts.keys()].sort(compareStrings));
    for (const k of [...p.limits.keys()].sort(compareStrings)) lines.push(`limit ${k} ${JSON.stringify(p.limits.get(k)!.value)}`);
    for (const t of p.acls) lines.push(`acl ${signature(t)}`);
    for (const t of p.ceiling ?? []) lines.push(`ceiling ${signature(t)}`);
  }
  return lines.join('\n');
}
