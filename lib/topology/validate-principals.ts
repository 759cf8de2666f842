/**
 * Rules about people and names: users sign in on a userpass or oidc mount, group and member
 * references exist and are listed once, reserved names stay free for Vault's built-ins, and no
 * name is both a user and an agent (both would become the identity entity of that name).
 */
import { RESERVED_NAMES } from './names';
import type { DraftIssue, IssuePath } from './path';
import { asList, asMap, asString, get } from './raw';
import { mountsOfTypes, mountTypeOf, type TopologyIndex } from './topology-index';
import { chooseFix } from './suggest';

function checkUserMount(user: string, mount: string, index: TopologyIndex): DraftIssue[] {
  const path: IssuePath = ['users', user, 'mount'];
  const signInMounts = mountsOfTypes(index, ['userpass', 'oidc']);
  if (!index.mounts.has(mount)) {
    return [
      {
        path,
        anchor: 'value',
        message: `unknown auth mount "${mount}"`,
        fix: chooseFix(mount, signInMounts, `add authMounts.${mount} with type userpass or oidc and its path`),
      },
    ];
  }
  const type = mountTypeOf(index, mount);
  if (type === undefined || type === 'userpass' || type === 'oidc') return [];
  return [
    {
      path,
      anchor: 'value',
      message: `auth mount "${mount}" is a ${type} mount; users sign in with a userpass or oidc mount`,
      fix: chooseFix(mount, signInMounts, 'add a userpass or oidc mount under authMounts and use it here'),
    },
  ];
}

/** Checks a list of references: each must exist (per `lookup`) and appear once. */
export function checkReferenceList(
  list: readonly unknown[],
  at: IssuePath,
  lookup: (entry: string) => { readonly message: string; readonly fix: string } | undefined,
): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const seen = new Map<string, number>();
  list.forEach((entry, i) => {
    if (typeof entry !== 'string') return;
    const first = seen.get(entry);
    if (first !== undefined) {
      issues.push({ path: [...at, i], anchor: 'value', message: `"${entry}" is listed twice (also [${first}])`, fix: 'list it once' });
      return;
    }
    seen.set(entry, i);
    const problem = lookup(entry);
    if (problem) issues.push({ path: [...at, i], anchor: 'value', ...problem });
  });
  return issues;
}

function unknownGroup(group: string, index: TopologyIndex): { message: string; fix: string } | undefined {
  if (index.groups.has(group)) return undefined;
  if (index.externalGroups.has(group)) {
    return {
      message: `"${group}" is an external group: the identity provider decides its members (Vault adds a login to it from the groups claim), so users cannot be listed in it`,
      fix: `remove it here; a user is a member when their IdP login carries the group, or use a group under groups`,
    };
  }
  return { message: `unknown group "${group}"`, fix: chooseFix(group, [...index.groups], `add groups.${group} (it may be empty: {})`) };
}

function checkUsers(index: TopologyIndex): DraftIssue[] {
  return [...index.users].flatMap(([name, user]) => {
    const mount = asString(get(user, 'mount'));
    return [
      ...(mount === undefined ? [] : checkUserMount(name, mount, index)),
      ...checkReferenceList(asList(get(user, 'groups')) ?? [], ['users', name, 'groups'], (group) => unknownGroup(group, index)),
    ];
  });
}

function checkOidcMembers(index: TopologyIndex): DraftIssue[] {
  const choices = [...index.users.keys(), ...[...index.groups, ...index.externalGroups].map((group) => `group:${group}`)];
  return [...index.agents].flatMap(([name, agent]) => {
    const members = asList(get(asMap(get(agent, 'oidc')), 'users')) ?? [];
    return checkReferenceList(members, ['agents', name, 'oidc', 'users'], (member) => {
      if (member.startsWith('group:')) {
        const group = member.slice('group:'.length);
        return index.groups.has(group) || index.externalGroups.has(group)
          ? undefined
          : { message: `unknown group "${group}"`, fix: chooseFix(member, choices, `add groups.${group} and list its members' groups`) };
      }
      if (index.users.has(member)) return undefined;
      return { message: `unknown user "${member}"`, fix: chooseFix(member, choices, `add users.${member}`) };
    });
  });
}

const RESERVED_REASON = 'Vault has built-in objects with these names (the default OIDC provider, key and policy, the root policy, the allow_all assignment)';

function checkNames(index: TopologyIndex): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const sections: [string, Iterable<string>][] = [
    ['agents', index.agents.keys()],
    ['users', index.users.keys()],
    ['groups', index.groups],
    ['externalGroups', index.externalGroups],
  ];
  for (const [section, names] of sections) {
    for (const name of names) {
      if (RESERVED_NAMES.has(name)) {
        issues.push({
          path: [section, name],
          anchor: 'key',
          message: `name "${name}" is reserved: ${RESERVED_REASON}`,
          fix: `choose another name; reserved: ${[...RESERVED_NAMES].sort().join(', ')}`,
        });
      }
    }
  }
  for (const name of index.users.keys()) {
    if (index.agents.has(name)) {
      issues.push({
        path: ['users', name],
        anchor: 'key',
        message: `"${name}" names both a user and an agent; both would be the Vault identity entity "${name}", one identity with the access of both`,
        fix: 'rename the user or the agent',
        related: [{ path: ['agents', name], anchor: 'key' }],
      });
    }
  }
  return issues;
}

export function checkPrincipals(index: TopologyIndex): DraftIssue[] {
  return [...checkUsers(index), ...checkOidcMembers(index), ...checkNames(index)];
}
