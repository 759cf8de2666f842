/**
 * Vault ACL evaluation (shared/vault-facts.md, "ACL policy semantics"):
 * - patterns of all attached policies are merged; identical patterns union their capabilities
 *   and `deny` wins within the merged set;
 * - for a request path an exact pattern beats every wildcard pattern;
 * - among matching wildcard patterns (`*` suffix glob, `+` segment) exactly one decides, ranked
 *   like Vault's `CheckAllowedFromNonExactPaths`: later first wildcard wins, then not ending in
 *   `*`, then fewer `+` segments, then longer, then lexicographically greater;
 * - capabilities of different matching patterns never add up.
 */
import { Capability, normalizeCapabilities } from '../vault/capabilities';
import { compareStrings } from '../vault/order';
import type { PolicyStanza } from './policy-document';

export interface AclRule {
  readonly pattern: string;
  /** Merged capabilities; `['deny']` when any merged stanza denies. */
  readonly capabilities: readonly Capability[];
  /** Policies that contributed a stanza for this pattern, sorted. */
  readonly policies: readonly string[];
}

export interface NamedPolicy {
  readonly name: string;
  readonly stanzas: readonly PolicyStanza[];
}

/** Merges the stanzas of every policy into one rule per distinct pattern, sorted by pattern. */
export function mergePolicies(policies: readonly NamedPolicy[]): AclRule[] {
  const byPattern = new Map<string, { caps: Set<Capability>; policies: Set<string> }>();
  for (const policy of policies) {
    for (const stanza of policy.stanzas) {
      const entry = byPattern.get(stanza.path) ?? { caps: new Set<Capability>(), policies: new Set<string>() };
      for (const c of stanza.capabilities) entry.caps.add(c);
      entry.policies.add(policy.name);
      byPattern.set(stanza.path, entry);
    }
  }
  return [...byPattern.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([pattern, e]) => ({ pattern, capabilities: normalizeCapabilities(e.caps), policies: [...e.policies].sort(compareStrings) }));
}

export interface PatternShape {
  readonly isPrefix: boolean;
  /** Pattern without the trailing `*`. */
  readonly base: string;
  readonly segments: readonly string[];
  readonly plusSegments: number;
  /** Position of the first `+` or `*`; -1 for an exact pattern. */
  readonly firstWildcard: number;
}

const shapes = new Map<string, PatternShape>();

export function shapeOf(pattern: string): PatternShape {
  const cached = shapes.get(pattern);
  if (cached) return cached;
  const isPrefix = pattern.endsWith('*');
  const base = isPrefix ? pattern.slice(0, -1) : pattern;
  const segments = base.split('/');
  const plusSegments = segments.filter((s) => s === '+').length;
  const firstPlus = plusSegments > 0 ? plusIndex(segments) : -1;
  const firstWildcard = firstPlus >= 0 ? firstPlus : isPrefix ? base.length : -1;
  const shape = { isPrefix, base, segments, plusSegments, firstWildcard };
  if (shapes.size > 100_000) shapes.clear();
  shapes.set(pattern, shape);
  return shape;
}

/** Character position of the first `+` segment. */
function plusIndex(segments: readonly string[]): number {
  let offset = 0;
  for (const s of segments) {
    if (s === '+') return offset;
    offset += s.length + 1;
  }
  return -1;
}

export function isWildcard(pattern: string): boolean {
  return shapeOf(pattern).firstWildcard >= 0;
}

/** Does `pattern` match the concrete request `path`? */
export function patternMatches(pattern: string, path: string): boolean {
  const shape = shapeOf(pattern);
  if (shape.firstWildcard < 0) return pattern === path;
  if (shape.plusSegments === 0) return path.startsWith(shape.base);
  const parts = path.split('/');
  const segs = shape.segments;
  if (shape.isPrefix ? parts.length < segs.length : parts.length !== segs.length) return false;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (shape.isPrefix && i === segs.length - 1) {
      if (seg === '+') continue;
      if (!parts[i]!.startsWith(seg)) return false;
      continue;
    }
    if (seg !== '+' && seg !== parts[i]) return false;
  }
  return true;
}

/**
 * Vault's priority between two matching wildcard patterns: negative when `a` loses to `b`.
 * (1) earlier first wildcard loses; (2) ending in `*` loses; (3) more `+` loses; (4) shorter
 * loses; (5) lexicographically smaller loses.
 */
export function comparePriority(a: string, b: string): number {
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  if (sa.firstWildcard !== sb.firstWildcard) return sa.firstWildcard - sb.firstWildcard;
  if (sa.isPrefix !== sb.isPrefix) return sa.isPrefix ? -1 : 1;
  if (sa.plusSegments !== sb.plusSegments) return sb.plusSegments - sa.plusSegments;
  if (sa.base.length !== sb.base.length) return sa.base.length - sb.base.length;
  return compareStrings(sa.base, sb.base);
}

export interface Decision {
  readonly capabilities: readonly Capability[];
  /** The rule that decided, if any matched. */
  readonly rule?: AclRule;
}

/** Capabilities the merged rules grant on `path` (empty when none match or the match denies). */
export function evaluate(rules: readonly AclRule[], path: string): Decision {
  const request = path.replace(/^\/+/, '');
  let best: AclRule | undefined;
  for (const rule of rules) {
    if (rule.pattern === request) {
      best = rule;
      break;
    }
  }
  if (!best) {
    for (const rule of rules) {
      if (!isWildcard(rule.pattern) || !patternMatches(rule.pattern, request)) continue;
      if (!best || comparePriority(best.pattern, rule.pattern) < 0) best = rule;
    }
  }
  if (!best) return { capabilities: [] };
  return { capabilities: best.capabilities.includes('deny') ? [] : best.capabilities, rule: best };
}

export function allows(rules: readonly AclRule[], path: string, capability: Capability): boolean {
  return evaluate(rules, path).capabilities.includes(capability);
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
  if (p.isPrefix ? !hasRest && m < k : hasRest ? m > k : m !== k) return false;
  for (let i = 0; i < k; i++) {
    if (i >= m) return true; // the REST tail supplies whatever the pattern still needs
    const seg = segs[i]!;
    const target = fixed[i]!;
    if (seg === '+' || target === ANY) continue;
    if (p.isPrefix && i === k - 1) return target.startsWith(seg);
    if (seg !== target) return false;
  }
  return true;
}

/**
 * Whether every concrete path `narrow` matches is also matched by `wide` (`wide` covers
 * `narrow`). Exact for patterns without `+`; with `+` in `wide`, exact when `narrow` is exact
 * or has the same number of segments without a `*`, otherwise false: a caller treating
 * "not covered" as "may reach more" stays on the safe side.
 */
export function patternCovers(wide: string, narrow: string): boolean {
  if (wide === narrow) return true;
  const w = shapeOf(wide);
  const n = shapeOf(narrow);
  if (w.firstWildcard < 0) return false;
  if (n.firstWildcard < 0) return patternMatches(wide, narrow);
  if (w.plusSegments === 0) {
    // Every path of `narrow` starts with its text up to its first wildcard.
    return w.isPrefix && narrow.slice(0, n.firstWildcard).startsWith(w.base);
  }
  if (w.isPrefix || n.isPrefix || w.segments.length !== n.segments.length) return false;
  return w.segments.every((seg, i) => seg === '+' || seg === n.segments[i]);
}
