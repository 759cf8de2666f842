/**
 * Rules for delegation (RFC 8693): `agents.<a>.actsFor` and `tokenExchange`.
 *
 * An actor's Vault entity id is the `sub` of its may_act entry and the identity the exchange
 * engine sees, so it must log in; it must be able to obtain tokens and hold grants, or a
 * delegated token would carry nothing. A delegating user must sign in through some OIDC client
 * agent, or no ID token of theirs could ever name the actor.
 */
import type { DraftIssue, IssuePath } from './path';
import { asList, asMap, asString, get, has, type RawMap } from './raw';
import { isServer, mountsOfTypes, type ResolveContext, type TopologyIndex } from './topology-index';
import { checkReferenceList } from './validate-principals';
import { checkTtl } from './validate-settings';
import { chooseFix } from './suggest';
import { checkServiceUrl } from './urls';

/** First path segments Vault keeps for its built-in mounts. */
const RESERVED_MOUNT_ROOTS: ReadonlySet<string> = new Set(['auth', 'cubbyhole', 'identity', 'sys']);

/** Present and not an empty list. */
function declared(agent: RawMap | undefined, field: string): boolean {
  const value = get(agent, field);
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function strings(value: unknown): string[] {
  return (asList(value) ?? []).filter((v): v is string => typeof v === 'string');
}

/** Who can sign in through some OIDC client agent: user names and groups listed in `oidc.users`. */
interface SignIn {
  readonly users: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
}

function signInMembers(index: TopologyIndex): SignIn {
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const agent of index.agents.values()) {
    for (const member of strings(get(asMap(get(agent, 'oidc')), 'users'))) {
      if (member.startsWith('group:')) groups.add(member.slice('group:'.length));
      else users.add(member);
    }
  }
  return { users, groups };
}

function groupsOf(index: TopologyIndex, user: string): string[] {
  return strings(get(index.users.get(user), 'groups'));
}

function signsIn(index: TopologyIndex, signIn: SignIn, user: string): boolean {
  return signIn.users.has(user) || groupsOf(index, user).some((g) => signIn.groups.has(g));
}

/** Sign-in rules read users and every agent's oidc: skip them when the schema broke those. */
function signInReadable(index: TopologyIndex, ctx: ResolveContext): boolean {
  return !ctx.broken(['users']) && ![...index.agents.keys()].some((a) => ctx.broken(['agents', a, 'oidc']));
}

const SIGN_IN_FIX = 'add them (or one of their groups) to the oidc.users of a client agent they sign in through, or remove this entry';

function checkActsForEntries(name: string, agent: RawMap, index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const signIn = signInMembers(index);
  const checkSignIn = signInReadable(index, ctx);
  const choices = [...index.users.keys(), ...[...index.groups].map((g) => `group:${g}`)];
  return checkReferenceList(asList(get(agent, 'actsFor')) ?? [], ['agents', name, 'actsFor'], (member) => {
    if (member.startsWith('group:')) {
      const group = member.slice('group:'.length);
      if (index.externalGroups.has(group)) {
        return {
          message: `"${group}" is an external group: its members are whoever the identity provider names at login, unknown when the topology is synthesized, and may_act names each user's actors in that user's ID tokens`,
          fix: `list the users "${name}" acts for by name (users.<name> with their login), or remove this entry`,
        };
      }
      if (!index.groups.has(group)) {
        return { message: `unknown group "${group}"`, fix: chooseFix(member, choices, `add groups.${group} and list it in its members' groups`) };
      }
      if (!checkSignIn) return undefined;
      const members = [...index.users.keys()].filter((u) => groupsOf(index, u).includes(group)).sort();
      if (members.some((u) => signsIn(index, signIn, u))) return undefined;
      return {
        message: members.length
          ? `no member of group "${group}" (${members.join(', ')}) signs in through an oidc client agent, so no ID token could name "${name}" in may_act`
          : `group "${group}" has no members, so "${name}" would act for nobody`,
        fix: members.length ? SIGN_IN_FIX : `add the group to its members' users.<name>.groups, or remove this entry`,
      };
    }
    if (!index.users.has(member)) return { message: `unknown user "${member}"`, fix: chooseFix(member, choices, `add users.${member}`) };
    if (!checkSignIn || signsIn(index, signIn, member)) return undefined;
    return {
      message: `user "${member}" signs in through no oidc client agent, so no ID token of theirs could name "${name}" in may_act`,
      fix: SIGN_IN_FIX,
    };
  });
}

/**
 * What an actor needs besides its list. Combinations other rules already report (calls without
 * oidc or headless, headless without calls, a client agent without login) are left to them, so
 * one mistake gives one issue.
 */
function checkActor(name: string, agent: RawMap, index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const at: IssuePath = ['agents', name];
  const issues: DraftIssue[] = [];
  const calls = declared(agent, 'calls');
  const oidc = has(agent, 'oidc');
  const headless = get(agent, 'headless') === true;
  if (!calls && !oidc && !headless && isServer(agent)) {
    issues.push({
      path: [...at, 'actsFor'],
      anchor: 'key',
      message: `agent "${name}" acts for users but cannot obtain tokens: it has neither headless: true nor oidc`,
      fix: 'add headless: true and the calls it makes on their behalf (its grants become the scope of delegated tokens)',
    });
  }
  if (oidc && !headless && !calls && !ctx.broken([...at, 'calls'])) {
    issues.push({
      path: [...at, 'actsFor'],
      anchor: 'key',
      message: `agent "${name}" acts for users but calls no agent, so a delegated token would grant nothing`,
      fix: 'add the calls it makes on their behalf, or remove actsFor',
    });
  }
  if (!has(agent, 'login') && !calls && !oidc) {
    const mounts = mountsOfTypes(index, ['kubernetes', 'jwt', 'approle']);
    issues.push({
      path: [...at, 'login'],
      anchor: 'parent',
      missing: true,
      message: "is required for an actor: its Vault entity id is the may_act sub, and it exchanges tokens with its own Vault login",
      fix: mounts.length
        ? `add "login" with one of the mounts: ${mounts.sort().join(', ')}`
        : 'add a kubernetes, jwt or approle mount under authMounts and a "login" that uses it',
    });
  }
  return issues;
}

function checkTokenExchange(index: TopologyIndex, actors: readonly string[]): DraftIssue[] {
  const spec = asMap(get(index.root, 'tokenExchange'));
  if (spec === undefined) return [];
  const issues: DraftIssue[] = [];
  const mount = asString(get(spec, 'mount'));
  const root = mount?.split('/')[0];
  if (root !== undefined && RESERVED_MOUNT_ROOTS.has(root)) {
    issues.push({
      path: ['tokenExchange', 'mount'],
      anchor: 'value',
      message: `"${mount}" is under "${root}/", which Vault reserves for a built-in mount`,
      fix: `use a path outside ${[...RESERVED_MOUNT_ROOTS].join(', ')}, e.g. "identity-delegation"`,
    });
  }
  const issuer = asString(get(spec, 'issuer'));
  const problem = issuer === undefined ? undefined : checkServiceUrl(issuer);
  if (problem) issues.push({ path: ['tokenExchange', 'issuer'], anchor: 'value', ...problem });
  const ttl = checkTtl(get(spec, 'ttl'), ['tokenExchange', 'ttl']);
  if (ttl) issues.push(ttl);
  if (actors.length === 0) {
    issues.push({
      path: ['tokenExchange'],
      anchor: 'key',
      message: 'no agent acts for users (actsFor), so nobody could exchange a token at this engine',
      fix: 'add actsFor to the agents that act on behalf of users, or remove tokenExchange',
    });
  }
  return issues;
}

/**
 * `delegation.mayActForm`. An RFC 8693 may_act claim is one JSON object: one party (§4.4). In that
 * form (the default) a user who signs in somewhere may delegate to one agent at most; more needs
 * the list form, chosen explicitly, because a consumer expecting the RFC's object must be
 * prepared for it.
 */
function checkMayActForm(index: TopologyIndex, actors: readonly string[], ctx: ResolveContext): DraftIssue[] {
  const spec = get(index.root, 'delegation');
  if (spec !== undefined && actors.length === 0) {
    return [
      {
        path: ['delegation'],
        anchor: 'key',
        message: 'no agent acts for users (actsFor), so no ID token carries may_act',
        fix: 'add actsFor to the agents that act on behalf of users, or remove delegation',
      },
    ];
  }
  const form = asString(get(asMap(spec), 'mayActForm')) ?? 'rfc8693';
  if (form !== 'rfc8693' || !signInReadable(index, ctx) || actors.some((a) => ctx.broken(['agents', a, 'actsFor']))) return [];
  const signIn = signInMembers(index);
  const issues: DraftIssue[] = [];
  for (const user of [...index.users.keys()].sort()) {
    if (!signsIn(index, signIn, user)) continue;
    const groups = groupsOf(index, user);
    const actingFor = actors
      .filter((a) => strings(get(index.agents.get(a), 'actsFor')).some((m) => m === user || (m.startsWith('group:') && groups.includes(m.slice('group:'.length)))))
      .sort();
    if (actingFor.length <= 1) continue;
    issues.push({
      path: ['users', user],
      anchor: 'key',
      message: `"${user}" delegates to ${actingFor.length} agents (${actingFor.join(', ')}), but an RFC 8693 may_act claim names one party (delegation.mayActForm is rfc8693${spec === undefined ? ' by default' : ''})`,
      fix: `let one agent act for "${user}", or set delegation: { mayActForm: array } (a list of {client_id, sub}, which consumers must read as a list; see docs/delegation.md)`,
    });
  }
  return issues;
}

export function checkDelegation(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const actors = [...index.agents].filter(([, agent]) => declared(agent, 'actsFor')).map(([name]) => name);
  return [
    ...actors.flatMap((name) => {
      const agent = index.agents.get(name) as RawMap;
      return [...checkActsForEntries(name, agent, index, ctx), ...checkActor(name, agent, index, ctx)];
    }),
    ...checkTokenExchange(index, actors),
    ...checkMayActForm(index, actors, ctx),
  ];
}
