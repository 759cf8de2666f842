/**
 * A topology directory: `org.yaml` and one file per team in `teams/` (team = file name without
 * its extension). The files are merged into one topology document, which is validated exactly as
 * a single file is; every issue is then placed back in the file and line it came from: a path
 * under `agents.<agent>` in the team file defining that agent, everything else in org.yaml.
 *
 * Agents refer to each other across teams by name (`calls[].agent`), so an agent name is unique
 * in the organization: one defined in two team files is an error naming both files and lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { z } from 'zod';
import type { DerivedFindings, TopologyValidation, TopologyValidationOptions } from './validation-types';
import type { TopologyIssue } from './errors';
import type { NormalizedOrganization, NormalizedTopology } from './normalized';
import { formatPath, type Anchor, type DraftIssue, type IssuePath } from './path';
import {
  BACKEND_CREDENTIAL_FIELDS,
  BackendSettings,
  DEFAULT_MAX_RESOURCES,
  StackSettings,
  TEAM_NAME_PATTERN,
  TEAM_NAME_RULE,
  OrganizationFile,
  TeamFile,
  type BackendSpec,
} from './schema-organization';
import { parseSource } from './source';
import { unknownFieldFix } from './suggest';
import { validateData } from './validate';
import { mapZodIssues } from './zod-issues';
import { compareStrings, sorted } from '../vault/order';
import { own, setOwn } from '../vault/own';

export const ORGANIZATION_FILES = ['org.yaml', 'org.yml', 'org.json'] as const;
export const TEAMS_DIRECTORY = 'teams';
const TEAM_EXTENSIONS = ['.yaml', '.yml', '.json'];

type Locate = (path: IssuePath, anchor: Anchor) => { readonly line: number; readonly column: number };

interface SourceFile {
  /** As the user would spell it: the directory as given, joined with the file's relative path. */
  readonly label: string;
  readonly data: Record<string, unknown>;
  readonly locate: Locate;
}

interface TeamSource extends SourceFile {
  readonly team: string;
}

/** True when `file` (resolved from `cwd`) is a directory: a topology directory rather than a file. */
export function isTopologyDirectory(file: string, cwd: string = process.cwd()): boolean {
  try {
    return statSync(nodePath.resolve(cwd, file)).isDirectory();
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fileIssue(label: string, message: string, fix: string, path = ''): TopologyIssue {
  return { file: label, path, message, fix };
}

/** Reads and parses one file; issues are pushed, the parsed source returned when usable. */
function readSource(absolute: string, label: string, issues: TopologyIssue[]): SourceFile | undefined {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (err) {
    issues.push(fileIssue(label, `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`, 'check that the file is readable'));
    return undefined;
  }
  const source = parseSource(text, label);
  issues.push(...source.issues);
  if (!source.ok) return undefined;
  if (!isRecord(source.data)) {
    issues.push({ file: label, line: 1, column: 1, path: '', message: 'must be a map of fields', fix: 'write the fields as "key: value" lines' });
    return undefined;
  }
  return { label, data: source.data, locate: source.locate };
}

function place(draft: DraftIssue, source: SourceFile | undefined, related: (path: IssuePath) => SourceFile | undefined): TopologyIssue {
  const at = (path: IssuePath, anchor: Anchor, file: SourceFile | undefined) => (file === undefined ? {} : { file: file.label, ...file.locate(path, anchor) });
  return {
    ...at(draft.path, draft.anchor, source),
    path: formatPath(draft.path),
    message: draft.message,
    fix: draft.fix,
    ...(draft.related?.length ? { related: draft.related.map((r) => ({ ...at(r.path, r.anchor, related(r.path)), path: formatPath(r.path) })) } : {}),
  };
}

function byPosition(a: TopologyIssue, b: TopologyIssue): number {
  return compareStrings(a.file ?? '', b.file ?? '') || (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? Infinity) - (b.column ?? Infinity);
}

/** Drafts for `backend`: credentials refused by name, then the shape. */
function backendDrafts(backend: unknown): { drafts: DraftIssue[]; value?: BackendSpec } {
  if (backend === undefined) return { drafts: [], value: { type: 'local' } };
  const drafts: DraftIssue[] = [];
  let rest: unknown = backend;
  if (isRecord(backend)) {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(backend)) {
      const env = own(BACKEND_CREDENTIAL_FIELDS, key);
      if (env === undefined) setOwn(kept, key, value);
      else
        drafts.push({
          path: ['backend', key],
          anchor: 'key',
          message: 'a credential does not belong in a topology: it is committed, reviewed and copied into every synthesized stack',
          fix: `remove backend.${key} and give Terraform the credential through the environment (${env}), as its backend documentation describes`,
        });
    }
    rest = kept;
  }
  const parsed = BackendSettings.safeParse(rest);
  if (!parsed.success) drafts.push(...mapZodIssues(parsed.error.issues, rest, backendSchemaOf(rest)).map((d) => prefixed(d, ['backend'])));
  return parsed.success && drafts.length === 0 ? { drafts, value: parsed.data } : { drafts };
}

/**
 * The backend schema the fixes name fields from: the variant of its `type` (an unknown field of
 * an s3 backend lists the s3 fields), or the union when the type is missing or unknown.
 */
function backendSchemaOf(backend: unknown): z.ZodType {
  const type = isRecord(backend) ? backend.type : undefined;
  return BackendSettings.options.find((variant) => variant.shape.type.value === type) ?? BackendSettings;
}

function prefixed(draft: DraftIssue, prefix: IssuePath): DraftIssue {
  return {
    ...draft,
    path: [...prefix, ...draft.path],
    ...(draft.related ? { related: draft.related.map((r) => ({ ...r, path: [...prefix, ...r.path] })) } : {}),
  };
}

/**
 * Reads, merges and validates a topology directory. `dir` labels every issue (as the user spelled
 * it); it is read relative to `cwd`. `options.derived` runs on the merged, normalized topology,
 * which carries the teams in `organization`.
 */
export function validateTopologyDirectory(dir: string, cwd: string = process.cwd(), options: TopologyValidationOptions = {}): TopologyValidation {
  const absolute = nodePath.resolve(cwd, dir);
  const issues: TopologyIssue[] = [];
  const orgNames = ORGANIZATION_FILES.filter((f) => safeIsFile(nodePath.join(absolute, f)));
  if (orgNames.length === 0) {
    issues.push(fileIssue(dir, `a topology directory needs an ${ORGANIZATION_FILES[0]}, and ${dir} has none`, `add ${nodePath.join(dir, 'org.yaml')} with version, vault and the shared users, groups and authMounts`));
  } else if (orgNames.length > 1) {
    issues.push(fileIssue(nodePath.join(dir, orgNames[1]!), `${dir} holds ${orgNames.join(' and ')}: only one organization file is read`, `keep ${orgNames[0]} and merge the other into it`));
  }
  const org = orgNames.length === 1 ? readSource(nodePath.join(absolute, orgNames[0]!), nodePath.join(dir, orgNames[0]!), issues) : undefined;

  const teamsDir = nodePath.join(absolute, TEAMS_DIRECTORY);
  const teams: TeamSource[] = [];
  let teamFiles: string[] = [];
  try {
    teamFiles = readdirSync(teamsDir).filter((f) => !f.startsWith('.')).sort();
  } catch {
    issues.push(fileIssue(dir, `a topology directory needs a ${TEAMS_DIRECTORY}/ directory with one file per team, and ${dir} has none`, `add ${nodePath.join(dir, TEAMS_DIRECTORY, '<team>.yaml')} holding "agents:"`));
  }
  const seenTeams = new Map<string, string>();
  for (const f of teamFiles) {
    const label = nodePath.join(dir, TEAMS_DIRECTORY, f);
    const ext = nodePath.extname(f);
    if (!TEAM_EXTENSIONS.includes(ext) || !safeIsFile(nodePath.join(teamsDir, f))) {
      issues.push(fileIssue(label, `every file in ${TEAMS_DIRECTORY}/ is a team, and this is not a .yaml, .yml or .json file`, `move it out of ${nodePath.join(dir, TEAMS_DIRECTORY)}`));
      continue;
    }
    const team = f.slice(0, -ext.length);
    if (!TEAM_NAME_PATTERN.test(team)) {
      issues.push(fileIssue(label, `the team name "${team}" (the file name) must be ${TEAM_NAME_RULE}`, `rename the file, e.g. to ${nodePath.join(dir, TEAMS_DIRECTORY, `${team.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z]+|-+$/g, '') || 'team'}${ext}`)}`));
      continue;
    }
    if (seenTeams.has(team)) {
      issues.push(fileIssue(label, `team "${team}" is also defined by ${seenTeams.get(team)}`, 'keep one file per team'));
      continue;
    }
    seenTeams.set(team, label);
    const source = readSource(nodePath.join(teamsDir, f), label, issues);
    if (source !== undefined) teams.push({ ...source, team });
  }

  const drafts: { draft: DraftIssue; source: SourceFile | undefined }[] = [];
  const orgDraft = (draft: DraftIssue) => drafts.push({ draft, source: org });

  // org.yaml: the topology's shared fields, plus backend and stacks (checked here: the topology
  // schema does not know them).
  const { backend, stacks, agents: orgAgents, ...orgRest } = org?.data ?? {};
  // Unknown top-level fields are named against org.yaml's own fields (the topology's, without
  // agents, plus backend and stacks), not the single-file topology's.
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(orgRest)) {
    if (ORGANIZATION_FIELDS.includes(key)) shared[key] = value;
    else orgDraft(unknownField(key, ORGANIZATION_FIELDS));
  }
  if (orgAgents !== undefined) {
    orgDraft({ path: ['agents'], anchor: 'key', message: 'agents live in team files, not in org.yaml', fix: `move each agent to ${nodePath.join(dir, TEAMS_DIRECTORY, '<team>.yaml')} under "agents:"` });
  }
  const backendResult = backendDrafts(backend);
  backendResult.drafts.forEach(orgDraft);
  let maxResources = DEFAULT_MAX_RESOURCES;
  if (stacks !== undefined) {
    const parsed = StackSettings.safeParse(stacks);
    if (parsed.success) maxResources = parsed.data.maxResources ?? DEFAULT_MAX_RESOURCES;
    else mapZodIssues(parsed.error.issues, stacks, StackSettings).forEach((d) => orgDraft(prefixed(d, ['stacks'])));
  }

  // Team files: namespace and shards here, agents with the merged topology.
  const owner = new Map<string, TeamSource>();
  const agents: Record<string, unknown> = {};
  const teamSettings = new Map<string, { namespace?: string; shards: number }>();
  for (const t of teams) {
    const { agents: teamAgents, ...rest } = t.data;
    const settings: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (TEAM_FIELDS.includes(key)) settings[key] = value;
      else drafts.push({ draft: unknownField(key, TEAM_FIELDS), source: t });
    }
    const parsed = TeamFile.safeParse({ ...settings, agents: {} });
    if (!parsed.success) mapZodIssues(parsed.error.issues, { ...settings, agents: {} }, TeamFile).forEach((draft) => drafts.push({ draft, source: t }));
    else teamSettings.set(t.team, { ...(parsed.data.namespace !== undefined ? { namespace: parsed.data.namespace } : {}), shards: parsed.data.shards ?? 1 });
    if (teamAgents === undefined) {
      drafts.push({ draft: { path: ['agents'], anchor: 'parent', message: 'a team file needs "agents:"', fix: 'add "agents:" with the team\'s agents (an empty team is "agents: {}")' }, source: t });
      continue;
    }
    if (!isRecord(teamAgents)) {
      drafts.push({ draft: { path: ['agents'], anchor: 'value', message: 'must be a map of agents by name', fix: 'write each agent as "<name>:" under "agents:"' }, source: t });
      continue;
    }
    for (const [name, spec] of Object.entries(teamAgents)) {
      const first = owner.get(name);
      if (first !== undefined) {
        const at = t.locate(['agents', name], 'key');
        const firstAt = first.locate(['agents', name], 'key');
        issues.push({
          file: t.label,
          ...at,
          path: `agents.${name}`,
          message: `agent "${name}" is defined twice: agents are referred to by name across teams, so a name is unique in the organization`,
          fix: `rename one of them (and the calls that mean it), or remove it from team ${first.team === t.team ? 'this file' : `"${t.team}" or "${first.team}"`}`,
          related: [{ file: first.label, ...firstAt, path: `agents.${name}` }],
        });
        continue;
      }
      owner.set(name, t);
      setOwn(agents, name, spec);
    }
  }

  if (org === undefined) return { ok: false, issues: issues.sort(byPosition), warnings: [] };
  const sourceOf = (path: IssuePath): SourceFile | undefined => (path[0] === 'agents' && typeof path[1] === 'string' && owner.has(path[1]) ? owner.get(path[1]) : org);
  // `teams.<team>.<field>`: a setting of the team file itself (organizationIssues uses it).
  const teamSetting = (d: DraftIssue): { draft: DraftIssue; source: SourceFile | undefined } | undefined => {
    const team = d.path[0] === 'teams' ? teams.find((t) => t.team === d.path[1]) : undefined;
    return team === undefined ? undefined : { draft: { ...d, path: d.path.slice(2) }, source: team };
  };
  const placeAll = (list: readonly DraftIssue[]) =>
    list.map((d) => {
      const setting = teamSetting(d);
      return setting ? place(setting.draft, setting.source, sourceOf) : place(d, sourceOf(d.path), sourceOf);
    });
  for (const { draft, source } of drafts) issues.push(place(draft, source, sourceOf));

  const merged = { ...shared, agents };
  // Files a topology names (a cert login's CA certificate) are read relative to the directory,
  // from org.yaml and team files alike.
  const result = validateData(merged, options.limits, options.baseDir ?? absolute);
  if (!result.ok) {
    issues.push(...placeAll(result.drafts));
    return { ok: false, issues: issues.sort(byPosition), warnings: [] };
  }
  if (issues.length > 0 || backendResult.value === undefined) {
    return { ok: false, issues: issues.sort(byPosition), warnings: [] };
  }
  const organization: NormalizedOrganization = {
    directory: dir,
    file: org.label,
    backend: backendResult.value,
    maxResources,
    teams: [...teams].sort((a, b) => compareStrings(a.team, b.team)).map((t) => ({
      name: t.team,
      file: t.label,
      ...(teamSettings.get(t.team)?.namespace !== undefined ? { namespace: teamSettings.get(t.team)!.namespace! } : {}),
      shards: teamSettings.get(t.team)?.shards ?? 1,
      agents: sorted([...owner].filter(([, o]) => o === t).map(([a]) => a)),
    })),
  };
  const topology: NormalizedTopology = { ...result.topology, organization };
  const derived: DerivedFindings = options.derived?.(topology) ?? { errors: [], warnings: [] };
  const warnings = placeAll([...result.warnings, ...derived.warnings]).sort(byPosition);
  if (derived.errors.length > 0) return { ok: false, issues: placeAll(derived.errors).sort(byPosition), warnings };
  return { ok: true, topology, warnings };
}

const ORGANIZATION_FIELDS = Object.keys(OrganizationFile.shape);
const TEAM_FIELDS = Object.keys(TeamFile.shape);

function unknownField(key: string, allowed: readonly string[]): DraftIssue {
  const { fix, meant } = unknownFieldFix(key, allowed);
  return { path: [key], anchor: 'key', message: `unknown field "${key}"`, fix, ...(meant !== undefined ? { meant } : {}) };
}

function safeIsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
