/**
 * Rules for `externalGroups`: each names an oidc or jwt mount that declares its `groupsClaim`
 * (Vault adds a login to an external group only through a group alias on the mount the login
 * used, matched against the values of the role's groups_claim), one external group per IdP group
 * and mount (Vault keeps one group alias per mount accessor and name), and a name no internal group
 * has (Vault identity groups share one namespace).
 */
import type { DraftIssue } from './path';
import { asMap, asString, entriesOf, get, has } from './raw';
import { mountsOfTypes, mountTypeOf, type TopologyIndex } from './topology-index';
import { chooseFix } from './suggest';

export function checkExternalGroups(index: TopologyIndex): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const idpMounts = mountsOfTypes(index, ['oidc', 'jwt']);
  const aliases = new Map<string, string>();
  for (const [mount, spec] of index.mounts) {
    const type = mountTypeOf(index, mount);
    if (!has(spec, 'groupsClaim') || type === undefined || type === 'oidc' || type === 'jwt') continue;
    issues.push({
      path: ['authMounts', mount, 'groupsClaim'],
      anchor: 'key',
      message: `is not allowed on a ${type} mount: only oidc and jwt logins carry IdP groups`,
      fix: 'remove it',
    });
  }
  for (const [name, raw] of entriesOf(get(index.root, 'externalGroups'))) {
    const group = asMap(raw);
    const at = ['externalGroups', name];
    if (index.groups.has(name)) {
      issues.push({
        path: at,
        anchor: 'key',
        message: `"${name}" names both a group and an external group; Vault identity groups share one namespace`,
        fix: 'rename one of them',
        related: [{ path: ['groups', name], anchor: 'key' }],
      });
    }
    const mount = asString(get(group, 'mount'));
    if (mount === undefined) continue;
    if (!index.mounts.has(mount)) {
      issues.push({ path: [...at, 'mount'], anchor: 'value', message: `unknown auth mount "${mount}"`, fix: chooseFix(mount, idpMounts, `add authMounts.${mount} with type oidc or jwt, its path and groupsClaim`) });
      continue;
    }
    const type = mountTypeOf(index, mount);
    if (type === undefined) continue;
    if (type !== 'oidc' && type !== 'jwt') {
      issues.push({
        path: [...at, 'mount'],
        anchor: 'value',
        message: `auth mount "${mount}" is a ${type} mount; external groups get their members from the groups claim of an oidc or jwt mount`,
        fix: chooseFix(mount, idpMounts, 'add the oidc or jwt mount your users sign in with under authMounts, with groupsClaim, and use it here'),
      });
      continue;
    }
    if (!has(index.mounts.get(mount), 'groupsClaim')) {
      issues.push({
        path: ['authMounts', mount],
        anchor: 'key',
        message: `external group "${name}" takes its members from mount "${mount}", which declares no groupsClaim: without a groups claim Vault adds nobody to an external group`,
        fix: 'add groupsClaim: <the claim the mount\'s roles set as groups_claim>, e.g. groups',
        related: [{ path: [...at, 'mount'], anchor: 'value' }],
      });
    }
    const alias = asString(get(group, 'alias'));
    if (alias === undefined) continue;
    const key = `${mount}\u0000${alias}`;
    const first = aliases.get(key);
    if (first !== undefined) {
      issues.push({
        path: [...at, 'alias'],
        anchor: 'value',
        message: `external group "${first}" already maps IdP group ${JSON.stringify(alias)} on mount "${mount}"; Vault keeps one group alias per mount and name`,
        fix: 'map each IdP group to one external group',
        related: [{ path: ['externalGroups', first, 'alias'], anchor: 'value' }],
      });
    } else aliases.set(key, name);
  }
  return issues;
}
