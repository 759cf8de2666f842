/**
 * Validation that needs the compiled plan: what `validate` must refuse because `synth` would
 * refuse it or Vault would merge it, decided on exactly the objects the plan creates.
 *
 * - Vault's name rule on every object name the plan derives (lib/vault/names.ts).
 * - One Vault object per topology entry: two entries whose objects land on one Vault name (a user
 *   and an agent as one entity, two agents' logins binding one service account or JWT subject on
 *   one mount, a user alias equal to another user's login name …) are refused, naming both.
 * - The synth-time TTL limits (the same ceilings `A2A-TTL-*` apply, overridable like theirs),
 *   for the objects a TTL actually governs, honouring the topology's suppressions.
 * - Warnings: an actor whose delegation bound is empty for some users.
 *
 * Issues point at topology paths; the loader turns them into file:line:column.
 */
import type { DerivedFindings } from '../topology/load';
import type { NormalizedTopology } from '../topology/normalized';
import type { DraftIssue, IssuePath } from '../topology/path';
import { formatDuration } from '../topology/duration';
import { VAULT_NAME_PATTERN } from '../vault/names';
import { RULE_ID } from '../vault/rule-ids';
import { DEFAULT_MAX_ACCESS_TTL_SECONDS, DEFAULT_MAX_LOGIN_TTL_SECONDS, type TokenTtlLimits } from '../vault/ttl-limits';
import { compareStrings, uniqueSorted } from '../vault/order';
import { compile } from './compile';
import { clientOwner } from './compile-delegation';
import { isCaseInsensitive, objectKey, plannedObjects, type PlannedObject } from './planned-objects';
import type { AccessPlan, LoginRolePlan } from './types';

export interface PlanCheckOptions extends TokenTtlLimits {
  /** Topology → plan. Default: the project's compiler. */
  readonly compile?: (topology: NormalizedTopology) => AccessPlan;
}

/** Only the object checks (names, collisions) as the loader's `derived` option: for reading a topology's intent. */
export function planObjectChecks(options: Pick<PlanCheckOptions, 'compile'> = {}): (topology: NormalizedTopology) => DerivedFindings {
  return (topology) => ({ errors: planObjectIssues(topology, (options.compile ?? compile)(topology)), warnings: [] });
}

/** The plan checks as the topology loader's `derived` option. */
export function planChecks(options: PlanCheckOptions = {}): (topology: NormalizedTopology) => DerivedFindings {
  return (topology) => checkPlan(topology, options);
}

export function checkPlan(topology: NormalizedTopology, options: PlanCheckOptions = {}): DerivedFindings {
  const plan = (options.compile ?? compile)(topology);
  return {
    errors: [
      ...planObjectIssues(topology, plan),
      ...ttlIssues(plan, {
        access: options.maxAccessTtlSeconds ?? DEFAULT_MAX_ACCESS_TTL_SECONDS,
        login: options.maxLoginTtlSeconds ?? DEFAULT_MAX_LOGIN_TTL_SECONDS,
      }),
    ],
    warnings: boundWarnings(plan),
  };
}

/**
 * The object checks alone (Vault's name rule, one object per name): what no stack may be built
 * with, whatever its least-privilege settings. `AgentTopologyStack` runs these too.
 */
export function planObjectIssues(topology: NormalizedTopology, plan: AccessPlan): DraftIssue[] {
  const objects = plannedObjects(topology, plan);
  return [...nameRuleIssues(objects, plan), ...collisionIssues(objects, plan)];
}

// ---------------------------------------------------------------------------------------------
// Vault's name rule

function nameRuleIssues(objects: readonly PlannedObject[], plan: AccessPlan): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    // Userpass logins carry the user name in the path (auth/<mount>/login/<name>), which Vault
    // matches with its name rule (builtin/credential/userpass/path_login.go): another alias could
    // never sign in there.
    const userpass = o.family === 'entity alias' && plan.mounts.some((m) => m.path === o.scope && m.type === 'userpass');
    if ((!o.isObjectName && !userpass) || VAULT_NAME_PATTERN.test(o.name)) continue;
    const key = `${o.source.path.join('\u0000')}\u0000${o.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({
      path: o.source.path,
      anchor: o.source.anchor,
      message: userpass
        ? `${o.source.what} "${o.name}" is not a userpass login name: Vault reads it from the path auth/${o.scope}/login/<name>, which takes letters, digits, "_", "-" and "." (not first or last)`
        : `${o.source.what} becomes the Vault ${o.family} "${o.name}", which breaks Vault's name rule \\w([\\w.-]*\\w)?`,
      fix: userpass ? 'use the login name the user types on that mount, e.g. "alice"' : 'rename it: letters, digits, "_", "-" and ".", with a letter, digit or "_" first and last',
    });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// One Vault object per topology entry

const samePath = (a: IssuePath, b: IssuePath) => a.length === b.length && a.every((s, i) => s === b[i]);

function pathText(path: IssuePath): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.');
}

function collisionIssues(objects: readonly PlannedObject[], plan: AccessPlan): DraftIssue[] {
  const byKey = new Map<string, PlannedObject[]>();
  for (const o of objects) byKey.set(objectKey(o), [...(byKey.get(objectKey(o)) ?? []), o]);
  // One issue per set of colliding entries, listing every object they share.
  const byEntries = new Map<string, PlannedObject[][]>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => compareStrings(pathText(a.source.path), pathText(b.source.path)));
    const entries = sorted.map((o) => pathText(o.source.path)).join('\u0000');
    byEntries.set(entries, [...(byEntries.get(entries) ?? []), sorted]);
  }
  const issues: DraftIssue[] = [];
  for (const groups of byEntries.values()) {
    const [first, ...rest] = groups[0];
    const last = rest[rest.length - 1];
    const others = [first, ...rest.slice(0, -1)].filter((o) => !samePath(o.source.path, last.source.path));
    const alias = groups.find((g) => g[0].family === 'entity alias');
    const text = alias ? aliasCollision(alias, plan) : { message: objectMessage(groups), fix: 'rename one of them' };
    issues.push({
      path: last.source.path,
      anchor: last.source.anchor,
      ...text,
      ...(others.length ? { related: others.map((o) => ({ path: o.source.path, anchor: o.source.anchor })) } : {}),
    });
  }
  return issues;
}

function both(whats: readonly string[]): string {
  return whats.length === 2 ? `${whats[0]} and ${whats[1]} both` : `${whats.slice(0, -1).join(', ')} and ${whats[whats.length - 1]} all`;
}

function objectMessage(groups: readonly PlannedObject[][]): string {
  const [sample] = groups;
  const whats = both(sample.map((o) => o.source.what));
  const objects = groups.map((g) => `${g[0].family} "${g[0].name}"`).join(', ');
  const names = uniqueSorted(groups.flatMap((g) => g.map((o) => o.name)));
  const caseNote = names.length > 1 && groups.some((g) => isCaseInsensitive(g[0].family)) ? ` (${names.map((n) => `"${n}"`).join(' and ')} differ only in case, which Vault ignores for these names)` : '';
  const entity = groups.some((g) => g[0].family === 'identity entity');
  const effect = entity ? 'one identity: each would get the access of both' : 'one Vault object: each write would replace the other';
  return `${whats} become the Vault ${objects}${caseNote}, so they would be ${effect}`;
}

function aliasCollision(group: readonly PlannedObject[], plan: AccessPlan): { message: string; fix: string } {
  const mount = group[0].scope;
  const names = uniqueSorted(group.map((o) => o.name));
  const logins = group.map((o) => loginOf(o, plan));
  const caseNote = names.length > 1 ? ` (${names.map((n) => `"${n}"`).join(' and ')} differ only in case, which Vault ignores for aliases)` : '';
  const whats = both(group.map((o) => o.source.what));
  const oneAlias = 'Vault keeps one alias per mount and name';
  if (logins.every((l) => l?.kind === 'kubernetes')) {
    const l = logins[0] as Extract<LoginRolePlan, { kind: 'kubernetes' }>;
    return {
      message: `${whats} admit service account "${l.serviceAccount}" in namespace "${l.namespace}" on auth mount "${mount}": a pod running as it can use either login role, and ${oneAlias}, so the agents are one identity`,
      fix: 'give each agent its own service account (a YAML anchor shares one)',
    };
  }
  if (logins.every((l) => l?.kind === 'jwt')) {
    return {
      message: `${whats} bind JWT subject "${names[0]}" on auth mount "${mount}"${caseNote}: a workload with that subject can log in through either role whatever its audience, and ${oneAlias}, so the agents are one identity`,
      fix: 'give each agent its own JWT subject, or its own jwt mount',
    };
  }
  return {
    message: `${whats} sign in as "${names[0]}" on auth mount "${mount}"${caseNote}: ${oneAlias}, so whoever signs in as "${names[0]}" is all of them`,
    fix: 'give each user their own login name on the mount (users.<name>.alias, which defaults to the user name)',
  };
}

function loginOf(o: PlannedObject, plan: AccessPlan): LoginRolePlan | undefined {
  const [section, name] = o.source.path;
  return section === 'agents' ? plan.loginRoles.find((r) => r.agent === name) : undefined;
}

// ---------------------------------------------------------------------------------------------
// TTL limits

interface Governed {
  readonly agent: string;
  /** Principal id of the object, as the TTL rule reports it (a suppression may name it). */
  readonly principal: string;
  readonly what: string;
  readonly seconds: number;
}

interface TtlField {
  readonly field: 'accessTokenTtl' | 'idTokenTtl' | 'identityTokenTtl' | 'loginTokenTtl';
  readonly rule: string;
  readonly limit: number;
  readonly limitName: string;
  readonly tokens: string;
  readonly objects: readonly Governed[];
}

/** Principal-id prefixes of access-types.ts: a suppression `resource` with one names a principal, else a Terraform address. */
const PRINCIPAL_PREFIXES = ['entity:', 'group:', 'login-role:', 'oidc-client:', 'identity-token-role:', 'agent-registration:'];

function ttlFields(plan: AccessPlan, limits: { readonly access: number; readonly login: number }): TtlField[] {
  const clients = plan.clients.map((c) => ({ agent: clientOwner(plan.delegation, c.name), principal: `oidc-client:${c.name}`, what: `client "${c.name}"`, c }));
  const roles = [
    ...plan.identityTokenRoles.map((r) => ({ agent: r.agent, name: r.name, ttl: r.ttlSeconds })),
    ...(plan.delegation?.actors ?? []).map((a) => ({ agent: a.agent, name: a.tokenRole.name, ttl: a.tokenRole.ttlSeconds })),
  ];
  const access = { limit: limits.access, limitName: 'access-token limit (--max-access-ttl)' };
  const login = { limit: limits.login, limitName: 'login-token limit (--max-login-ttl)' };
  return [
    { field: 'idTokenTtl', rule: RULE_ID.TTL_OIDC_TOKEN, ...access, tokens: 'ID tokens', objects: clients.map(({ c, ...o }) => ({ ...o, seconds: c.idTokenTtlSeconds })) },
    { field: 'accessTokenTtl', rule: RULE_ID.TTL_OIDC_TOKEN, ...access, tokens: 'access tokens', objects: clients.map(({ c, ...o }) => ({ ...o, seconds: c.accessTokenTtlSeconds })) },
    {
      field: 'identityTokenTtl',
      rule: RULE_ID.TTL_IDENTITY_TOKEN,
      ...access,
      tokens: 'identity tokens',
      objects: roles.map((r) => ({ agent: r.agent, principal: `identity-token-role:${r.name}`, what: `identity-token role "${r.name}"`, seconds: r.ttl })),
    },
    {
      field: 'loginTokenTtl',
      rule: RULE_ID.TTL_LOGIN_TOKEN,
      ...login,
      tokens: 'Vault login tokens',
      objects: plan.loginRoles.map((r) => ({
        agent: r.agent,
        principal: `login-role:${r.mountPath}/${r.roleName}`,
        what: `login role "${r.roleName}"`,
        seconds: Math.max(r.tokenTtlSeconds, r.tokenMaxTtlSeconds),
      })),
    },
  ];
}

function ttlIssues(plan: AccessPlan, limits: { readonly access: number; readonly login: number }): DraftIssue[] {
  const issues: DraftIssue[] = [];
  for (const f of ttlFields(plan, limits)) {
    const suppressions = plan.suppressions.filter((s) => s.rule === f.rule);
    // A suppression naming a Terraform address could match any of these objects: the in-memory
    // synth that validation runs after this decides those exactly.
    if (suppressions.some((s) => s.resource !== undefined && !PRINCIPAL_PREFIXES.some((p) => s.resource!.startsWith(p)))) continue;
    // Indexed once per field, not searched per object (that grew with objects × suppressions).
    const wholeAgents = new Set(suppressions.filter((s) => s.resource === undefined).map((s) => s.agent));
    const principals = new Set(suppressions.flatMap((s) => (s.resource === undefined ? [] : [s.resource])));
    const accepted = (o: Governed) => wholeAgents.has(o.agent) || principals.has(o.principal);
    const over = f.objects.filter((o) => o.seconds > f.limit && !accepted(o));
    if (over.length === 0) continue;
    const seconds = over.reduce((max, o) => Math.max(max, o.seconds), 0);
    const agents = uniqueSorted(over.map((o) => o.agent));
    issues.push({
      path: ['defaults', f.field],
      anchor: 'value',
      message: `${f.tokens} would live ${formatDuration(seconds)}, longer than the ${formatDuration(f.limit)} ${f.limitName} the synth-time checks (${f.rule}) enforce, for ${uniqueSorted(over.map((o) => o.what)).join(', ')}`,
      fix: `set defaults.${f.field} to at most ${formatDuration(f.limit)}, or accept it with ${agents.map((a) => `agents.${a}.suppressions`).join(', ')}: [{ rule: ${f.rule}, reason }]`,
    });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// The delegation bound

function boundWarnings(plan: AccessPlan): DraftIssue[] {
  const delegation = plan.delegation;
  if (!delegation?.tokenExchange) return [];
  return delegation.actors.flatMap((actor): DraftIssue[] => {
    const users = uniqueSorted(
      delegation.partitions.flatMap((p) => (p.bounds ?? []).some((b) => b.actor === actor.agent && b.scopes.length === 0) ? p.users : []),
    );
    if (users.length === 0) return [];
    return [
      {
        path: ['agents', actor.agent, 'actsFor'],
        anchor: 'key',
        message: `agent "${actor.agent}" can do nothing for ${users.join(', ')}: they cannot obtain any of its grants (${actor.tokenRole.scopes.join(', ')}) by signing in, and a delegated token never carries more than its user could obtain, so it gets no token-exchange role for them`,
        fix: 'list those users (or a group of theirs) in the oidc.users of a client agent that calls with those grants, or remove them from actsFor',
      },
    ];
  });
}
