/**
 * The public entry points: a topology file or text or TypeScript object in, a normalized
 * topology or the complete list of issues out. Nothing in between: no partial results, no
 * stack traces for bad input.
 *
 * Some checks need more than this layer knows: whether two topology entries land on one Vault
 * object, or whether a TTL exceeds the synth-time limit for the objects it governs, is decided
 * on the compiled plan (lib/plan/validate-plan.ts). Callers pass those as `derived`; they run on
 * the normalized topology once everything else passed, and their issues get positions like all
 * others.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TopologyValidationError, type TopologyIssue } from './errors';
import type { NormalizedTopology } from './normalized';
import { formatPath, type Anchor, type DraftIssue, type IssuePath } from './path';
import type { Topology } from './schema';
import { topologyBaseDir } from './certificates';
import { isTopologyDirectory, validateTopologyDirectory } from './directory';
import { parseSource } from './source';
import { validateData } from './validate';

// The validation types live in validation-types.ts (the directory loader needs them too).
export type { DerivedFindings, TopologyValidation, TopologyValidationOptions } from './validation-types';
import type { TopologyValidation, TopologyValidationOptions } from './validation-types';

type Locate = (path: IssuePath, anchor: Anchor) => { readonly line: number; readonly column: number };

/** Reading order: by line, then column; issues without a position keep their order, last. */
function byPosition(a: TopologyIssue, b: TopologyIssue): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? Infinity) - (b.column ?? Infinity);
}

/** A draft as an issue, with file:line:column (of it and of every place it names) when known. */
function placed(draft: DraftIssue, file?: string, locate?: Locate): TopologyIssue {
  const at = (path: IssuePath, anchor: Anchor) => (file === undefined ? {} : { file, ...(locate ? locate(path, anchor) : {}) });
  return {
    ...at(draft.path, draft.anchor),
    path: formatPath(draft.path),
    message: draft.message,
    fix: draft.fix,
    ...(draft.related?.length ? { related: draft.related.map((r) => ({ ...at(r.path, r.anchor), path: formatPath(r.path) })) } : {}),
  };
}

/**
 * Schema and reference validation, then the derived checks on the normalized topology. Warnings
 * (the topology's own, then the derived checks') are known only once the topology is valid enough
 * to read; errors refuse it, warnings never do.
 */
function validateAll(
  data: unknown,
  options: TopologyValidationOptions,
  place: (draft: DraftIssue) => TopologyIssue,
  file?: string,
): { readonly topology?: NormalizedTopology; readonly errors: TopologyIssue[]; readonly warnings: TopologyIssue[] } {
  const result = validateData(data, options.limits, options.baseDir ?? topologyBaseDir(file));
  if (!result.ok) return { errors: result.drafts.map(place), warnings: [] };
  const derived = options.derived?.(result.topology) ?? { errors: [], warnings: [] };
  return { topology: result.topology, errors: derived.errors.map(place), warnings: [...result.warnings, ...derived.warnings].map(place) };
}

/** Validates YAML or JSON text; `file` is only used to label issues. */
export function parseTopologyText(text: string, file: string, options: TopologyValidationOptions = {}): TopologyValidation {
  const source = parseSource(text, file);
  if (!source.ok) return { ok: false, issues: [...source.issues].sort(byPosition), warnings: [] };
  const result = validateAll(source.data, options, (draft) => placed(draft, file, source.locate), file);
  const issues = [...source.issues, ...result.errors].sort(byPosition);
  const warnings = result.warnings.sort(byPosition);
  if (issues.length > 0 || result.topology === undefined) {
    if (issues.length === 0) throw new Error('unreachable: validation failed without issues');
    return { ok: false, issues, warnings };
  }
  return { ok: true, topology: result.topology, warnings };
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Reads and validates a topology file; never throws for bad input. */
export function validateTopologyFile(file: string, options: TopologyValidationOptions = {}): TopologyValidation {
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
      warnings: [],
    };
  }
  return parseTopologyText(text, file, options);
}

/** Reads, validates and normalizes a topology file; throws TopologyValidationError with every issue. */
export function loadTopologyFile(file: string, options: TopologyValidationOptions = {}): NormalizedTopology {
  const result = validateTopologyFile(file, options);
  if (!result.ok) throw new TopologyValidationError(result.issues);
  return result.topology;
}

/**
 * For topologies written in TypeScript: validates and normalizes; throws
 * TopologyValidationError (paths, no line numbers) when invalid.
 */
export function normalizeTopology(input: Topology, options: TopologyValidationOptions = {}): NormalizedTopology {
  const result = validateAll(input, options, (draft) => placed(draft));
  if (result.errors.length > 0 || result.topology === undefined) throw new TopologyValidationError(result.errors);
  return result.topology;
}

/**
 * Validates `file`, read relative to `cwd`, labelling every issue and warning (and every place
 * they name) with `file` as the user spelled it (the loader labels issues with the path it reads).
 */
export function validateTopologyFileAt(file: string, cwd: string = process.cwd(), options: TopologyValidationOptions = {}): TopologyValidation {
  // A directory (org.yaml + teams/) labels its files itself, relative to the directory as given.
  if (isTopologyDirectory(file, cwd)) return validateTopologyDirectory(file, cwd, options);
  const absolute = path.resolve(cwd, file);
  const result = validateTopologyFile(absolute, options);
  if (absolute === file) return result;
  const label = <T extends { readonly file?: string }>(place: T): T => (place.file === absolute ? { ...place, file } : place);
  const relabel = (issue: TopologyIssue): TopologyIssue => ({ ...label(issue), ...(issue.related ? { related: issue.related.map(label) } : {}) });
  const warnings = result.warnings.map(relabel);
  return result.ok ? { ...result, warnings } : { ok: false, issues: result.issues.map(relabel), warnings };
}

