/**
 * A finite set of request paths on which two sets of ACLs decide every difference between them
 * (design of issue #9, section 2). ACL E grants nothing beyond ACL I exactly when, for every
 * path p and capability c, allows(E, p, c) ⇒ allows(I, p, c). Vault decides each request by
 * one pattern (acl.ts), so it suffices to look at:
 * - every exact pattern of either side (and the same path with/without a trailing `/`, which a
 *   LIST request is also looked up as);
 * - every wildcard pattern instantiated with a fresh segment no pattern names (for `+`, for the
 *   part a trailing `*` matches, and one more segment below it);
 * - for every two wildcard patterns that can match a common path, one such path: built segment
 *   by segment from the two, then checked against both (a wrong candidate is dropped, never
 *   reported).
 * The last item catches a narrower pattern of one side taking over part of a wider pattern of
 * the other (`a/+/c` against `a/b/*`).
 */
import { patternMatches, shapeOf } from './acl';

/** A path segment no policy writes: matched only by wildcards. */
export const FRESH = '\u0001';

type Seg = { readonly t: 'lit'; readonly v: string } | { readonly t: 'any' } | { readonly t: 'prefix'; readonly v: string };

interface Tokens {
  readonly segs: readonly Seg[];
  /** More segments may follow (a glob, or a segment-wildcard path ending in `*`). */
  readonly open: boolean;
}

function tokens(pattern: string): Tokens {
  const s = shapeOf(pattern);
  if (s.kind === 'exact') return { segs: pattern.split('/').map((v) => ({ t: 'lit', v })), open: false };
  const parts = s.base.split('/');
  const segs: Seg[] = parts.map((v, i): Seg => {
    const last = i === parts.length - 1;
    if (last && s.isPrefix) return { t: 'prefix', v };
    return s.kind === 'segment-wildcard' && v === '+' ? { t: 'any' } : { t: 'lit', v };
  });
  return { segs, open: s.isPrefix };
}

function concrete(seg: Seg): string {
  return seg.t === 'any' ? FRESH : seg.v;
}

function combine(a: Seg, b: Seg): string | undefined {
  if (a.t === 'lit' && b.t === 'lit') return a.v === b.v ? a.v : undefined;
  if (a.t === 'lit') return b.t === 'any' || a.v.startsWith(b.v) ? a.v : undefined;
  if (b.t === 'lit') return combine(b, a);
  if (a.t === 'any' && b.t === 'any') return FRESH;
  if (a.t === 'any') return `${(b as { v: string }).v}${FRESH}`;
  if (b.t === 'any') return `${a.v}${FRESH}`;
  const x = a.v;
  const y = (b as { v: string }).v;
  return x.startsWith(y) ? x : y.startsWith(x) ? y : undefined;
}

/** Concrete paths matched by both patterns, when they can share one. */
function meet(p: string, q: string): string[] {
  const a = tokens(p);
  const b = tokens(q);
  const out: string[] = [];
  const n = Math.max(a.segs.length, b.segs.length);
  for (let i = 0; i < n; i++) {
    const sa = a.segs[i];
    const sb = b.segs[i];
    if (sa === undefined) {
      if (!a.open) return [];
      out.push(concrete(sb!));
    } else if (sb === undefined) {
      if (!b.open) return [];
      out.push(concrete(sa));
    } else {
      const c = combine(sa, sb);
      if (c === undefined) return [];
      out.push(c);
    }
  }
  const path = out.join('/');
  const candidates = [path, ...(a.open && b.open ? [`${path}${FRESH}`, `${path}/${FRESH}`] : [])];
  return candidates.filter((c) => patternMatches(p, c) && patternMatches(q, c));
}

function instances(pattern: string): string[] {
  const s = shapeOf(pattern);
  if (s.kind === 'exact') return [pattern, pattern.endsWith('/') ? pattern.slice(0, -1) : `${pattern}/`];
  const segs = s.base.split('/').map((v) => (s.kind === 'segment-wildcard' && v === '+' ? FRESH : v));
  const base = segs.join('/');
  if (!s.isPrefix) return [base, `${base}/`];
  return [base, `${base}${FRESH}`, `${base}${FRESH}/${FRESH}`];
}

/** The witness paths for ACLs whose patterns are `patterns`, sorted. */
export function witnesses(patterns: Iterable<string>): string[] {
  const all = [...new Set(patterns)];
  const out = new Set<string>();
  for (const p of all) for (const w of instances(p)) out.add(w);
  const wild = all.filter((p) => shapeOf(p).kind !== 'exact');
  for (let i = 0; i < wild.length; i++) for (let j = i + 1; j < wild.length; j++) for (const w of meet(wild[i]!, wild[j]!)) out.add(w);
  return [...out].sort();
}

/** A witness path for people: the fresh segment shown as `<any>`. */
export function showPath(path: string): string {
  return path.split(FRESH).join('<any>');
}
