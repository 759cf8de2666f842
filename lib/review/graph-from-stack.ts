/**
 * The access graph of a synthesized stack, from the effective-access model of lib/analysis: what
 * Vault would actually allow, whatever topology (or hand-written Terraform) produced the stack.
 * For a stack synthesized from a topology it equals `graphFromTopology` (tested on the examples).
 *
 * A stack does not say which agent serves what: servers are read from the claims the tokens carry,
 * named `<server>.<skill>.<action>` by this project's convention. Claims that do not follow it
 * cannot be drawn as calls and are returned in `unmapped`, so the caller can say so.
 *
 * Nor does a stack say which agent a Vault OIDC client belongs to: a client whose credentials
 * exactly one agent can read is drawn as that agent (this is how the sign-in partitions of a
 * delegating agent fold back into it); any other client is drawn under its own name.
 */
import type { EffectiveAccess, PrincipalAccess } from '../analysis/access-types';
import { IdentityIndex } from '../analysis/identity-links';
import type { StackModel } from '../analysis/model';
import { ACTOR_GRANTS_CLAIM } from '../plan/compile-delegation';
import { AGENT_CLAIM, grantLabel, MAY_ACT_CLAIM, USER_CLAIM } from '../plan/naming';
import { compareEdges, dedupeEdges, type AgentRole, type GraphEdge, type GraphModel, type PrincipalNode } from './graph-model';
import { compareStrings } from '../vault/order';

export interface StackGraph {
  readonly graph: GraphModel;
  /** What could not be drawn, one sentence each, sorted. */
  readonly unmapped: readonly string[];
}

/**
 * Delegation claims, not grants on a server: `may_act` (who may act for the token's subject) is
 * drawn as acts-for edges; `actor_grants` (what an actor token lets the actor do for a user)
 * repeats the actor's own grants, which its call roles already draw. Agent metadata claims
 * (`a2a_agent`, `a2a_user`: who the token comes from, for whom) grant nothing.
 */
const DELEGATION_CLAIMS: ReadonlySet<string> = new Set([MAY_ACT_CLAIM, ACTOR_GRANTS_CLAIM, AGENT_CLAIM, USER_CLAIM]);
const CONVENTIONAL_CLAIM = /^([a-z][a-z0-9_-]*)\.([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$/;

export function graphFromStack(analysis: { readonly model: StackModel; readonly access: EffectiveAccess }): StackGraph {
  const { model, access } = analysis;
  const principals = Object.values(access.principals);
  const ofKind = (kind: PrincipalAccess['kind']) => principals.filter((p) => p.kind === kind);
  const index = new IdentityIndex(model);
  const unmapped = new Set<string>();

  const owner = (client: string): string => {
    const readers = (access.principals[`oidc-client:${client}`]?.obtainableBy ?? []).filter((id) => access.principals[id]?.kind === 'agent');
    return readers.length === 1 ? access.principals[readers[0]!]!.name : client;
  };

  const userNames = new Set(ofKind('user').map((p) => p.name));
  const groupNames = new Set(ofKind('group').map((p) => p.name));
  const edges: GraphEdge[] = [];

  // Membership, nested groups included: a member of an inner group is in the outer one too.
  for (const entity of model.entities.filter((e) => userNames.has(e.name)))
    for (const group of index.groupsOf(entity.address)) edges.push({ kind: 'member-of', user: entity.name, group: group.name });

  // Sign-in: the entities and groups each client's assignments list; `allow_all` admits every user.
  const assignments = new Map(model.assignments.map((a) => [a.name, a]));
  const signIns = new Map<string, GraphEdge>();
  const signIn = (principal: PrincipalNode, client: string) =>
    signIns.set(`${principal.kind}\u0000${principal.name}\u0000${owner(client)}`, { kind: 'signs-in', principal, client: owner(client) });
  for (const client of model.clients) {
    for (const name of client.assignments) {
      if (name === 'allow_all') {
        for (const user of userNames) signIn({ kind: 'user', name: user }, client.name);
        continue;
      }
      const assignment = assignments.get(name);
      for (const id of assignment?.entityIds ?? []) {
        const entity = index.entityOf(id);
        if (entity && userNames.has(entity.name)) signIn({ kind: 'user', name: entity.name }, client.name);
      }
      for (const id of assignment?.groupIds ?? []) {
        const group = index.groupOf(id);
        if (group) signIn({ kind: 'group', name: group.name }, client.name);
      }
    }
  }
  edges.push(...signIns.values());

  // Calls: browser grants are the scopes a client's providers offer it; headless grants the claims
  // of the identity tokens an agent can mint.
  const calls = new Map<string, { client: string; server: string; flow: 'browser' | 'headless'; grants: Set<string> }>();
  const addCall = (client: string, flow: 'browser' | 'headless', claim: string, source: string) => {
    if (DELEGATION_CLAIMS.has(claim)) return;
    const match = CONVENTIONAL_CLAIM.exec(claim);
    if (!match) {
      unmapped.add(`${source}: claim "${claim}" does not name a server as <server>.<skill>.<action>`);
      return;
    }
    const [, server, skill, action] = match;
    const key = `${client}\u0000${server}\u0000${flow}`;
    const call = calls.get(key) ?? { client, server, flow, grants: new Set<string>() };
    call.grants.add(grantLabel(skill, action));
    calls.set(key, call);
  };
  for (const client of ofKind('oidc-client'))
    for (const s of client.scopes.filter((x) => x.as === 'client'))
      for (const claim of s.claims.length > 0 ? s.claims : [s.scope]) addCall(owner(client.name), 'browser', claim, `scope ${s.scope} of provider ${s.provider}`);
  for (const agent of ofKind('agent'))
    for (const token of agent.identityTokens) for (const claim of token.claims) addCall(agent.name, 'headless', claim, `identity-token role ${token.role}`);
  for (const call of calls.values()) edges.push({ kind: 'calls', ...call, grants: [...call.grants].sort(compareStrings) });

  // Delegation: may_act claims name the actor's entity; the subject is whoever holds the token.
  for (const agent of ofKind('agent')) {
    for (const entry of agent.actsFor) {
      const subject = entry.subject ? access.principals[entry.subject] : undefined;
      if (subject && (subject.kind === 'user' || subject.kind === 'group')) {
        edges.push({ kind: 'acts-for', actor: agent.name, subject: { kind: subject.kind, name: subject.name } });
      } else {
        unmapped.add(`${entry.via}: ${agent.name} may act for ${entry.subject ?? 'an unknown subject'}, which is not a user or group`);
      }
    }
  }

  const callers = new Set([...ofKind('oidc-client').map((p) => owner(p.name)), ...[...calls.values()].map((c) => c.client)]);
  const servers = new Set([...calls.values()].map((c) => c.server));
  const agentNames = new Set([...ofKind('agent').map((p) => p.name), ...callers, ...servers]);
  const role = (name: string): AgentRole =>
    servers.has(name) && callers.has(name) ? 'client-and-server' : servers.has(name) ? 'server' : 'client';

  return {
    graph: {
      users: [...userNames].sort(compareStrings),
      groups: [...groupNames].sort(compareStrings),
      agents: [...agentNames].sort(compareStrings).map((name) => ({ name, role: role(name) })),
      edges: dedupeEdges(edges).sort(compareEdges),
    },
    unmapped: [...unmapped].sort(compareStrings),
  };
}
