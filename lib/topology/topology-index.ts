/**
 * What cross-reference rules look names up in: the document's agents, auth mounts, users and
 * groups by name, read defensively (values may have failed the schema).
 */
import type { IssuePath } from './path';
import { asList, asMap, asString, entriesOf, get, type RawMap } from './raw';
import { AuthMountType } from './schema';
import type { TokenTtlLimits } from '../vault/ttl-limits';

export interface ResolveContext {
  /** True when the schema reported an issue at `path` or below it: its contents are unreliable. */
  readonly broken: (path: IssuePath) => boolean;
  /** The checks' token ceilings, so that fixes suggest values the next step accepts. */
  readonly limits?: TokenTtlLimits;
  /** Where files the topology names (a cert login's caCertificate) are read from; default: the current directory. */
  readonly baseDir?: string;
}

export interface TopologyIndex {
  readonly root: RawMap | undefined;
  readonly agents: ReadonlyMap<string, RawMap | undefined>;
  readonly mounts: ReadonlyMap<string, RawMap | undefined>;
  readonly users: ReadonlyMap<string, RawMap | undefined>;
  readonly groups: ReadonlySet<string>;
  /** Names under externalGroups (IdP-managed membership). */
  readonly externalGroups: ReadonlySet<string>;
}

function byName(value: unknown): Map<string, RawMap | undefined> {
  return new Map(entriesOf(value).map(([name, spec]) => [name, asMap(spec)]));
}

export function indexTopology(data: unknown): TopologyIndex {
  const root = asMap(data);
  return {
    root,
    agents: byName(get(root, 'agents')),
    mounts: byName(get(root, 'authMounts')),
    users: byName(get(root, 'users')),
    groups: new Set(entriesOf(get(root, 'groups')).map(([name]) => name)),
    externalGroups: new Set(entriesOf(get(root, 'externalGroups')).map(([name]) => name)),
  };
}

/** The mount's type, or undefined when the mount is unknown or its type is not valid. */
export function mountTypeOf(index: TopologyIndex, mount: string): AuthMountType | undefined {
  const parsed = AuthMountType.safeParse(get(index.mounts.get(mount), 'type'));
  return parsed.success ? parsed.data : undefined;
}

export function mountsOfTypes(index: TopologyIndex, types: readonly AuthMountType[]): string[] {
  return [...index.mounts.keys()].filter((name) => {
    const type = mountTypeOf(index, name);
    return type !== undefined && types.includes(type);
  });
}

/** Skills of an agent as id → actions, from entries whose id is a string. */
export function skillsOf(agent: RawMap | undefined): Map<string, string[]> {
  const skills = new Map<string, string[]>();
  for (const skill of asList(get(agent, 'skills')) ?? []) {
    const id = asString(get(asMap(skill), 'id'));
    if (id === undefined) continue;
    const actions = (asList(get(asMap(skill), 'actions')) ?? []).filter((a): a is string => typeof a === 'string');
    skills.set(id, [...(skills.get(id) ?? []), ...actions]);
  }
  return skills;
}

/** An agent that serves at least one skill (the only kind that can be called). */
export function isServer(agent: RawMap | undefined): boolean {
  return (asList(get(agent, 'skills'))?.length ?? 0) > 0;
}
