/**
 * Who can reach whom, as a graph: users, groups, client and server agents, and the edges that
 * grant access (membership, sign-in, calls with their grants, delegation). Renderers (Mermaid)
 * take only this model; it is built from a topology here and from a synthesized stack's
 * effective access (lib/analysis) in graph-from-stack.ts.
 */
import { compile } from '../plan/compile';
import { clientOwner } from '../plan/compile-delegation';
import { grantLabel } from '../plan/naming';
import type { AccessPlan } from '../plan/types';
import type { NormalizedAgent, NormalizedTopology } from '../topology/normalized';
import { compareStrings, sorted } from '../vault/order';

/** Where an agent sits in the picture; an agent that both serves skills and calls others is both. */
export type AgentRole = 'client' | 'server' | 'client-and-server';

export type PrincipalNode = { readonly kind: 'user' | 'group'; readonly name: string };

export type GraphEdge =
  | { readonly kind: 'member-of'; readonly user: string; readonly group: string }
  | { readonly kind: 'signs-in'; readonly principal: PrincipalNode; readonly client: string }
  | {
      readonly kind: 'calls';
      readonly client: string;
      readonly server: string;
      /** browser: OIDC scopes of the client's provider; headless: claims of its identity token. */
      readonly flow: 'browser' | 'headless';
      /** `<skill>:<action>`, sorted. */
      readonly grants: readonly string[];
    }
  | {
      /**
       * Delegation (RFC 8693): `actor` may act on behalf of `subject`. From a topology: each user
       * an agent's `actsFor` reaches (groups expanded, as the compiler names users one by one in
       * may_act) and who signs in somewhere; from a stack: its `may_act` claims.
       */
      readonly kind: 'acts-for';
      readonly actor: string;
      readonly subject: PrincipalNode;
    };

export interface GraphModel {
  readonly users: readonly string[];
  readonly groups: readonly string[];
  readonly agents: readonly { readonly name: string; readonly role: AgentRole }[];
  /** In a fixed order: by kind (as listed in GraphEdge), then by the names they connect. */
  readonly edges: readonly GraphEdge[];
}

function roleOf(agent: NormalizedAgent, called: ReadonlySet<string>): AgentRole {
  const serves = agent.skills.length > 0 || called.has(agent.name);
  // An agent with only a login or only oidc is still on the calling side: it holds Vault access.
  const calls = agent.calls.length > 0 || agent.oidc !== undefined || agent.headless;
  return serves && calls ? 'client-and-server' : serves ? 'server' : 'client';
}

/** Scope names are `<server>.<skill>.<action>`; "." cannot occur in any of the three (naming.ts). */
function grantOfScope(scope: string): string {
  const [, skill, action] = scope.split('.');
  return grantLabel(skill, action);
}

const EDGE_ORDER: Readonly<Record<GraphEdge['kind'], number>> = { 'member-of': 0, 'signs-in': 1, calls: 2, 'acts-for': 3 };

function edgeKey(e: GraphEdge): string {
  switch (e.kind) {
    case 'member-of':
      return `${e.user}\u0000${e.group}`;
    case 'signs-in':
      return `${e.principal.kind}\u0000${e.principal.name}\u0000${e.client}`;
    case 'calls':
      return `${e.client}\u0000${e.server}\u0000${e.flow}`;
    case 'acts-for':
      return `${e.actor}\u0000${e.subject.kind}\u0000${e.subject.name}`;
  }
}

export function compareEdges(a: GraphEdge, b: GraphEdge): number {
  return EDGE_ORDER[a.kind] - EDGE_ORDER[b.kind] || compareStrings(edgeKey(a), edgeKey(b));
}

/**
 * The graph of a topology; edges come from the compiled plan's grants, as Vault will see them.
 * A client agent split into sign-in partitions for delegation (one Vault client per delegation
 * set) is drawn once, under its own name: the partitions are how Vault enforces may_act, not
 * separate agents.
 */
export function graphFromTopology(topology: NormalizedTopology, plan: AccessPlan = compile(topology)): GraphModel {
  const owner = (client: string) => clientOwner(plan.delegation, client);
  const called = new Set(topology.agents.flatMap((a) => a.calls.map((c) => c.agent)));
  const edges: GraphEdge[] = plan.groups.flatMap((g) => g.members.map((user): GraphEdge => ({ kind: 'member-of', user, group: g.name })));

  const calls = new Map<string, { client: string; server: string; flow: 'browser' | 'headless'; grants: Set<string> }>();
  const addCall = (client: string, server: string, flow: 'browser' | 'headless', grant: string) => {
    const key = `${client}\u0000${server}\u0000${flow}`;
    const call = calls.get(key) ?? { client, server, flow, grants: new Set<string>() };
    call.grants.add(grant);
    calls.set(key, call);
  };
  for (const grant of plan.grants) {
    switch (grant.kind) {
      case 'sign-in':
        if (grant.principal.kind !== 'agent') edges.push({ kind: 'signs-in', principal: { kind: grant.principal.kind, name: grant.principal.name }, client: owner(grant.client) });
        break;
      case 'scope':
        addCall(owner(grant.client), grant.server, 'browser', grant.grant);
        break;
      case 'identity-token':
        for (const scope of grant.scopes) addCall(grant.principal.name, grant.server, 'headless', grantOfScope(scope));
        break;
      case 'act-for':
        // A user who signs in nowhere gets no ID token, so no may_act names the actor for them.
        if (grant.clients.length > 0) edges.push({ kind: 'acts-for', actor: grant.principal.name, subject: { kind: 'user', name: grant.user } });
        break;
      case 'vault-path':
      case 'actor-token':
        break;
    }
  }
  for (const call of calls.values()) edges.push({ kind: 'calls', ...call, grants: [...call.grants].sort(compareStrings) });

  return {
    users: topology.users.map((u) => u.name),
    // Internal and external groups alike: both sign in by group.
    groups: [...topology.groups.map((g) => g.name), ...(topology.externalGroups ?? []).map((g) => g.name)].sort(compareStrings),
    agents: topology.agents.map((a) => ({ name: a.name, role: roleOf(a, called) })),
    edges: dedupeEdges(edges).sort(compareEdges),
  };
}

/** Partitions of one agent give the same sign-in edge more than once. */
export function dedupeEdges(edges: readonly GraphEdge[]): GraphEdge[] {
  const seen = new Map<string, GraphEdge>();
  for (const e of edges) seen.set(`${e.kind}\u0000${edgeKey(e)}`, e);
  return [...seen.values()];
}

/**
 * One graph of several stacks' graphs (an organization's stacks read together): every node once,
 * an agent drawn as client and server when one stack shows it calling and another serving, every
 * edge once (the same grant seen from two stacks is one edge).
 */
export function mergeGraphs(graphs: readonly GraphModel[]): GraphModel {
  const roles = new Map<string, Set<AgentRole>>();
  for (const g of graphs) for (const a of g.agents) roles.set(a.name, new Set([...(roles.get(a.name) ?? []), a.role]));
  const roleOfAll = (set: Set<AgentRole>): AgentRole =>
    set.has('client-and-server') || (set.has('client') && set.has('server')) ? 'client-and-server' : set.has('server') ? 'server' : 'client';
  const edges = new Map<string, GraphEdge>();
  for (const g of graphs) for (const e of g.edges) edges.set(`${e.kind}\u0000${edgeKey(e)}${e.kind === 'calls' ? `\u0000${e.grants.join(',')}` : ''}`, e);
  return {
    users: sorted(new Set(graphs.flatMap((g) => g.users))),
    groups: sorted(new Set(graphs.flatMap((g) => g.groups))),
    agents: sorted(roles.keys()).map((name) => ({ name, role: roleOfAll(roles.get(name)!) })),
    edges: [...edges.values()].sort(compareEdges),
  };
}
