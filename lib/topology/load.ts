/**
 * The public entry points: a topology file or text or TypeScript object in, a normalized
 * topology or the complete list of issues out. Nothing in between: no partial results, no
 * stack traces for bad input.
 */
import { readFileSync } from 'node:fs';
import { TopologyValidationError, type TopologyIssue } from './errors';
import type { NormalizedTopology } from './normalized';
import { formatPath, type DraftIssue } from './path';
import type { Topology } from './schema';
import { parseSource } from './source';
import { validateData } from './validate';

export type TopologyValidation =
  /** `warnings`: what the topology should still change (e.g. a kubernetes login without audience); never refused. */
  | { readonly ok: true; readonly topology: NormalizedTopology; readonly warnings: TopologyIssue[] }
  | { readonly ok: false; readonly issues: TopologyIssue[] };

/** Reading order: by line, then column; issues without a position keep their order, last. */
function byPosition(a: TopologyIssue, b: TopologyIssue): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? Infinity) - (b.column ?? Infinity);
}

function withoutPosition(draft: DraftIssue): TopologyIssue {
  return { path: formatPath(draft.path), message: draft.message, fix: draft.fix };
}

/** Validates YAML or JSON text; `file` is only used to label issues. */
export function parseTopologyText(text: string, file: string): TopologyValidation {
  const source = parseSource(text, file);
  if (!source.ok) return { ok: false, issues: [...source.issues].sort(byPosition) };
  const result = validateData(source.data);
  const issues: TopologyIssue[] = [
    ...source.issues,
    ...(result.ok
      ? []
      : result.drafts.map((draft) => ({ file, ...source.locate(draft.path, draft.anchor), ...withoutPosition(draft) }))),
  ].sort(byPosition);
  if (issues.length > 0) return { ok: false, issues };
  if (!result.ok) throw new Error('unreachable: validation failed without issues');
  const warnings = result.warnings.map((draft) => ({ file, ...source.locate(draft.path, draft.anchor), ...withoutPosition(draft) })).sort(byPosition);
  return { ok: true, topology: result.topology, warnings };
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Reads and validates a topology file; never throws for bad input. */
export function validateTopologyFile(file: string): TopologyValidation {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    return {
      ok: false,
      issues: [
        {
          file,
          path: '',
          message: `cannot read the topology file: ${READ_ERRORS[code] ?? (code || 'read error')}`,
          fix: 'check the path (relative paths are resolved from the current directory) and that the file is readable',
        },
      ],
    };
  }
  return parseTopologyText(text, file);
}

/** Reads, validates and normalizes a topology file; throws TopologyValidationError with every issue. */
export function loadTopologyFile(file: string): NormalizedTopology {
  const result = validateTopologyFile(file);
  if (!result.ok) throw new TopologyValidationError(result.issues);
  return result.topology;
}

/**
 * For topologies written in TypeScript: validates and normalizes; throws
 * TopologyValidationError (paths, no line numbers) when invalid.
 */
export function normalizeTopology(input: Topology): NormalizedTopology {
  const result = validateData(input);
  if (!result.ok) throw new TopologyValidationError(result.drafts.map(withoutPosition));
  return result.topology;
}
