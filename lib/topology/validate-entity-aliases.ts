/**
 * Rules for mapping the JWTs of a resource server to agents' entities (issue #13, part 5;
 * docs/agent-registry.md): an explicit opt-in naming the accessor, one accessor per resource
 * server, subjects only for servers that opted in, and no alias Vault would refuse (two for one
 * entity on one accessor, or one (accessor, name) for two entities).
 */
import type { DraftIssue, IssuePath } from './path';
import { asMap, asString, entriesOf, get, has, type RawMap } from './raw';
import { chooseFix } from './suggest';
import type { TopologyIndex } from './topology-index';

/** What an `entityAliases` names: a literal accessor or an auth mount's; undefined when it names neither (reported). */
function accessorKey(aliases: RawMap | undefined): string | undefined {
  const accessor = asString(get(aliases, 'mountAccessor'));
  const mount = asString(get(aliases, 'mount'));
  return accessor !== undefined ? `accessor:${accessor}` : mount !== undefined ? `mount:${mount}` : undefined;
}

function checkServers(index: TopologyIndex): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const firstByAccessor = new Map<string, string>();
  for (const [name, raw] of entriesOf(get(index.root, 'resourceServers'))) {
    const aliases = asMap(get(asMap(raw), 'entityAliases'));
    if (aliases === undefined) continue;
    const at: IssuePath = ['resourceServers', name, 'entityAliases'];
    const both = has(aliases, 'mountAccessor') && has(aliases, 'mount');
    if (both) {
      issues.push({ path: [...at, 'mount'], anchor: 'key', message: 'mountAccessor and mount are mutually exclusive', fix: 'name the accessor once: either literally (mountAccessor) or by its auth mount (mount)' });
    } else if (!has(aliases, 'mountAccessor') && !has(aliases, 'mount')) {
      issues.push({
        path: [...at, 'mountAccessor'],
        anchor: 'parent',
        missing: true,
        message: 'is required (or mount): the accessor is what this opt-in names',
        fix: 'add "mountAccessor": the accessor Vault resolves this issuer\'s JWTs on, or "mount": an auth mount under authMounts',
      });
    }
    const mount = asString(get(aliases, 'mount'));
    if (mount !== undefined && !index.mounts.has(mount)) {
      issues.push({ path: [...at, 'mount'], anchor: 'value', message: `unknown auth mount "${mount}"`, fix: chooseFix(mount, [...index.mounts.keys()], `add authMounts.${mount} with its type and path`) });
    }
    const key = both ? undefined : accessorKey(aliases);
    if (key === undefined) continue;
    const first = firstByAccessor.get(key);
    if (first === undefined) firstByAccessor.set(key, name);
    else {
      issues.push({
        path: [...at, has(aliases, 'mount') ? 'mount' : 'mountAccessor'],
        anchor: 'value',
        message: `resource server "${first}" already maps its JWTs on this accessor`,
        fix: 'give each issuer its own accessor: an entity has one alias per accessor, and two issuers would share subjects',
      });
    }
  }
  return issues;
}

function checkSubjects(index: TopologyIndex): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const servers = new Map(entriesOf(get(index.root, 'resourceServers')).map(([name, raw]) => [name, asMap(raw)]));
  const firstBySubject = new Map<string, string>();
  for (const [agent, spec] of index.agents) {
    const subjects = get(asMap(get(spec, 'registry')), 'subjects');
    for (const [server, subject] of entriesOf(subjects)) {
      const at: IssuePath = ['agents', agent, 'registry', 'subjects', server];
      if (!servers.has(server)) {
        issues.push({ path: at, anchor: 'key', message: `unknown resource server "${server}"`, fix: chooseFix(server, [...servers.keys()], `add resourceServers.${server}, or remove this subject`) });
        continue;
      }
      const aliases = asMap(get(servers.get(server), 'entityAliases'));
      if (aliases === undefined) {
        issues.push({
          path: at,
          anchor: 'key',
          message: `resource server "${server}" does not map JWTs to entities: it has no entityAliases`,
          fix: `add resourceServers.${server}.entityAliases naming the accessor (an explicit opt-in: Vault's documentation does not say which accessor it resolves JWTs on), or remove this subject`,
        });
        continue;
      }
      // The agent's login already gives its entity an alias on its login mount; Vault allows one per mount.
      const loginMount = asString(get(asMap(get(spec, 'login')), 'mount'));
      if (loginMount !== undefined && asString(get(aliases, 'mount')) === loginMount) {
        issues.push({
          path: at,
          anchor: 'key',
          message: `resource server "${server}" maps JWTs on auth mount "${loginMount}", where agent "${agent}" logs in: an entity can have only one alias on a mount`,
          fix: 'name the accessor of another mount in entityAliases, or log the agent in through another mount',
        });
      }
      if (typeof subject !== 'string') continue;
      const key = `${server}\u0000${subject}`;
      const first = firstBySubject.get(key);
      if (first === undefined) firstBySubject.set(key, agent);
      else {
        issues.push({
          path: at,
          anchor: 'value',
          message: `agent "${first}" already has subject ${JSON.stringify(subject)} at "${server}"`,
          fix: 'give every agent its own subject: one (accessor, name) alias names one entity',
        });
      }
    }
  }
  return issues;
}

export function checkEntityAliases(index: TopologyIndex): DraftIssue[] {
  return [...checkServers(index), ...checkSubjects(index)];
}
