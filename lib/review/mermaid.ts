/**
 * A GraphModel as a Mermaid flowchart. Node ids derive from names so they stay the same when
 * the topology grows: a kind prefix (`u_`, `g_`, `a_`), then the name with "-" written "_",
 * "_" written "_U" and "." (Vault names of clients read from a stack may hold one) written "_D"
 * (names are lowercase, so "U" and "D" never occur in one and the mapping is one to one). Ids
 * never contain "-", which Mermaid reads as the start of an edge, nor ".".
 */
import type { AgentRole, GraphEdge, GraphModel, PrincipalNode } from './graph-model';
import { sortedBy } from '../vault/order';

function encodeName(name: string): string {
  return name.replace(/_/g, '_U').replace(/-/g, '_').replace(/\./g, '_D');
}

export const userNodeId = (name: string): string => `u_${encodeName(name)}`;
export const groupNodeId = (name: string): string => `g_${encodeName(name)}`;
export const agentNodeId = (name: string): string => `a_${encodeName(name)}`;

const principalNodeId = (p: PrincipalNode): string => (p.kind === 'user' ? userNodeId(p.name) : groupNodeId(p.name));

/** Labels are names, grants and fixed words; `"` is escaped anyway so a label can never end early. */
function text(label: string): string {
  return `"${label.replace(/"/g, '#quot;')}"`;
}

const SUBGRAPHS: readonly { readonly role: AgentRole; readonly id: string; readonly title: string }[] = [
  { role: 'client', id: 'sg_clients', title: 'Client agents' },
  { role: 'client-and-server', id: 'sg_clients_and_servers', title: 'Client and server agents' },
  { role: 'server', id: 'sg_servers', title: 'Server agents' },
];

function subgraph(id: string, title: string, nodes: readonly string[]): string[] {
  return nodes.length === 0 ? [] : [`  subgraph ${id}[${text(title)}]`, ...nodes.map((n) => `    ${n}`), '  end'];
}

function edgeLine(e: GraphEdge): string {
  switch (e.kind) {
    case 'member-of':
      return `${userNodeId(e.user)} ---|${text('member of')}| ${groupNodeId(e.group)}`;
    case 'signs-in':
      return `${principalNodeId(e.principal)} -->|${text('signs in')}| ${agentNodeId(e.client)}`;
    case 'calls':
      // Solid: browser tokens of the client's own provider; dotted: headless identity tokens.
      return e.flow === 'browser'
        ? `${agentNodeId(e.client)} -->|${text(`oidc: ${e.grants.join(', ')}`)}| ${agentNodeId(e.server)}`
        : `${agentNodeId(e.client)} -.->|${text(`identity token: ${e.grants.join(', ')}`)}| ${agentNodeId(e.server)}`;
    case 'acts-for':
      return `${agentNodeId(e.actor)} ==>|${text('acts for')}| ${principalNodeId(e.subject)}`;
  }
}

export function renderMermaid(graph: GraphModel): string {
  const users = sortedBy(graph.users, (u) => u).map((u) => `${userNodeId(u)}([${text(u)}])`);
  const groups = sortedBy(graph.groups, (g) => g).map((g) => `${groupNodeId(g)}{{${text(`group ${g}`)}}}`);
  const agents = sortedBy(graph.agents, (a) => a.name);
  const lines = [
    'flowchart LR',
    ...subgraph('sg_users', 'Users', users),
    ...subgraph('sg_groups', 'Groups', groups),
    ...SUBGRAPHS.flatMap((s) =>
      subgraph(
        s.id,
        s.title,
        agents.filter((a) => a.role === s.role).map((a) => `${agentNodeId(a.name)}[${text(a.name)}]`),
      ),
    ),
    ...graph.edges.map((e) => `  ${edgeLine(e)}`),
  ];
  return `${lines.join('\n')}\n`;
}
