/**
 * Who gained and who lost what between two versions of a stack, at the level of effective
 * access: two access reports are compared principal by principal, grant by grant, both keyed
 * by Vault names (grant-identity.ts), so a Terraform rename changes nothing here.
 *
 * Each change is classified:
 * - escalation: a new grant, a capability or claim added, a longer TTL, a wider login binding,
 *   RAR made optional, a policy attached whose content is not in the stack;
 * - reduction: the reverse;
 * - neutral: the same access granted differently (another policy, another assignment), or a
 *   path grant whose capabilities are still (or already) allowed through another pattern.
 */
import { AclRule, evaluate, isWildcard, patternCovers } from '../analysis/acl';
import type { Capability } from '../vault/capabilities';
import type { AccessGrant, GrantKind, PrincipalReport, ReportPrincipalKind, StackAccessReport } from './access-report-types';
import { compareGrants, grantKey, grantName } from './grant-identity';
import { compareLifetimes, type Lifetime } from './lifetime';
import { compareStrings, sorted } from '../vault/order';

export type Classification = 'escalation' | 'reduction' | 'neutral';

export interface AccessChange {
  /** Human name of the principal, and its stable id in the access model. */
  readonly principal: string;
  readonly principalId: string;
  readonly principalKind: ReportPrincipalKind;
  /** `gained`/`lost`: the whole grant; `changed`: one field of a grant held before and after. */
  readonly change: 'gained' | 'lost' | 'changed';
  readonly kind: GrantKind;
  /** The Vault name the grant is about: a path, scope, client, role, policy, group, user. */
  readonly grant: string;
  readonly classification: Classification;
  /** `changed`: the field of the grant that changed (`capabilities`, `claims`, `idTokenTtl`, …). */
  readonly field?: string;
  /** Set-valued fields: what was added or removed (one change per direction). */
  readonly added?: readonly string[];
  readonly removed?: readonly string[];
  /** Single-valued fields: the value before and after. */
  readonly from?: Lifetime | string | boolean;
  readonly to?: Lifetime | string | boolean;
  /** Why a path change is neutral, or what a new glob widens. */
  readonly note?: string;
  /** The grant after the change (`gained`, `changed`) or before it (`lost`). */
  readonly detail: AccessGrant;
}

type FieldRule<G extends AccessGrant> =
  | { readonly field: string; readonly type: 'set'; readonly get: (g: G) => readonly string[]; readonly added: Classification; readonly removed: Classification }
  | { readonly field: string; readonly type: 'lifetime'; readonly get: (g: G) => Lifetime }
  | { readonly field: string; readonly type: 'value'; readonly get: (g: G) => string | boolean; readonly classify: (from: string | boolean, to: string | boolean) => Classification };

type Rules = { readonly [K in GrantKind]: readonly FieldRule<Extract<AccessGrant, { kind: K }>>[] };

const policiesNeutral = { field: 'policies', type: 'set', get: (g: { policies: readonly string[] }) => g.policies, added: 'neutral', removed: 'neutral' } as const;
const claims = { field: 'claims', type: 'set', get: (g: { claims: readonly string[] }) => g.claims, added: 'escalation', removed: 'reduction' } as const;
const becomesTrue = (escalates: boolean) => (from: string | boolean, to: string | boolean): Classification =>
  from === to ? 'neutral' : (to === true) === escalates ? 'escalation' : 'reduction';

/** What is compared within a grant held before and after, and what a change of it means. */
const FIELD_RULES: Rules = {
  login: [
    // Token policies act through the principal's policy and path grants, compared as such (a
    // policy whose content is not in the stack is an escalation there).
    { field: 'policies', type: 'set', get: (g) => g.policies, added: 'neutral', removed: 'neutral' },
    { field: 'defaultPolicy', type: 'value', get: (g) => g.defaultPolicy, classify: becomesTrue(true) },
    // A different binding lets a different workload log in: new access for someone.
    { field: 'binding', type: 'value', get: (g) => g.binding, classify: () => 'escalation' },
    { field: 'tokenTtl', type: 'lifetime', get: (g) => g.tokenTtl },
    { field: 'tokenMaxTtl', type: 'lifetime', get: (g) => g.tokenMaxTtl },
  ],
  registration: [
    { field: 'ceilingPolicies', type: 'set', get: (g) => g.ceilingPolicies, added: 'escalation', removed: 'reduction' },
    { field: 'defaultCeilingPolicy', type: 'value', get: (g) => g.defaultCeilingPolicy, classify: becomesTrue(true) },
    { field: 'authorizationDetails', type: 'value', get: (g) => g.authorizationDetails, classify: (_f, to) => (to === 'optional' ? 'escalation' : 'reduction') },
  ],
  'member-of': [],
  policy: [
    { field: 'attached', type: 'set', get: (g) => g.attached, added: 'neutral', removed: 'neutral' },
    // A policy that leaves the stack still applies in Vault, with content nobody here can see.
    { field: 'known', type: 'value', get: (g) => g.known, classify: (_f, to) => (to === false ? 'escalation' : 'neutral') },
  ],
  'vault-path': [policiesNeutral],
  'client-credentials': [
    { field: 'idTokenTtl', type: 'lifetime', get: (g) => g.idTokenTtl },
    { field: 'accessTokenTtl', type: 'lifetime', get: (g) => g.accessTokenTtl },
    policiesNeutral,
  ],
  'identity-token': [claims, { field: 'ttl', type: 'lifetime', get: (g) => g.ttl }, policiesNeutral],
  introspect: [policiesNeutral],
  'token-exchange': [{ field: 'actor', type: 'value', get: (g) => g.actor ?? '', classify: () => 'escalation' }, policiesNeutral],
  'sign-in': [
    { field: 'idTokenTtl', type: 'lifetime', get: (g) => g.idTokenTtl },
    { field: 'accessTokenTtl', type: 'lifetime', get: (g) => g.accessTokenTtl },
    { field: 'assignments', type: 'set', get: (g) => g.assignments.map((a) => `${a.assignment} (${a.member})`), added: 'neutral', removed: 'neutral' },
  ],
  scope: [claims],
  'acts-for': [],
  'may-act': [],
};

/** A whole grant appearing or disappearing. */
function wholeGrant(g: AccessGrant, gained: boolean): Classification {
  // A policy defined in the stack acts only through the paths it grants, which are compared as such.
  if (g.kind === 'policy' && g.known) return 'neutral';
  return gained ? 'escalation' : 'reduction';
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
interface Side {
  readonly principal: PrincipalReport;
  readonly acl: readonly AclRule[];
}

function aclOf(p: PrincipalReport | undefined): AclRule[] {
  return (p?.grants ?? []).flatMap((g) => (g.kind === 'vault-path' ? [{ pattern: g.path, capabilities: g.capabilities, policies: g.policies }] : []));
}

/**
 * A capability change on one pattern. Exact patterns are judged by what Vault would decide for
 * that path on the other side; globs by whether another glob on the other side covers them.
 */
function pathChange(pattern: string, caps: readonly Capability[], direction: 'added' | 'removed', other: readonly AclRule[]): { classification: Classification; note?: string } {
  const deny = caps.includes('deny');
  const otherAllows = (c: readonly Capability[]): AclRule | undefined => {
    if (!isWildcard(pattern)) {
      const decision = evaluate(other, pattern);
      return decision.rule && decision.rule.pattern !== pattern && c.every((x) => decision.capabilities.includes(x)) ? decision.rule : undefined;
    }
    return other.find((r) => r.pattern !== pattern && !r.capabilities.includes('deny') && patternCovers(r.pattern, pattern) && c.every((x) => r.capabilities.includes(x)));
  };
  const otherReach = (): boolean => (isWildcard(pattern) ? other.some((r) => r.pattern !== pattern && patternCovers(r.pattern, pattern) && !r.capabilities.includes('deny')) : evaluate(other, pattern).capabilities.length > 0);
  if (deny) {
    // A deny shuts what the other side allowed on these paths.
    if (!otherReach()) return { classification: 'neutral' };
    return direction === 'added' ? { classification: 'reduction', note: 'now denied' } : { classification: 'escalation', note: 'no longer denied' };
  }
  const through = otherAllows(caps);
  if (through) return { classification: 'neutral', note: `${direction === 'added' ? 'already' : 'still'} allowed through ${through.pattern}` };
  return { classification: direction === 'added' ? 'escalation' : 'reduction' };
}

/** Narrower patterns of the old ACL a new glob covers: what it widens. */
function widens(pattern: string, before: readonly AclRule[]): string | undefined {
  if (!isWildcard(pattern)) return undefined;
  const narrower = before.filter((r) => r.pattern !== pattern && patternCovers(pattern, r.pattern)).map((r) => r.pattern);
  return narrower.length > 0 ? `wider than ${sorted(narrower).join(', ')}` : undefined;
}

function principalFields(p: PrincipalReport): Pick<AccessChange, 'principal' | 'principalId' | 'principalKind'> {
  return { principal: p.name, principalId: p.id, principalKind: p.kind };
}

function diffPrincipal(before: Side | undefined, after: Side | undefined): AccessChange[] {
  const p = (after ?? before)!.principal;
  const who = principalFields(p);
  const oldGrants = new Map((before?.principal.grants ?? []).map((g) => [`${g.kind}\u0000${grantKey(g)}`, g]));
  const newGrants = new Map((after?.principal.grants ?? []).map((g) => [`${g.kind}\u0000${grantKey(g)}`, g]));
  const oldAcl = before?.acl ?? [];
  const newAcl = after?.acl ?? [];
  const out: AccessChange[] = [];
  for (const [key, g] of oldGrants) {
    if (newGrants.has(key)) continue;
    const base = { ...who, change: 'lost' as const, kind: g.kind, grant: grantName(g), detail: g };
    if (g.kind === 'vault-path') out.push({ ...base, ...pathChange(g.path, g.capabilities, 'removed', newAcl) });
    else out.push({ ...base, classification: wholeGrant(g, false) });
  }
  for (const [key, g] of newGrants) {
    const old = oldGrants.get(key);
    const base = { ...who, kind: g.kind, grant: grantName(g), detail: g };
    if (!old) {
      if (g.kind === 'vault-path') {
        const judged = pathChange(g.path, g.capabilities, 'added', oldAcl);
        const wider = judged.classification === 'escalation' ? widens(g.path, oldAcl) : undefined;
        out.push({ ...base, change: 'gained', ...judged, ...(wider ? { note: wider } : {}) });
      } else out.push({ ...base, change: 'gained', classification: wholeGrant(g, true) });
      continue;
    }
    if (g.kind === 'vault-path' && old.kind === 'vault-path' && !sameSet(old.capabilities, g.capabilities)) {
      const added = g.capabilities.filter((c) => !old.capabilities.includes(c));
      const removed = old.capabilities.filter((c) => !g.capabilities.includes(c));
      if (added.length > 0) out.push({ ...base, change: 'changed', field: 'capabilities', added, ...pathChange(g.path, added, 'added', oldAcl) });
      if (removed.length > 0) out.push({ ...base, change: 'changed', field: 'capabilities', removed, ...pathChange(g.path, removed, 'removed', newAcl) });
    }
    out.push(...fieldChanges(old, g).map((c) => ({ ...base, change: 'changed' as const, ...c })));
  }
  return out;
}

function fieldChanges(before: AccessGrant, after: AccessGrant): Pick<AccessChange, 'field' | 'added' | 'removed' | 'from' | 'to' | 'classification'>[] {
  const rules = FIELD_RULES[after.kind] as readonly FieldRule<AccessGrant>[];
  const out: Pick<AccessChange, 'field' | 'added' | 'removed' | 'from' | 'to' | 'classification'>[] = [];
  for (const rule of rules) {
    switch (rule.type) {
      case 'set': {
        const a = sorted(rule.get(before));
        const b = sorted(rule.get(after));
        const added = b.filter((x) => !a.includes(x));
        const removed = a.filter((x) => !b.includes(x));
        if (added.length > 0) out.push({ field: rule.field, added, classification: rule.added });
        if (removed.length > 0) out.push({ field: rule.field, removed, classification: rule.removed });
        break;
      }
      case 'lifetime': {
        const from = rule.get(before);
        const to = rule.get(after);
        const how = compareLifetimes(from, to);
        if (how !== 'same') out.push({ field: rule.field, from, to, classification: how === 'longer' ? 'escalation' : how === 'shorter' ? 'reduction' : 'neutral' });
        break;
      }
      case 'value': {
        const from = rule.get(before);
        const to = rule.get(after);
        if (from !== to) out.push({ field: rule.field, from, to, classification: rule.classify(from, to) });
        break;
      }
    }
  }
  return out;
}

const PRINCIPAL_ORDER: readonly ReportPrincipalKind[] = ['agent', 'user', 'group', 'entity', 'login-role', 'agent-registration'];
const CHANGE_ORDER = { lost: 0, gained: 1, changed: 2 } as const;

/** Within one field: what was added, then what was removed, then a value change. */
const direction = (c: AccessChange): number => (c.added ? 0 : c.removed ? 1 : 2);

export function compareChanges(a: AccessChange, b: AccessChange): number {
  return (
    PRINCIPAL_ORDER.indexOf(a.principalKind) - PRINCIPAL_ORDER.indexOf(b.principalKind) ||
    compareStrings(a.principal, b.principal) ||
    compareStrings(a.principalId, b.principalId) ||
    compareGrants(a.detail, b.detail) ||
    CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] ||
    compareStrings(a.field ?? '', b.field ?? '') ||
    direction(a) - direction(b)
  );
}

/** Every access change from `before` to `after` (either may be absent: a stack added or removed), sorted. */
export function diffAccess(before: StackAccessReport | undefined, after: StackAccessReport | undefined): AccessChange[] {
  const side = (r: StackAccessReport | undefined) => new Map((r?.principals ?? []).map((p): [string, Side] => [p.id, { principal: p, acl: aclOf(p) }]));
  const old = side(before);
  const now = side(after);
  const ids = [...new Set([...old.keys(), ...now.keys()])];
  return ids.flatMap((id) => diffPrincipal(old.get(id), now.get(id))).sort(compareChanges);
}

export function countClassifications(changes: readonly { readonly classification: Classification }[]): Record<Classification, number> {
  const counts: Record<Classification, number> = { escalation: 0, reduction: 0, neutral: 0 };
  for (const c of changes) counts[c.classification] += 1;
  return counts;
}
