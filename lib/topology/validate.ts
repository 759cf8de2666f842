/**
 * Validation of parsed data (from a file or a TypeScript object): schema and cross-reference
 * rules together, then normalization only when both found nothing. Issues are position-free
 * drafts; the caller attaches file positions when it has them.
 */
import type { NormalizedTopology } from './normalized';
import { normalizeValidTopology } from './normalize';
import { isPathPrefix, type DraftIssue } from './path';
import { plainDataIssues } from './plain-data';
import { resolveReferences, topologyWarnings } from './validate-references';
import { Topology } from './schema';
import { mapZodIssues } from './zod-issues';
import type { TokenTtlLimits } from '../vault/ttl-limits';

export type DataValidation =
  | { readonly ok: true; readonly topology: NormalizedTopology; readonly warnings: readonly DraftIssue[] }
  | { readonly ok: false; readonly drafts: readonly DraftIssue[] };

/**
 * A reference issue the schema already explains is noise: `calls[0].agent: "Bad Name"` fails
 * the name pattern, so "unknown agent" adds nothing. A bad *key* does not hide what is below it:
 * the value under a badly named agent is still checked.
 */
function explainedBySchema(ref: DraftIssue, schema: readonly DraftIssue[]): boolean {
  return schema.some(
    (s) => isPathPrefix(s.path, ref.path) && !(s.anchor === 'key' && s.path.length < ref.path.length),
  );
}

/**
 * `vault: { adress: … }` is one mistake: report the unknown field (whose fix says "did you mean
 * "address"?"), not also "address is required".
 */
function explainedByTypo(draft: DraftIssue, all: readonly DraftIssue[]): boolean {
  if (!draft.missing) return false;
  const parent = draft.path.slice(0, -1);
  const field = draft.path[draft.path.length - 1];
  return all.some(
    (other) =>
      other.meant === field && other.path.length === draft.path.length && isPathPrefix(parent, other.path),
  );
}

/**
 * `limits`: the checks' token ceilings, which fixes for TTLs take into account. `baseDir`: where
 * files the topology names are read from (the topology file's directory; default the current one).
 */
export function validateData(data: unknown, limits?: TokenTtlLimits, baseDir?: string): DataValidation {
  const notPlain = plainDataIssues(data);
  if (notPlain.length > 0) return { ok: false, drafts: notPlain };
  const parsed = Topology.safeParse(data);
  const schemaDrafts = parsed.success ? [] : mapZodIssues(parsed.error.issues, data);
  const broken = (path: readonly (string | number)[]): boolean => schemaDrafts.some((d) => isPathPrefix(path, d.path));
  const refDrafts = resolveReferences(data, { broken, ...(limits ? { limits } : {}), ...(baseDir !== undefined ? { baseDir } : {}) }).filter((ref) => !explainedBySchema(ref, schemaDrafts));
  const all = [...schemaDrafts, ...refDrafts];
  const drafts = all.filter((draft) => !explainedByTypo(draft, all));
  if (drafts.length > 0 || !parsed.success) return { ok: false, drafts };
  return { ok: true, topology: normalizeValidTopology(parsed.data, baseDir ?? process.cwd()), warnings: topologyWarnings(data, baseDir ?? process.cwd()) };
}
