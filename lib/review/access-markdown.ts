/**
 * The access report as Markdown for a pull-request comment: per stack, one section per
 * principal with a table of what it can do and what grants it. Deterministic: the report is
 * sorted, and nothing here depends on time, paths or locale.
 */
import type { AccessGrant, PrincipalReport, ReportPrincipalKind, StackAccessReport } from './access-report-types';
import { formatLifetime, type Lifetime } from './lifetime';
import { code, escapeText, joinWords, plural, table, tableRow } from './markdown';

export interface GrantText {
  /** Kind of access, e.g. `Vault path`. */
  readonly access: string;
  /** What is granted, with its details. */
  readonly what: string;
  /** The policies, assignments, roles or claims that grant it. */
  readonly by: string;
}

export const PRINCIPAL_TITLE: Readonly<Record<ReportPrincipalKind, string>> = {
  agent: 'Agent',
  user: 'User',
  group: 'Group',
  entity: 'Entity',
  'login-role': 'Login role',
  'agent-registration': 'Agent registration',
};

/** A lifetime in prose; an unknown one quotes an expression, which must not turn into Markdown. */
const ttl = (l: Lifetime): string => escapeText(formatLifetime(l));
const codes = (items: readonly string[]): string => (items.length === 0 ? 'none' : items.map(code).join(', '));
const byPolicies = (policies: readonly string[]): string => (policies.length === 0 ? 'no policy in the stack' : `${policies.length === 1 ? 'policy' : 'policies'} ${codes(policies)}`);
const claimsClause = (claims: readonly string[]): string => (claims.length === 0 ? '' : ` (claims ${codes(claims)})`);

function attachedVia(via: string): string {
  if (via.startsWith('token:login-role:')) return `tokens of login role ${code(via.slice('token:login-role:'.length))}`;
  if (via.startsWith('group:')) return `group ${code(via.slice('group:'.length))}`;
  switch (via) {
    case 'token':
      return 'its tokens';
    case 'entity':
      return 'the entity';
    case 'group':
      return 'the group';
    case 'default':
      return "Vault's default (every token carries it unless removed)";
    case 'ceiling':
      return 'the ceiling of its agent registration';
    default:
      return code(via);
  }
}

function delegationSource(via: string): string {
  const [kind, ...rest] = via.split(':');
  const name = rest.join(':');
  return `${code('may_act')} in ${kind === 'scope' ? 'scope' : 'identity-token role'} ${code(name)}`;
}

function actorClient(g: Extract<AccessGrant, { kind: 'may-act' }>): string {
  switch (g.actorClientKind) {
    case 'oidc-client':
      return `client ${code(g.actorClient)}`;
    case 'identity-token-role':
      return `identity-token role ${code(g.actorClient)}`;
    case 'any':
      return 'any client';
    case 'unresolved':
      return `client id ${code(g.actorClient)}`;
  }
}

/** `assignment `x` (lists it and group `g`)`, `assignment `allow_all` (everyone)`. */
function assignments(list: Extract<AccessGrant, { kind: 'sign-in' }>['assignments']): string {
  const byAssignment = new Map<string, string[]>();
  for (const a of list) byAssignment.set(a.assignment, [...(byAssignment.get(a.assignment) ?? []), a.member]);
  return [...byAssignment]
    .map(([name, members]) => {
      if (members.includes('everyone')) return `assignment ${code(name)} (everyone)`;
      const who = members.map((m) => (m.startsWith('group:') ? `group ${code(m.slice('group:'.length))}` : 'it'));
      return `assignment ${code(name)} (lists ${joinWords(who)})`;
    })
    .join('; ');
}

export function describeGrant(g: AccessGrant): GrantText {
  switch (g.kind) {
    case 'login':
      return {
        access: 'Login',
        what: `${code(g.role)}: ${escapeText(g.binding)}; tokens live ${ttl(g.tokenTtl)} (max ${ttl(g.tokenMaxTtl)}) with ${codes(g.policies)}${g.defaultPolicy ? ` and ${code('default')}` : ` (no ${code('default')})`}`,
        by: `${g.method} login role ${code(g.role)}`,
      };
    case 'registration':
      return {
        access: 'Agent registration',
        what: `${code(g.registration)}: ceiling ${codes(g.ceilingPolicies)}${g.defaultCeilingPolicy ? " plus Vault's default ceiling policy" : ''}; authorization_details ${g.authorizationDetails}`,
        by: `agent registration ${code(g.registration)}`,
      };
    case 'member-of':
      return { access: 'Member of', what: `group ${code(g.group)}`, by: `group ${code(g.group)}` };
    case 'policy':
      return {
        access: 'Policy',
        what: `${code(g.policy)}${g.known ? '' : ' (not defined in this stack: what it grants is unknown)'}`,
        by: joinWords(g.attached.map(attachedVia)),
      };
    case 'vault-path':
      return { access: 'Vault path', what: `${code(g.path)}: ${g.capabilities.join(', ')}`, by: byPolicies(g.policies) };
    case 'client-credentials':
      return {
        access: 'OIDC client credentials',
        what: `client ${code(g.client)} (ID token ${ttl(g.idTokenTtl)}, access token ${ttl(g.accessTokenTtl)})`,
        by: byPolicies(g.policies),
      };
    case 'identity-token':
      return { access: 'Identity token', what: `role ${code(g.role)}${claimsClause(g.claims)}, TTL ${ttl(g.ttl)}`, by: byPolicies(g.policies) };
    case 'introspect':
      return { access: 'Introspect tokens', what: code('identity/oidc/introspect'), by: byPolicies(g.policies) };
    case 'token-exchange':
      return {
        access: 'Token exchange',
        what: `${code(`${g.mount}/token/${g.role}`)}${g.actor ? ` (actor ${code(g.actor)})` : ''}`,
        by: byPolicies(g.policies),
      };
    case 'sign-in':
      return {
        access: 'Sign-in',
        what: `through client ${code(g.client)} (ID token ${ttl(g.idTokenTtl)}, access token ${ttl(g.accessTokenTtl)})`,
        by: assignments(g.assignments),
      };
    case 'scope':
      return {
        access: 'Scope',
        what: `${code(g.scope)}${claimsClause(g.claims)} as ${g.as === 'client' ? 'client' : 'end user'}`,
        by: `provider ${code(g.provider)} of client ${code(g.client)}`,
      };
    case 'acts-for':
      return { access: 'Acts for', what: `${PRINCIPAL_TITLE[g.subjectKind].toLowerCase()} ${code(g.subject)}`, by: delegationSource(g.via) };
    case 'may-act':
      return { access: 'May be acted for by', what: `${code(g.actor)} (${actorClient(g)})`, by: delegationSource(g.via) };
  }
}

/** Rendered table rows by grant, for one rendering: the report shares a grant between principals (scopes). */
type RowMemo = Map<AccessGrant, string>;

function grantRow(g: AccessGrant, rows: RowMemo): string {
  let row = rows.get(g);
  if (row === undefined) {
    const t = describeGrant(g);
    row = tableRow([t.access, t.what, t.by]);
    rows.set(g, row);
  }
  return row;
}

const GRANT_TABLE_HEADER = table(['Access', 'Grant', 'Granted by'], []);

function principalSection(p: PrincipalReport, level: string, rows: RowMemo): string[] {
  const lines = [`${level} ${PRINCIPAL_TITLE[p.kind]} ${code(p.name)}`, ''];
  const notes: string[] = [];
  if (p.includes.length > 0) notes.push(`Includes ${joinWords(p.includes.map(describeIncluded))}.`);
  if (p.idpGroups) {
    notes.push(
      p.idpGroups.length > 0
        ? `External group: Vault adds every login on ${joinWords(p.idpGroups.map((g) => `${code(g.mount)} whose groups claim names ${JSON.stringify(g.group)}`))}.`
        : 'External group without an alias: nobody joins it.',
    );
  }
  if (p.members && !(p.idpGroups && p.members.length === 0)) notes.push(p.members.length > 0 ? `Members: ${codes(p.members)}.` : 'No members in this stack.');
  if (notes.length > 0) lines.push(notes.join(' '), '');
  if (p.grants.length === 0) lines.push('No access.', '');
  else {
    lines.push(...GRANT_TABLE_HEADER);
    for (const g of p.grants) lines.push(grantRow(g, rows));
    lines.push('');
  }
  return lines;
}

function describeIncluded(id: string): string {
  const [kind, ...rest] = id.split(':');
  return `${kind === 'login-role' ? 'login role' : kind === 'agent-registration' ? 'agent registration' : kind} ${code(rest.join(':'))}`;
}

function counts(principals: readonly PrincipalReport[]): string {
  const order: ReportPrincipalKind[] = ['agent', 'user', 'group', 'entity', 'login-role', 'agent-registration'];
  const words: Record<ReportPrincipalKind, [string, string]> = {
    agent: ['agent', 'agents'],
    user: ['user', 'users'],
    group: ['group', 'groups'],
    entity: ['other entity', 'other entities'],
    'login-role': ['unlinked login role', 'unlinked login roles'],
    'agent-registration': ['unlinked agent registration', 'unlinked agent registrations'],
  };
  const parts = order.map((k) => [k, principals.filter((p) => p.kind === k).length] as const).filter(([, n]) => n > 0);
  return parts.length === 0 ? 'No principals.' : `${joinWords(parts.map(([k, n]) => plural(n, ...words[k])))}.`;
}

export function renderAccessMarkdown(reports: readonly StackAccessReport[]): string {
  const lines: string[] = [];
  const rows: RowMemo = new Map();
  for (const r of reports) {
    lines.push(`## Access in stack ${code(r.stack)}`, '');
    lines.push(`${r.file ? `From ${code(r.file)}. ` : ''}${counts(r.principals)}`, '');
    for (const p of r.principals) lines.push(...principalSection(p, '###', rows));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
