/**
 * `vault-a2a diff`: two versions of one or more synthesized stacks compared by effective access
 * (access-diff.ts) and by Vault object (resource-diff.ts). Stacks are paired by name; when each
 * side holds exactly one stack they are paired whatever their names.
 */
import { stackAccess } from '../analysis/analyze';
import { parsePolicyText } from '../analysis/hcl';
import type { PolicyParseResult } from '../analysis/policy-document';
import type { SynthesizedStack } from '../analysis/stack';
import { diffAccess, countClassifications, type AccessChange, type Classification } from './access-diff';
import { accessReport } from './access-report';
import type { StackAccessReport } from './access-report-types';
import { stableJson } from './json';
import { canonicalStack, diffResources, type ObjectSet, type ResourceChange } from './resource-diff';
import { vaultObjects } from './vault-objects';
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
}

export interface DiffSummary {
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

export async function diffStacks(before: readonly SynthesizedStack[], after: readonly SynthesizedStack[]): Promise<AccessDiffReport> {
  const parse = memoizedParser();
  const report = async (stack: SynthesizedStack | undefined): Promise<StackAccessReport | undefined> =>
    stack ? accessReport(await stackAccess(stack, parse)) : undefined;

  const stacks: StackDiff[] = [];
  for (const [old, now] of pairStacks(before, after)) {
    const name = (now ?? old)!.name;
    const fingerprint = async (objects: ObjectSet) => stableJson(accessReport(await stackAccess(canonicalStack(name, objects), parse)).principals);
    const access = diffAccess(await report(old), await report(now));
    const resources = await diffResources(old ? vaultObjects(old) : new Map(), now ? vaultObjects(now) : new Map(), fingerprint);
    stacks.push({
      stack: name,
      status: old && now ? 'compared' : now ? 'added' : 'removed',
      ...(old?.file ? { old: old.file } : {}),
      ...(now?.file ? { new: now.file } : {}),
      access,
      resources,
    });
  }
  const counts = countClassifications(stacks.flatMap((s) => s.access));
  const resources = stacks.flatMap((s) => s.resources);
  return {
    summary: {
      escalations: counts.escalation,
      reductions: counts.reduction,
      neutral: counts.neutral,
      resourceChanges: resources.length,
      resourceChangesChangingAccess: resources.filter((r) => r.access === 'changes').length,
      resourceChangesNotModelled: resources.filter((r) => r.access === 'not-modelled').length,
    },
    stacks,
  };
}

export function hasEscalation(report: AccessDiffReport): boolean {
  return report.summary.escalations > 0;
}

export type { Classification };
