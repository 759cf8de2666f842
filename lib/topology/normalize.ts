/**
 * Valid topology → normalized topology. Pure and total on valid input (validation runs first):
 * defaults applied, durations in seconds, maps turned into name-sorted arrays, set-like lists
 * sorted and de-duplicated, calls to the same agent merged. Key and list order in the input
 * therefore cannot change the output.
 */
import { parseDuration, type Duration } from './duration';
import { GRANT_PATTERN } from './names';
import {
  DEFAULT_MAY_ACT_FORM,
  DEFAULT_TOPOLOGY_NAME,
  DEFAULT_TTL_SECONDS,
  type NormalizedAgent,
  type NormalizedAgentTtl,
  type NormalizedSigningKey,
  type NormalizedCall,
  type NormalizedGrant,
  type NormalizedLogin,
  type NormalizedMembers,
  type NormalizedSkill,
  type NormalizedSuppression,
  type NormalizedTokenExchange,
  type NormalizedTopology,
} from './normalized';
import { normalizeCertLogin, normalizeExternalGroups } from './normalize-identity';
import { normalizeAudit } from './normalize-audit';
import { normalizeRegistration, normalizeResourceServers } from './normalize-registry';
import type {
  AgentSpec,
  AgentSuppressionSpec,
  AgentTtlSpec,
  AuthMountSpec,
  CallSpec,
  LoginSpec,
  SigningKeySpec,
  SkillSpec,
  TokenExchangeSpec,
  Topology,
} from './schema';
import { compareByName, compareStrings, uniqueSorted } from '../vault/order';

function sortedSet(values: readonly string[] | undefined): string[] {
  return uniqueSorted(values ?? []);
}

function entries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => compareStrings(a, b));
}

function seconds(value: Duration | undefined): number {
  return value === undefined ? DEFAULT_TTL_SECONDS : (parseDuration(value) as number);
}

function normalizeSkill(skill: SkillSpec): NormalizedSkill {
  return {
    id: skill.id,
    actions: sortedSet(skill.actions),
    ...(skill.description !== undefined ? { description: skill.description } : {}),
    public: skill.public ?? true,
  };
}

function normalizeLogin(login: LoginSpec, mounts: Readonly<Record<string, AuthMountSpec>>, baseDir: string): NormalizedLogin {
  const type = mounts[login.mount].type;
  switch (type) {
    case 'kubernetes':
      return {
        kind: 'kubernetes',
        mount: login.mount,
        serviceAccount: login.serviceAccount as string,
        namespace: login.namespace as string,
        ...(login.audience !== undefined ? { audience: login.audience } : {}),
      };
    case 'jwt':
      return { kind: 'jwt', mount: login.mount, subject: login.subject as string, audiences: sortedSet(login.audiences) };
    case 'approle':
      return {
        kind: 'approle',
        mount: login.mount,
        ...(login.secretIdTtl !== undefined ? { secretIdTtlSeconds: parseDuration(login.secretIdTtl) as number } : {}),
        ...(login.secretIdNumUses !== undefined ? { secretIdNumUses: login.secretIdNumUses } : {}),
        ...(login.secretIdBoundCidrs !== undefined ? { secretIdBoundCidrs: sortedSet(login.secretIdBoundCidrs) } : {}),
        ...(login.tokenBoundCidrs !== undefined ? { tokenBoundCidrs: sortedSet(login.tokenBoundCidrs) } : {}),
      };
    case 'cert':
      return normalizeCertLogin(login, baseDir);
    default:
      throw new Error(`normalizeLogin: mount "${login.mount}" of type ${type} cannot be a login (validation should have refused it)`);
  }
}

function parseGrant(grant: string): NormalizedGrant {
  const [, skill, action] = GRANT_PATTERN.exec(grant) as RegExpExecArray;
  return { skill, action };
}

function normalizeCalls(calls: readonly CallSpec[] | undefined): NormalizedCall[] {
  const grantsByAgent = new Map<string, Set<string>>();
  for (const call of calls ?? []) {
    const grants = grantsByAgent.get(call.agent) ?? new Set<string>();
    call.grants.forEach((grant) => grants.add(grant));
    grantsByAgent.set(call.agent, grants);
  }
  return [...grantsByAgent]
    .map(([agent, grants]) => ({
      agent,
      grants: [...grants].map(parseGrant).sort((a, b) => compareStrings(a.skill, b.skill) || compareStrings(a.action, b.action)),
    }))
    .sort((a, b) => compareStrings(a.agent, b.agent));
}

/** `["alice", "group:staff"]` → `{ users: ["alice"], groups: ["staff"] }`, sorted, no duplicates. */
function normalizeMembers(members: readonly string[]): NormalizedMembers {
  return {
    users: sortedSet(members.filter((m) => !m.startsWith('group:'))),
    groups: sortedSet(members.filter((m) => m.startsWith('group:')).map((m) => m.slice('group:'.length))),
  };
}

function normalizeAgent(name: string, agent: AgentSpec, mounts: Readonly<Record<string, AuthMountSpec>>, baseDir: string): NormalizedAgent {
  // One owner per agent (validation refuses two different ones): the registration's, or the agent's.
  const owner = agent.owner ?? agent.registry?.owner;
  return {
    name,
    ...(agent.description !== undefined ? { description: agent.description } : {}),
    ...(owner !== undefined ? { owner } : {}),
    ...agentTtl(agent.ttl),
    ...(agent.suppressions?.length ? { suppressions: normalizeSuppressions(agent.suppressions) } : {}),
    ...(agent.url !== undefined ? { url: agent.url } : {}),
    skills: (agent.skills ?? []).map(normalizeSkill).sort((a, b) => compareStrings(a.id, b.id)),
    ...(agent.login !== undefined ? { login: normalizeLogin(agent.login, mounts, baseDir) } : {}),
    ...(agent.oidc !== undefined
      ? {
          oidc: {
            redirectUris: sortedSet(agent.oidc.redirectUris),
            members: normalizeMembers(agent.oidc.users),
            ...(agent.oidc.clientGeneration !== undefined ? { clientGeneration: agent.oidc.clientGeneration } : {}),
          },
        }
      : {}),
    headless: agent.headless ?? false,
    ...(agent.registry !== undefined ? { registry: normalizeRegistration({ ...agent.registry, ...(owner !== undefined ? { owner } : {}) }) } : {}),
    calls: normalizeCalls(agent.calls),
    // An empty `actsFor: []` delegates nothing and is dropped, like an absent one.
    ...(agent.actsFor !== undefined && agent.actsFor.length > 0 ? { actsFor: normalizeMembers(agent.actsFor) } : {}),
  };
}

/** `{ ttl }` with the durations an agent sets, or nothing when it sets none. */
function agentTtl(spec: AgentTtlSpec | undefined): { readonly ttl?: NormalizedAgentTtl } {
  const ttl: Record<string, number> = {};
  const fields = [
    ['accessTokenTtl', 'accessTokenSeconds'],
    ['idTokenTtl', 'idTokenSeconds'],
    ['identityTokenTtl', 'identityTokenSeconds'],
    ['loginTokenTtl', 'loginTokenSeconds'],
  ] as const;
  for (const [from, to] of fields) if (spec?.[from] !== undefined) ttl[to] = parseDuration(spec[from]) as number;
  return Object.keys(ttl).length > 0 ? { ttl } : {};
}

function normalizeSigningKey(spec: SigningKeySpec | undefined): { readonly signingKey?: NormalizedSigningKey } {
  if (spec === undefined) return {};
  const key = {
    ...(spec.rotationPeriod !== undefined ? { rotationPeriodSeconds: parseDuration(spec.rotationPeriod) as number } : {}),
    ...(spec.verificationTtl !== undefined ? { verificationTtlSeconds: parseDuration(spec.verificationTtl) as number } : {}),
    ...(spec.algorithm !== undefined ? { algorithm: spec.algorithm } : {}),
  };
  return Object.keys(key).length > 0 ? { signingKey: key } : {};
}

function normalizeSuppressions(list: readonly AgentSuppressionSpec[]): NormalizedSuppression[] {
  const unique = new Map<string, NormalizedSuppression>();
  for (const s of list) {
    const key = `${s.rule}\u0000${s.resource ?? ''}`;
    if (!unique.has(key)) unique.set(key, { rule: s.rule, ...(s.resource !== undefined ? { resource: s.resource } : {}), reason: s.reason.trim() });
  }
  return [...unique.values()].sort((a, b) => compareStrings(a.rule, b.rule) || compareStrings(a.resource ?? '', b.resource ?? ''));
}

/** Vault's address without a trailing "/", so URLs derived from it never contain "//". */
function normalizeAddress(address: string): string {
  return address.replace(/\/+$/, '');
}

/** `baseDir`: where the files the topology names are read from (validation read them already). */
export function normalizeValidTopology(topology: Topology, baseDir: string): NormalizedTopology {
  const mounts = topology.authMounts ?? {};
  const defaults = topology.defaults ?? {};
  return {
    name: topology.name ?? DEFAULT_TOPOLOGY_NAME,
    vault: {
      address: normalizeAddress(topology.vault.address),
      ...(topology.vault.namespace !== undefined ? { namespace: topology.vault.namespace } : {}),
    },
    ttl: {
      accessTokenSeconds: seconds(defaults.accessTokenTtl),
      idTokenSeconds: seconds(defaults.idTokenTtl),
      identityTokenSeconds: seconds(defaults.identityTokenTtl),
      loginTokenSeconds: seconds(defaults.loginTokenTtl),
    },
    ...normalizeSigningKey(topology.signingKey),
    mounts: entries(mounts).map(([name, mount]) => ({ name, type: mount.type, path: mount.path, ...(mount.groupsClaim !== undefined ? { groupsClaim: mount.groupsClaim } : {}) })),

    users: entries(topology.users).map(([name, user]) => ({
      name,
      mount: user.mount,
      alias: user.alias ?? name,
      groups: sortedSet(user.groups),
    })),
    groups: entries(topology.groups).map(([name, group]) => ({
      name,
      ...(group.description !== undefined ? { description: group.description } : {}),
    })),
    ...normalizeExternalGroups(topology.externalGroups),
    ...normalizeResourceServers(topology.resourceServers),
    agents: entries(topology.agents)
      .map(([name, agent]) => normalizeAgent(name, agent, mounts, baseDir))
      .sort(compareByName),
    ...(topology.tokenExchange !== undefined ? { tokenExchange: normalizeTokenExchange(topology.tokenExchange) } : {}),
    ...(topology.delegation !== undefined ? { delegation: { mayActForm: topology.delegation.mayActForm ?? DEFAULT_MAY_ACT_FORM } } : {}),
    ...normalizeAudit(topology.audit),
  };
}

function normalizeTokenExchange(spec: TokenExchangeSpec): NormalizedTokenExchange {
  return {
    mount: spec.mount,
    plugin: spec.plugin,
    // Verbatim: the issuer is compared as an exact string by whoever verifies delegated tokens.
    ...(spec.issuer !== undefined ? { issuer: spec.issuer } : {}),
    ttlSeconds: seconds(spec.ttl),
  };
}
