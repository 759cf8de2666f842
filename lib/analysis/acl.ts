/**
 * Vault ACL evaluation, following vault/acl.go (NewACL, AllowOperation,
 * CheckAllowedFromNonExactPaths) and vault/policy.go (parsePaths). The facts it must agree with
 * are Vault's own test tables, transcribed in test/analysis-data/vault-acl.
 *
 * - Vault files every pattern under one of three kinds (`PatternKind`): an exact path; a glob
 *   (ends in `*`, no segment wildcard: a string prefix); a segment-wildcard path (the pattern is
 *   `+`, starts with `+/` or contains `/+`; a trailing `*` then makes its last segment a prefix).
 * - Patterns of all attached policies are merged: identical patterns of the same kind union their
 *   capabilities and `deny` wins within the merged set.
 * - A request is looked up as Vault does: exact rule; for LIST also the exact rule without one
 *   trailing `/`; for LIST on a path ending in `/`, the wildcard rules against the path without
 *   that `/`; then the wildcard rules against the path. The first lookup that finds a rule
 *   decides, even when it denies.
 * - Among matching wildcard rules exactly one decides: the longest matching glob competes with
 *   every matching segment-wildcard path, ranked by (1) later first `+` or `*` wins, (2) not
 *   ending in `*` wins, (3) fewer `+` segments win, (4) longer wins, (5) byte-wise greater wins.
 *   Vault takes the first wildcard position of a segment-wildcard path from its first `+`
 *   character, even one inside a segment (`foo/a+b/+` → 5).
 * - Capabilities of different matching patterns never add up.
 */
import { CAPABILITIES, Capability, normalizeCapabilities } from '../vault/capabilities';
import { compareStrings } from '../vault/order';
import type { PolicyStanza } from './policy-document';

export interface AclRule {
  readonly pattern: string;
  /** Merged capabilities; `['deny']` when any merged stanza denies. */
  readonly capabilities: readonly Capability[];
  /** Policies that contributed a stanza for this pattern, sorted. */
  readonly policies: readonly string[];
  /**
   * For each capability, the policies Vault names as granting it (its GrantingPoliciesMap):
   * a policy whose stanza comes after a merged deny grants nothing. Absent on rules built by
   * hand; `grantingPolicies` then falls back to `policies`.
   */
  readonly grantedBy?: Readonly<Partial<Record<Capability, readonly string[]>>>;
}

export interface NamedPolicy {
  readonly name: string;
  readonly stanzas: readonly PolicyStanza[];
}

/**
 * Vault's built-in `root` policy is not a document: Vault allows every request of a token that
 * holds it (and refuses to combine it with other policies). Here it is every capability on
 * every path, sudo included, which decides every request the same way.
 */
export const ROOT_POLICY: NamedPolicy = {
  name: 'root',
  stanzas: [{ path: '*', capabilities: CAPABILITIES.filter((c) => c !== 'deny') }],
};

/**
 * Merges the stanzas of every policy into one rule per distinct pattern, sorted by pattern.
 * Policies are merged in the order given, like Vault's NewACL: once a pattern is denied, later
 * stanzas for it change nothing.
 */
export function mergePolicies(policies: readonly NamedPolicy[]): AclRule[] {
  interface Entry {
    denied: boolean;
    caps: Set<Capability>;
    policies: Set<string>;
    grantedBy: Map<Capability, Set<string>>;
  }
  const byPattern = new Map<string, Entry>();
  for (const policy of policies) {
    for (const stanza of policy.stanzas) {
      let entry = byPattern.get(stanza.path);
      if (!entry) {
        entry = { denied: false, caps: new Set(), policies: new Set(), grantedBy: new Map() };
        byPattern.set(stanza.path, entry);
      }
      entry.policies.add(policy.name);
      if (entry.denied) continue;
      const stanzaCaps = normalizeCapabilities(stanza.capabilities);
      if (stanzaCaps.includes('deny')) {
        entry.denied = true;
        entry.caps = new Set(['deny']);
        entry.grantedBy = new Map([['deny', new Set([policy.name])]]);
        continue;
      }
      for (const c of stanzaCaps) {
        entry.caps.add(c);
        const by = entry.grantedBy.get(c) ?? new Set<string>();
        by.add(policy.name);
        entry.grantedBy.set(c, by);
      }
    }
  }
  const rules = [...byPattern.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([pattern, e]) =>
      Object.freeze({
        pattern,
        capabilities: normalizeCapabilities(e.caps),
        policies: [...e.policies].sort(compareStrings),
        grantedBy: Object.fromEntries(
          normalizeCapabilities(e.grantedBy.keys()).map((c) => [c, [...e.grantedBy.get(c)!].sort(compareStrings)]),
        ) as Partial<Record<Capability, readonly string[]>>,
      }),
    );
  // Frozen (a change throws), so that evaluate() may index it once (ruleIndex) and reuse the
  // index on every request.
  return Object.freeze(rules) as unknown as AclRule[];
}

/** How Vault files a pattern (vault/policy.go, parsePaths). */
export type PatternKind = 'exact' | 'glob' | 'segment-wildcard';

export interface PatternShape {
  readonly kind: PatternKind;
  /** Ends in `*` (a glob, or a segment-wildcard path whose last segment is a prefix). */
  readonly isPrefix: boolean;
  /** Pattern without the trailing `*`: what Vault compares lengths and bytes of. */
  readonly base: string;
  /** `base` split at `/`. */
  readonly segments: readonly string[];
  /** Segments that are exactly `+`. */
  readonly plusSegments: number;
  /**
   * Vault's first wildcard position (priority rule 1): the glob's `*` for a glob, the first `+`
   * character for a segment-wildcard path; -1 for an exact pattern.
   */
  readonly firstWildcard: number;
  /**
   * Length of the literal text every matching path starts with (up to the first `+` segment or
   * the glob); the whole pattern when it matches one path only.
   */
  readonly literalPrefix: number;
  /** `pattern.slice(0, literalPrefix)`: every path the pattern matches starts with it. */
  readonly literal: string;
}

const shapes = new Map<string, PatternShape>();

/** Vault's view of a policy pattern (already stripped of its one leading `/` by the parser). */
export function shapeOf(pattern: string): PatternShape {
  const cached = shapes.get(pattern);
  if (cached) return cached;
  const segmentWildcard = pattern === '+' || pattern.startsWith('+/') || pattern.includes('/+');
  const isPrefix = pattern.endsWith('*');
  const kind: PatternKind = segmentWildcard ? 'segment-wildcard' : isPrefix ? 'glob' : 'exact';
  const base = isPrefix ? pattern.slice(0, -1) : pattern;
  const segments = base.split('/');
  const plusSegments = kind === 'segment-wildcard' ? segments.filter((s) => s === '+').length : 0;
  const firstWildcard = kind === 'segment-wildcard' ? pattern.indexOf('+') : kind === 'glob' ? base.length : -1;
  const firstPlus = plusSegments > 0 ? plusSegmentOffset(segments) : -1;
  const literalPrefix = firstPlus >= 0 ? firstPlus : isPrefix ? base.length : pattern.length;
  const literal = pattern.slice(0, literalPrefix);
  const shape: PatternShape = { kind, isPrefix, base, segments, plusSegments, firstWildcard, literalPrefix, literal };
  if (shapes.size > 100_000) shapes.clear();
  shapes.set(pattern, shape);
  return shape;
}

/** Character position of the first segment that is exactly `+`. */
function plusSegmentOffset(segments: readonly string[]): number {
  let offset = 0;
  for (const s of segments) {
    if (s === '+') return offset;
    offset += s.length + 1;
  }
  return -1;
}

/**
 * Whether the pattern can match more than one path (a glob, or a `+` segment). A
 * segment-wildcard path without a `+` segment (`foo/+bar`) is filed by Vault with the wildcard
 * paths but matches only itself.
 */
export function isWildcard(pattern: string): boolean {
  const s = shapeOf(pattern);
  return s.isPrefix || s.plusSegments > 0;
}

/** Does `pattern` match the concrete request `path` (no leading `/`)? */
export function patternMatches(pattern: string, path: string): boolean {
  return shapeMatches(pattern, shapeOf(pattern), path);
}

function shapeMatches(pattern: string, shape: PatternShape, path: string): boolean {
  switch (shape.kind) {
    case 'exact':
      return pattern === path;
    case 'glob':
      return path.startsWith(shape.base);
    case 'segment-wildcard':
      // The literal text before the first `+` segment must open the path: a cheap refusal of
      // most paths before splitting them into segments.
      return path.startsWith(shape.literal) && segmentsMatch(shape, path.split('/'));
  }
}

function segmentsMatch(shape: PatternShape, parts: readonly string[]): boolean {
  const segs = shape.segments;
  if (parts.length < segs.length) return false;
  if (!shape.isPrefix && parts.length !== segs.length) return false;
  const last = segs.length - 1;
  for (let i = 0; i <= last; i++) {
    const seg = segs[i]!;
    if (seg === '+' || seg === parts[i]) continue;
    if (shape.isPrefix && i === last && parts[i]!.startsWith(seg)) continue;
    return false;
  }
  return true;
}

/** Byte-wise, as Go compares strings (UTF-16 order differs above the BMP). */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Vault's priority between two matching patterns: negative when `a` loses to `b`. Exact
 * patterns beat every wildcard pattern (Vault looks them up first). Between wildcard patterns:
 * (1) earlier first wildcard loses; (2) ending in `*` loses; (3) more `+` segments lose;
 * (4) shorter loses; (5) byte-wise smaller loses.
 */
export function comparePriority(a: string, b: string): number {
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  const exactA = sa.kind === 'exact';
  const exactB = sb.kind === 'exact';
  if (exactA || exactB) return exactA && exactB ? compareBytes(a, b) : exactA ? 1 : -1;
  if (sa.firstWildcard !== sb.firstWildcard) return sa.firstWildcard - sb.firstWildcard;
  if (sa.isPrefix !== sb.isPrefix) return sa.isPrefix ? -1 : 1;
  if (sa.plusSegments !== sb.plusSegments) return sb.plusSegments - sa.plusSegments;
  if (sa.base.length !== sb.base.length) return sa.base.length - sb.base.length;
  return compareBytes(sa.base, sb.base);
}

/**
 * Vault's request operations that an ACL decides (logical.Operation). `revoke`, `renew` and
 * `rollback` need `update`; `help` is always allowed.
 */
export type Operation = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'recover' | 'revoke' | 'renew' | 'rollback' | 'help';

export const OPERATIONS: readonly Operation[] = ['create', 'read', 'update', 'patch', 'delete', 'list', 'recover', 'revoke', 'renew', 'rollback', 'help'];

/** The capability an operation needs; undefined for `help`, which needs none. */
export function capabilityFor(operation: Operation): Capability | undefined {
  switch (operation) {
    case 'revoke':
    case 'renew':
    case 'rollback':
      return 'update';
    case 'help':
      return undefined;
    default:
      return operation;
  }
}

export interface Decision {
  /** Capabilities of the deciding rule; empty when none matched or it denies. */
  readonly capabilities: readonly Capability[];
  /** The rule that decided, if any matched. */
  readonly rule?: AclRule;
}

/**
 * The rule Vault picks for a request and what it grants. `operation` matters only for LIST,
 * which also finds rules for the path without its trailing `/` (default: a non-LIST request).
 * Every leading `/` of the request path is ignored, as AllowOperation does.
 */
export function evaluate(rules: readonly AclRule[], path: string, operation: Operation = 'read'): Decision {
  const rule = decidingRule(ruleIndex(rules), requestPath(path), operation === 'list');
  if (!rule) return { capabilities: [] };
  return { capabilities: rule.capabilities.includes('deny') ? [] : rule.capabilities, rule };
}

/** A request path as AllowOperation looks it up: without its leading `/`s. */
export function requestPath(path: string): string {
  return path.charCodeAt(0) === 47 ? path.replace(/^\/+/, '') : path;
}

/**
 * A rule list as Vault keeps it: exact patterns in a map (its exact-path radix tree), the others
 * in a list with their shapes. Each keeps the first rule of a pattern given twice, and the
 * wildcard list keeps the rules' order, so lookups decide exactly as a scan of the list would.
 */
interface RuleIndex {
  readonly exact: ReadonlyMap<string, AclRule>;
  readonly wildcard: readonly { readonly rule: AclRule; readonly shape: PatternShape }[];
}

/**
 * Indexes of frozen rule lists (every mergePolicies result), built on their first request: a
 * principal's ACL is asked about many paths. A list that may still change is indexed anew on
 * every request.
 */
const ruleIndexes = new WeakMap<readonly AclRule[], RuleIndex>();

function ruleIndex(rules: readonly AclRule[]): RuleIndex {
  const cached = ruleIndexes.get(rules);
  if (cached) return cached;
  const exact = new Map<string, AclRule>();
  const wildcard: { rule: AclRule; shape: PatternShape }[] = [];
  for (const rule of rules) {
    const shape = shapeOf(rule.pattern);
    if (shape.kind !== 'exact') wildcard.push({ rule, shape });
    else if (!exact.has(rule.pattern)) exact.set(rule.pattern, rule);
  }
  const index: RuleIndex = { exact, wildcard };
  if (Object.isFrozen(rules) && rules.every((r) => Object.isFrozen(r))) ruleIndexes.set(rules, index);
  return index;
}

function decidingRule(index: RuleIndex, path: string, list: boolean): AclRule | undefined {
  const trimmed = list && path.endsWith('/') ? path.slice(0, -1) : undefined;
  const exact = index.exact.get(path) ?? (list ? index.exact.get(trimmed ?? path) : undefined);
  if (exact) return exact;
  return (trimmed !== undefined ? wildcardRule(index, trimmed) : undefined) ?? wildcardRule(index, path);
}

function wildcardRule(index: RuleIndex, path: string): AclRule | undefined {
  let best: AclRule | undefined;
  for (const { rule, shape } of index.wildcard) {
    if (!shapeMatches(rule.pattern, shape, path)) continue;
    if (!best || comparePriority(best.pattern, rule.pattern) < 0) best = rule;
  }
  return best;
}

/**
 * Whether a request needing `capability` on `path` is allowed. A `list` capability is looked up
 * as a LIST request (trailing `/` handling); every other capability as a non-LIST request.
 */
export function allows(rules: readonly AclRule[], path: string, capability: Capability): boolean {
  return evaluate(rules, path, capability === 'list' ? 'list' : 'read').capabilities.includes(capability);
}

export interface Authorization {
  readonly allowed: boolean;
  /** The deciding rule grants `sudo` (Vault's RootPrivs: needed on root-protected paths). */
  readonly rootPrivs: boolean;
  readonly rule?: AclRule;
}

/**
 * Vault's AllowOperation without what this evaluator leaves out (request parameters, wrapping
 * TTLs, MFA, control groups, Sentinel, namespaces): those can only refuse more.
 */
export function authorize(rules: readonly AclRule[], path: string, operation: Operation): Authorization {
  if (operation === 'help') return { allowed: true, rootPrivs: false };
  const decision = evaluate(rules, path, operation);
  const needed = capabilityFor(operation)!;
  return {
    allowed: decision.capabilities.includes(needed),
    rootPrivs: decision.capabilities.includes('sudo'),
    ...(decision.rule ? { rule: decision.rule } : {}),
  };
}

/**
 * Policies Vault names as granting an allowed operation (its GrantingPolicies), sorted; empty
 * when the operation is not allowed.
 */
export function grantingPolicies(rules: readonly AclRule[], path: string, operation: Operation): readonly string[] {
  const auth = authorize(rules, path, operation);
  const needed = capabilityFor(operation);
  if (!auth.allowed || !auth.rule || !needed) return [];
  return auth.rule.grantedBy ? (auth.rule.grantedBy[needed] ?? []) : auth.rule.policies;
}

/**
 * What Vault's sys/capabilities endpoint answers for `path`: the deciding rule's capabilities
 * (looked up as a LIST request, as Vault does), or `['deny']` when none match, the rule denies
 * or grants nothing.
 */
export function capabilitiesOf(rules: readonly AclRule[], path: string): readonly Capability[] {
  const { capabilities } = evaluate(rules, path, 'list');
  return capabilities.length > 0 ? capabilities : ['deny'];
}

/**
 * A set of paths described by segments: a literal, `ANY` (any one segment) and, last only,
 * `REST` (zero or more further segments). Used to ask "can this pattern reach any path of that
 * shape?" without enumerating names.
 */
export const ANY = Symbol('any-segment');
export const REST = Symbol('rest');
export type PathShape = readonly (string | typeof ANY | typeof REST)[];

/** Whether some concrete path of `shape` is matched by `pattern`. */
export function patternReaches(pattern: string, shape: PathShape): boolean {
  const p = shapeOf(pattern);
  const segs = p.segments;
  const k = segs.length;
  const hasRest = shape[shape.length - 1] === REST;
  const fixed = (hasRest ? shape.slice(0, -1) : shape) as readonly (string | typeof ANY)[];
  const m = fixed.length;
  // A glob is a string prefix: its last (partial) segment may be followed by anything, so the
  // path may have more segments. A segment-wildcard path with `*` likewise; without, and an
  // exact path, the path has exactly as many segments.
  if (p.isPrefix ? !hasRest && m < k : hasRest ? m > k : m !== k) return false;
  for (let i = 0; i < k; i++) {
    if (i >= m) return true; // the REST tail supplies whatever the pattern still needs
    const seg = segs[i]!;
    const target = fixed[i]!;
    if ((seg === '+' && p.kind === 'segment-wildcard') || target === ANY) continue;
    if (p.isPrefix && i === k - 1) return target.startsWith(seg);
    if (seg !== target) return false;
  }
  return true;
}

/**
 * Whether every concrete path `narrow` matches is also matched by `wide` (`wide` covers
 * `narrow`). Sound: when it answers true, it is true; it may answer false for some coverings
 * of one segment-wildcard path by another, so a caller treating "not covered" as "may reach
 * more" stays on the safe side.
 */
export function patternCovers(wide: string, narrow: string): boolean {
  if (wide === narrow) return true;
  const w = shapeOf(wide);
  const n = shapeOf(narrow);
  if (!isWildcard(narrow)) return patternMatches(wide, narrow);
  if (!isWildcard(wide)) return false;
  // Every path of `narrow` starts with its literal text up to its first wildcard.
  if (w.kind === 'glob') return narrow.slice(0, n.literalPrefix).startsWith(w.base);
  return segmentPathCovers(w, n);
}

/** `w` is a segment-wildcard path with a `+` segment or a `*`; `n` matches more than one path. */
function segmentPathCovers(w: PatternShape, n: PatternShape): boolean {
  const W = w.segments;
  const k = W.length;
  // The literal segments of `narrow`: a `+` segment (in a segment-wildcard path) stands for any.
  const N = n.kind === 'segment-wildcard' ? n.segments : n.base.split('/');
  const isAny = (i: number) => n.kind === 'segment-wildcard' && N[i] === '+';
  const fixedSegments = (upTo: number) => {
    for (let i = 0; i < upTo; i++) if (W[i] !== '+' && (isAny(i) || W[i] !== N[i])) return false;
    return true;
  };
  if (!w.isPrefix) {
    // Exactly k segments: `narrow` must not end in `*` (its tail may add segments).
    if (n.isPrefix || N.length !== k) return false;
    return fixedSegments(k);
  }
  // `wide` needs at least k segments, the first k-1 fixed or `+`, the k-th starting with W[k-1].
  // `narrow`'s paths have at least N.length segments; its last one, when it ends in `*`, only
  // starts with N[last] (and may run into further segments).
  if (N.length < k) return false;
  if (!fixedSegments(k - 1)) return false;
  const lastW = W[k - 1]!;
  if (lastW === '') return true;
  const i = k - 1;
  return !isAny(i) && N[i]!.startsWith(lastW);
}
