/**
 * Rules about what each agent is and whom it calls: roles that make sense together, unique
 * skills and actions, reachable URLs, and calls that name an existing skill and action.
 */
import { RULE_IDS } from '../vault/rule-ids';
import { GRANT_PATTERN } from './names';
import type { DraftIssue, IssuePath } from './path';
import { asList, asMap, asString, get, has, type RawMap } from './raw';
import { isServer, mountsOfTypes, skillsOf, type ResolveContext, type TopologyIndex } from './topology-index';
import { chooseFix } from './suggest';
import { checkRedirectUri, checkServiceUrl } from './urls';

/** Present and not an empty list (an empty `skills: []` or `calls: []` declares nothing). */
function declared(agent: RawMap, field: string): boolean {
  const value = get(agent, field);
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function checkRoles(name: string, agent: RawMap, index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const at: IssuePath = ['agents', name];
  const issues: DraftIssue[] = [];
  const calls = declared(agent, 'calls');
  const headless = get(agent, 'headless') === true;
  const oidc = has(agent, 'oidc');
  if (!declared(agent, 'skills') && !calls && !oidc) {
    issues.push({
      path: at,
      anchor: 'key',
      message: `agent "${name}" does nothing: it has no skills, no calls and no oidc`,
      fix: 'give it skills (a server agent), calls (a client agent) or oidc (browser sign-in), or remove it',
    });
  }
  if (headless && !calls) {
    issues.push({
      path: [...at, 'headless'],
      anchor: 'value',
      message: 'headless: true, but the agent calls no other agent',
      fix: 'remove "headless" or add the calls it makes',
    });
  }
  // A `headless` the schema refused (e.g. "yes") is already reported; its intent is unknown.
  if (calls && !oidc && !headless && !ctx.broken([...at, 'headless'])) {
    issues.push({
      path: [...at, 'calls'],
      anchor: 'key',
      message: 'the agent calls other agents but has neither oidc nor headless: true, so it has no way to get a token',
      fix: 'add oidc (users sign in through a browser) or headless: true (the agent mints identity tokens)',
    });
  }
  // An OIDC client reads its own client secret from Vault, so it needs a login even when it
  // calls nobody (e.g. a sign-in-only client whose users delegate to actor agents).
  if ((calls || oidc) && !has(agent, 'login')) {
    const mounts = mountsOfTypes(index, ['kubernetes', 'jwt', 'approle']);
    issues.push({
      path: [...at, 'login'],
      anchor: 'parent',
      missing: true,
      message: 'is required: a client agent logs in to Vault to read its OIDC client secret or mint identity tokens',
      fix: mounts.length
        ? `add "login" with one of the mounts: ${mounts.sort().join(', ')}`
        : 'add a kubernetes, jwt or approle mount under authMounts and a "login" that uses it',
    });
  }
  if (isServer(agent) && !has(agent, 'url')) {
    issues.push({
      path: [...at, 'url'],
      anchor: 'parent',
      missing: true,
      message: 'is required for a server agent (it has skills)',
      fix: 'add "url": the base URL its Agent Card is served from, e.g. https://agent.example.com',
    });
  }
  return issues;
}

function checkSkills(name: string, agent: RawMap): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const seenSkills = new Map<string, number>();
  (asList(get(agent, 'skills')) ?? []).forEach((skill, i) => {
    const at: IssuePath = ['agents', name, 'skills', i];
    const id = asString(get(asMap(skill), 'id'));
    if (id !== undefined) {
      const first = seenSkills.get(id);
      if (first !== undefined) {
        issues.push({ path: [...at, 'id'], anchor: 'value', message: `duplicate skill id "${id}" (also skills[${first}])`, fix: 'merge the two skills or rename one' });
      } else seenSkills.set(id, i);
    }
    const seenActions = new Set<string>();
    (asList(get(asMap(skill), 'actions')) ?? []).forEach((action, k) => {
      if (typeof action !== 'string') return;
      if (seenActions.has(action)) {
        issues.push({ path: [...at, 'actions', k], anchor: 'value', message: `duplicate action "${action}" in skill "${id ?? '?'}"`, fix: 'list each action once' });
      }
      seenActions.add(action);
    });
  });
  return issues;
}

function checkUrls(name: string, agent: RawMap): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const url = asString(get(agent, 'url'));
  const urlProblem = url === undefined ? undefined : checkServiceUrl(url);
  if (urlProblem) issues.push({ path: ['agents', name, 'url'], anchor: 'value', ...urlProblem });
  (asList(get(asMap(get(agent, 'oidc')), 'redirectUris')) ?? []).forEach((uri, i) => {
    const problem = typeof uri === 'string' ? checkRedirectUri(uri) : undefined;
    if (problem) issues.push({ path: ['agents', name, 'oidc', 'redirectUris', i], anchor: 'value', ...problem });
  });
  return issues;
}

function grantChoices(skills: ReadonlyMap<string, readonly string[]>): string[] {
  return [...skills].flatMap(([skill, actions]) => actions.map((action) => `${skill}:${action}`));
}

function checkGrants(target: string, targetSpec: RawMap, grants: readonly unknown[], at: IssuePath): DraftIssue[] {
  const skills = skillsOf(targetSpec);
  const issues: DraftIssue[] = [];
  grants.forEach((grant, j) => {
    const match = typeof grant === 'string' ? GRANT_PATTERN.exec(grant) : null;
    if (!match) return; // malformed grants are schema issues
    const [, skill, action] = match;
    const actions = skills.get(skill);
    const path = [...at, 'grants', j];
    if (actions === undefined) {
      issues.push({
        path,
        anchor: 'value',
        message: `agent "${target}" has no skill "${skill}" (its skills: ${[...skills.keys()].sort().join(', ')})`,
        fix: chooseFix(grant as string, grantChoices(skills), `add skill "${skill}" to agent "${target}"`),
      });
    } else if (!actions.includes(action)) {
      issues.push({
        path,
        anchor: 'value',
        message: `skill "${skill}" of agent "${target}" has no action "${action}" (its actions: ${[...new Set(actions)].sort().join(', ')})`,
        fix: chooseFix(grant as string, actions.map((a) => `${skill}:${a}`), `add action "${action}" to skill "${skill}"`),
      });
    }
  });
  return issues;
}

function checkCalls(name: string, agent: RawMap, index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const issues: DraftIssue[] = [];
  // Only a refused call needs the list (for a suggestion): listing every server for every agent
  // would make validation quadratic in the number of agents.
  const servers = (): string[] => [...index.agents].filter(([other, spec]) => other !== name && isServer(spec)).map(([other]) => other);
  (asList(get(agent, 'calls')) ?? []).forEach((call, i) => {
    const at: IssuePath = ['agents', name, 'calls', i];
    const target = asString(get(asMap(call), 'agent'));
    if (target === undefined) return;
    if (!index.agents.has(target)) {
      issues.push({
        path: [...at, 'agent'],
        anchor: 'value',
        message: `unknown agent "${target}"`,
        fix: chooseFix(target, servers(), `define agent "${target}" with skills and url, or remove this call`),
      });
      return;
    }
    if (target === name) {
      issues.push({ path: [...at, 'agent'], anchor: 'value', message: 'an agent cannot call itself', fix: 'remove this call' });
      return;
    }
    const targetSpec = index.agents.get(target);
    // A target that failed the schema may have lost skills in the data we see: do not guess.
    if (targetSpec === undefined || ctx.broken(['agents', target, 'skills'])) return;
    if (!isServer(targetSpec)) {
      issues.push({
        path: [...at, 'agent'],
        anchor: 'value',
        message: `agent "${target}" serves no skills, so it cannot be called`,
        fix: chooseFix(target, servers(), `add skills and url to agent "${target}"`),
      });
      return;
    }
    issues.push(...checkGrants(target, targetSpec, asList(get(asMap(call), 'grants')) ?? [], at));
  });
  return issues;
}

/** Suppressions name rules that exist: a typo must not silently accept nothing. */
function checkSuppressions(name: string, agent: RawMap): DraftIssue[] {
  const issues: DraftIssue[] = [];
  asList(get(agent, 'suppressions'))?.forEach((entry, i) => {
    const rule = asString(get(asMap(entry), 'rule'));
    if (rule === undefined || !/^A2A-[A-Z0-9]+(-[A-Z0-9]+)*$/.test(rule) || RULE_IDS.includes(rule)) return;
    issues.push({
      path: ['agents', name, 'suppressions', i, 'rule'],
      anchor: 'value',
      message: `unknown rule "${rule}"`,
      fix: chooseFix(rule, RULE_IDS, 'use a rule id listed by `vault-a2a check --help` (docs/checks.md explains each)'),
    });
  });
  return issues;
}

export function checkAgents(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  return [...index.agents].flatMap(([name, agent]) =>
    agent === undefined
      ? []
      : [
          ...checkRoles(name, agent, index, ctx),
          ...checkSkills(name, agent),
          ...checkUrls(name, agent),
          ...checkCalls(name, agent, index, ctx),
          ...checkSuppressions(name, agent),
        ],
  );
}
