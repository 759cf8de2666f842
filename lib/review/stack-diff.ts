/**
 * `vault-a2a diff`: two versions of one or more synthesized stacks compared by effective access
 * (access-diff.ts) and by Vault object (resource-diff.ts). Stacks are paired by name; when each
 * side holds exactly one stack they are paired whatever their names.
 *
 * Whether the change gives anybody more access is decided by the access facts alone
 * (`compareFacts(facts(before), facts(after))`, the comparator `check --topology` uses with the
 * plan as the "before"): `gained` lists every fact the new version adds, what the model cannot
 * read included, and `--fail-on-escalation` fails exactly when it is not empty. The rows of the
 * access diff explain the change grant by grant; where the facts find no gain, a row the grant
 * comparison would call an escalation is shown as neutral (the two never disagree).
 *
 * Cost: each side is read, modelled and analysed once; a resource change is behind the access
 * change when it is one of the sources of what one side holds and the other does not
 * (`classifyResourceChanges`), so a diff is linear in the size of the stacks. Only when the access
 * differs and none of the changed resources is among its sources does the diff fall back to
 * trying each change alone (`diffResources`, two analyses per change).
 */
import { stackAccess, type StackAccess } from '../analysis/analyze';
import { crossStackDuplicates, withUnreadable } from '../analysis/model-inventory';
import { accessFacts } from '../analysis/facts';
import { compareFacts, factsFingerprint, type FactDelta } from '../analysis/facts-compare';
import type { AccessFacts } from '../analysis/facts-types';
import { parsePolicyText } from '../analysis/hcl';
import type { PolicyParseResult } from '../analysis/policy-document';
import type { SynthesizedStack } from '../analysis/stack';
import { diffAccess, countClassifications, type AccessChange, type Classification } from './access-diff';
import { accessReport } from './access-report';
import { canonicalStack, classifyResourceChanges, diffResources, type ObjectSet, type ResourceChange } from './resource-diff';
import { vaultObjects } from './vault-objects';
import { describeVaultTarget, readVaultTarget, sameVaultTarget } from '../analysis/vault-target';
import { compareStrings } from '../vault/order';

export interface StackDiff {
  readonly stack: string;
  /** `added`/`removed`: the stack exists on one side only; every grant in it is gained or lost. */
  readonly status: 'compared' | 'added' | 'removed';
  /** Files compared, as given (relative to the working directory). */
  readonly old?: string;
  readonly new?: string;
  /** Sorted by principal (agents, users, groups, others; by name), grant, change. */
  readonly access: readonly AccessChange[];
  /** Sorted by type, Vault name. */
  readonly resources: readonly ResourceChange[];
  /**
   * Access the new version holds that the old one does not, by principal (access facts,
   * address-free: a rename gains nothing). Not empty ⇔ `--fail-on-escalation` fails.
   */
  readonly gained: readonly FactDelta[];
  /**
   * The two versions write to different Vault servers or namespaces (their default vault
   * provider's address or namespace differ): the new one's access is all gained where it now
   * writes, where nothing the old one granted is known.
   */
  readonly retargeted?: { readonly old: string; readonly new: string };
}

/**
 * A principal whose access left one stack and arrived in another (an agent moved between team
 * files, or between a team's shards): what it holds in the new stack it held in the old one, so
 * that access is neither gained nor lost. Only what differs is reported as gained or lost.
 */
export interface MovedPrincipal {
  readonly principal: string;
  readonly principalName: string;
  /** Stacks it left and stacks it arrived in, sorted. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Access facts carried over. */
  readonly facts: number;
}

export interface DiffSummary {
  /** Access facts the new versions add (what `--fail-on-escalation` fails on). */
  readonly gained: number;
  /** Principals whose access moved between stacks (see `MovedPrincipal`); present when some did. */
  readonly moved?: number;
  readonly escalations: number;
  readonly reductions: number;
  readonly neutral: number;
  readonly resourceChanges: number;
  /** Resource changes behind the access changes, and those the access model cannot judge. */
  readonly resourceChangesChangingAccess: number;
  readonly resourceChangesNotModelled: number;
}

export interface AccessDiffReport {
  readonly summary: DiffSummary;
  readonly stacks: readonly StackDiff[];
  /** Sorted by principal; present when access moved between stacks (several stacks compared). */
  readonly moved?: readonly MovedPrincipal[];
}

/** Parses each distinct policy document once across every variant of every stack. */
function memoizedParser(): (name: string, text: string) => Promise<PolicyParseResult> {
  const cache = new Map<string, Promise<PolicyParseResult>>();
  return (name, text) => {
    const key = `${name}\u0000${text}`;
    let result = cache.get(key);
    if (!result) cache.set(key, (result = parsePolicyText(name, text)));
    return result;
  };
}

function pairStacks(before: readonly SynthesizedStack[], after: readonly SynthesizedStack[]): [SynthesizedStack | undefined, SynthesizedStack | undefined][] {
  if (before.length === 1 && after.length === 1) return [[before[0], after[0]]];
  const names = [...new Set([...before, ...after].map((s) => s.name))].sort(compareStrings);
  return names.map((name) => [before.find((s) => s.name === name), after.find((s) => s.name === name)]);
}

export interface DiffOptions {
  /** Told each step as it starts (`vault-a2a diff` shows them on a terminal). */
  readonly onStep?: (step: string) => void;
}

export async function diffStacks(before: readonly SynthesizedStack[], after: readonly SynthesizedStack[], options: DiffOptions = {}): Promise<AccessDiffReport> {
  const parse = memoizedParser();
  // A Vault object that two stacks of one side write (same Vault, two states) is unreadable on
  // that side, as within one stack: a diff that introduces one is an escalation.
  const across = new Map([...(before.length > 1 ? crossStackDuplicates(before) : []), ...(after.length > 1 ? crossStackDuplicates(after) : [])]);
  const analysed = async (stack: SynthesizedStack | undefined): Promise<StackAccess | undefined> => {
    if (!stack) return undefined;
    const result = await stackAccess(stack, parse);
    const extra = across.get(stack);
    return extra ? { ...result, model: withUnreadable(result.model, extra) } : result;
  };
  const factsOf = (a: StackAccess | undefined, name: string): AccessFacts => (a ? accessFacts(a.model) : { stack: name, principals: new Map() });

  const stacks: StackDiff[] = [];
  const lostByStack = new Map<string, readonly FactDelta[]>();
  for (const [old, now] of pairStacks(before, after)) {
    const name = (now ?? old)!.name;
    // Whether a single resource change changes access: by the access facts, like `gained`.
    const fingerprint = async (objects: ObjectSet) => factsFingerprint(accessFacts((await stackAccess(canonicalStack(name, objects), parse)).model));
    // The model, effective access and facts of each side, computed once.
    options.onStep?.(`analysing the old ${name}`);
    const a = await analysed(old);
    options.onStep?.(`analysing the new ${name}`);
    const b = await analysed(now);
    options.onStep?.(`comparing ${name}`);
    // Access is relative to where a stack writes: moved elsewhere, everything is granted anew there.
    const [oldTarget, newTarget] = [old && readVaultTarget(old.document), now && readVaultTarget(now.document)];
    const retargeted = oldTarget && newTarget && !sameVaultTarget(oldTarget, newTarget) ? { old: describeVaultTarget(oldTarget), new: describeVaultTarget(newTarget) } : undefined;
    const before = retargeted ? undefined : a;
    const comparison = compareFacts(factsOf(before, name), factsOf(b, name));
    const gained = comparison.extra;
    lostByStack.set(name, comparison.missing);
    const rows = diffAccess(before ? accessReport(before) : undefined, b ? accessReport(b) : undefined);
    const access = gained.length > 0 ? rows : rows.map((c) => (c.classification === 'escalation' ? { ...c, classification: 'neutral' as const, note: 'no principal gains access in Vault: the access facts of both versions are equal' } : c));
    const [oldObjects, newObjects] = [old ? vaultObjects(old) : new Map(), now ? vaultObjects(now) : new Map()];
    const changed = comparison.extra.length > 0 || comparison.missing.length > 0;
    const sources = changed ? { before: new Set(comparison.missing.flatMap((d) => d.resources)), after: new Set(comparison.extra.flatMap((d) => d.resources)) } : undefined;
    const resources = classifyResourceChanges(oldObjects, newObjects, sources) ?? (await diffResources(oldObjects, newObjects, fingerprint));
    stacks.push({
      stack: name,
      status: old && now ? 'compared' : now ? 'added' : 'removed',
      ...(old?.file ? { old: old.file } : {}),
      ...(now?.file ? { new: now.file } : {}),
      access,
      resources,
      gained,
      ...(retargeted ? { retargeted } : {}),
    });
  }
  const { stacks: settled, moved } = settleMoves(stacks, lostByStack);
  const counts = countClassifications(settled.flatMap((s) => s.access));
  const resources = settled.flatMap((s) => s.resources);
  return {
    ...(moved.length > 0 ? { moved } : {}),
    summary: {
      gained: settled.reduce((n, s) => n + s.gained.length, 0),
      ...(moved.length > 0 ? { moved: moved.length } : {}),
      escalations: counts.escalation,
      reductions: counts.reduction,
      neutral: counts.neutral,
      resourceChanges: resources.length,
      resourceChangesChangingAccess: resources.filter((r) => r.access === 'changes').length,
      resourceChangesNotModelled: resources.filter((r) => r.access === 'not-modelled').length,
    },
    stacks: settled,
  };
}

const factId = (d: FactDelta): string => `${d.principal}\u0000${d.category}\u0000${d.key}`;
const rowId = (c: AccessChange): string => `${c.principalId}\u0000${c.kind}\u0000${c.grant}`;

/**
 * Access a principal gains in one stack and loses in another is a move, not a gain: those facts
 * leave `gained`, and the matching gained and lost rows become neutral, noting where from and to.
 */
function settleMoves(stacks: readonly StackDiff[], lostByStack: ReadonlyMap<string, readonly FactDelta[]>): { stacks: StackDiff[]; moved: MovedPrincipal[] } {
  const lostIn = new Map<string, string[]>();
  for (const [stack, lost] of lostByStack) for (const d of lost) lostIn.set(factId(d), [...(lostIn.get(factId(d)) ?? []), stack]);
  const lostRows = new Map<string, string[]>();
  const gainedRows = new Map<string, string[]>();
  for (const s of stacks) {
    for (const c of s.access) {
      if (c.change === 'lost') lostRows.set(rowId(c), [...(lostRows.get(rowId(c)) ?? []), s.stack]);
      if (c.change === 'gained') gainedRows.set(rowId(c), [...(gainedRows.get(rowId(c)) ?? []), s.stack]);
    }
  }
  const moves = new Map<string, { principalName: string; from: Set<string>; to: Set<string>; facts: number }>();
  const settled = stacks.map((s): StackDiff => {
    const gained = s.gained.filter((d) => {
      const from = (lostIn.get(factId(d)) ?? []).filter((o) => o !== s.stack);
      if (from.length === 0) return true;
      const m = moves.get(d.principal) ?? { principalName: d.principalName, from: new Set<string>(), to: new Set<string>(), facts: 0 };
      from.forEach((f) => m.from.add(f));
      m.to.add(s.stack);
      m.facts++;
      moves.set(d.principal, m);
      return false;
    });
    const access = s.access.map((c): AccessChange => {
      const others = (c.change === 'gained' ? lostRows : c.change === 'lost' ? gainedRows : new Map<string, string[]>()).get(rowId(c))?.filter((o) => o !== s.stack) ?? [];
      if (others.length === 0) return c;
      return { ...c, classification: 'neutral', note: `moved ${c.change === 'gained' ? 'from' : 'to'} stack ${others.join(', ')}` };
    });
    return { ...s, gained, access };
  });
  const moved = [...moves]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([principal, m]) => ({ principal, principalName: m.principalName, from: [...m.from].sort(compareStrings), to: [...m.to].sort(compareStrings), facts: m.facts }));
  return { stacks: settled, moved };
}

/** Some principal gains access (by the access facts): what `--fail-on-escalation` fails on. */
export function hasEscalation(report: AccessDiffReport): boolean {
  return report.summary.gained > 0;
}

export type { Classification };
