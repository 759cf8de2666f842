/**
 * `vault-a2a access`: the effective access lib/checks computes for a stack, per principal, as
 * rows a reviewer can read. No access is computed here: every row is read off one
 * PrincipalAccess (or, for lifetimes and login bindings, off the Vault object it names).
 *
 * An agent is one section: its entity, the login roles that log in as it and its agent
 * registration are linked by the access model (`linked`), and shown together under its name.
 */
import type { EffectiveAccess, PrincipalAccess } from '../checks/access-types';
import { evaluate } from '../checks/acl';
import type { LoginRole, StackModel } from '../checks/model';
import type { AccessGrant, PrincipalReport, ReportPrincipalKind, SignInVia, StackAccessReport } from './access-report-types';
import { compareGrants } from './grant-identity';
import { compareStrings } from './json';
import { lifetimeOf, VAULT_DEFAULT_TTL } from './lifetime';

/** What the report reads: a stack's model and its effective access (a StackAnalysis fits). */
export interface AccessSource {
  readonly model: StackModel;
  readonly access: EffectiveAccess;
}

const PRINCIPAL_ORDER: readonly ReportPrincipalKind[] = ['agent', 'user', 'group', 'entity', 'login-role', 'agent-registration'];
const REPORTED = new Set<string>(PRINCIPAL_ORDER);

export function accessReport(source: AccessSource): StackAccessReport {
  const { model, access } = source;
  const all = Object.values(access.principals);
  // Login roles and registrations linked to an entity are shown under it.
  const ownerOf = new Map<string, string>();
  for (const p of all) {
    if (p.kind !== 'login-role' && p.kind !== 'agent-registration') continue;
    const entity = p.linked.find((id) => access.principals[id]?.id.startsWith('entity:'));
    if (entity) ownerOf.set(p.id, entity);
  }
  const shown = all.filter((p) => REPORTED.has(p.kind) && !ownerOf.has(p.id));
  const shownById = new Map(shown.map((p) => [p.id, p]));
  const subjectOf = (id: string): Subject => {
    const p = shownById.get(ownerOf.get(id) ?? id);
    return p ? { id: p.id, kind: p.kind as ReportPrincipalKind, name: p.name } : { id, kind: 'entity', name: id };
  };

  const principals = shown.map((p): PrincipalReport => {
    const includes = all.filter((q) => ownerOf.get(q.id) === p.id).map((q) => q.id).sort(compareStrings);
    const folded = includes.map((id) => access.principals[id]!);
    const grants = [
      ...[p, ...folded].flatMap((q) => (q.kind === 'login-role' ? [loginGrant(model, q)] : q.kind === 'agent-registration' ? [registrationGrant(model, q)] : [])),
      ...grantsOf(model, p, subjectOf),
    ];
    const members = p.kind === 'group' ? all.filter((q) => q.id.startsWith('entity:') && q.groups.includes(p.name)).map((q) => q.name).sort(compareStrings) : undefined;
    return {
      id: p.id,
      kind: p.kind as ReportPrincipalKind,
      name: p.name,
      includes,
      ...(members ? { members } : {}),
      grants: dedupeGrants(grants).sort(compareGrants),
    };
  });
  principals.sort((a, b) => PRINCIPAL_ORDER.indexOf(a.kind) - PRINCIPAL_ORDER.indexOf(b.kind) || compareStrings(a.name, b.name) || compareStrings(a.id, b.id));
  return { stack: access.stack, ...(model.file ? { file: model.file } : {}), principals };
}

/** Policies of the rule Vault picks for `path` (an exact rule, else the highest-priority glob). */
function decidingPolicies(p: PrincipalAccess, path: string): string[] {
  return [...(evaluate(p.acl, path).rule?.policies ?? [])];
}

/** A principal as the report shows it (login roles and registrations resolved to their agent). */
interface Subject {
  readonly id: string;
  readonly kind: ReportPrincipalKind;
  readonly name: string;
}

function grantsOf(model: StackModel, p: PrincipalAccess, subject: (id: string) => Subject): AccessGrant[] {
  const clients = new Map(model.clients.map((c) => [c.name, c]));
  const roles = new Map(model.roles.map((r) => [r.name, r]));
  const clientTtls = (name: string) => {
    const c = clients.get(name);
    return {
      idTokenTtl: c ? lifetimeOf(c.idTokenTtl, VAULT_DEFAULT_TTL.oidcToken) : { kind: 'unknown' as const, text: 'client not in the stack' },
      accessTokenTtl: c ? lifetimeOf(c.accessTokenTtl, VAULT_DEFAULT_TTL.oidcToken) : { kind: 'unknown' as const, text: 'client not in the stack' },
    };
  };
  const out: AccessGrant[] = [];
  for (const group of p.groups) out.push({ kind: 'member-of', group });
  const attached = new Map<string, { via: Set<string>; known: boolean }>();
  for (const a of p.policies) {
    const entry = attached.get(a.name) ?? { via: new Set<string>(), known: a.known };
    entry.via.add(a.via);
    attached.set(a.name, entry);
  }
  for (const [policy, { via, known }] of attached) out.push({ kind: 'policy', policy, attached: [...via].sort(compareStrings), known });
  for (const rule of p.acl) out.push({ kind: 'vault-path', path: rule.pattern, capabilities: [...rule.capabilities], policies: [...rule.policies] });
  for (const client of p.clientCredentials)
    out.push({ kind: 'client-credentials', client, ...clientTtls(client), policies: decidingPolicies(p, `identity/oidc/client/${client}`) });
  for (const token of p.identityTokens) {
    const role = roles.get(token.role);
    out.push({
      kind: 'identity-token',
      role: token.role,
      claims: [...token.claims],
      ttl: role ? lifetimeOf(role.ttl, VAULT_DEFAULT_TTL.oidcToken) : { kind: 'unknown', text: 'role not in the stack' },
      policies: decidingPolicies(p, `identity/oidc/token/${token.role}`),
    });
  }
  if (p.canIntrospect) out.push({ kind: 'introspect', policies: decidingPolicies(p, 'identity/oidc/introspect') });
  for (const t of p.tokenExchanges)
    out.push({ kind: 'token-exchange', mount: t.mount, role: t.role, ...(t.actor ? { actor: t.actor } : {}), policies: decidingPolicies(p, `${t.mount}/token/${t.role}`) });
  const signIn = new Map<string, SignInVia[]>();
  for (const s of p.signInAssignments) signIn.set(s.client, [...(signIn.get(s.client) ?? []), { assignment: s.assignment, member: s.member }]);
  for (const [client, assignments] of signIn) out.push({ kind: 'sign-in', client, ...clientTtls(client), assignments });
  for (const s of p.scopes) out.push({ kind: 'scope', scope: s.scope, claims: [...s.claims], client: s.client, provider: s.provider, as: s.as });
  for (const d of p.actsFor) {
    if (!d.subject) continue;
    const who = subject(d.subject);
    // An agent's own login role may hold the token that names it: acting for itself is no delegation.
    if (who.id === p.id) continue;
    out.push({ kind: 'acts-for', subjectId: who.id, subjectKind: who.kind, subject: who.name, via: d.via });
  }
  for (const d of p.mayActActors)
    out.push({ kind: 'may-act', actor: d.actorEntity, actorClient: d.actorClient, actorClientKind: d.actorClientKind, via: d.via });
  return out;
}

function loginRoleOf(model: StackModel, p: PrincipalAccess): LoginRole | undefined {
  return model.loginRoles.find((r) => `${r.mountPath}/${r.roleName}` === p.name && p.resources.includes(r.address));
}

function loginGrant(model: StackModel, p: PrincipalAccess): AccessGrant {
  const role = loginRoleOf(model, p);
  if (!role) return { kind: 'login', role: p.name, method: 'kubernetes', binding: 'unknown', policies: [], defaultPolicy: true, tokenTtl: unknownTtl, tokenMaxTtl: unknownTtl };
  return {
    kind: 'login',
    role: p.name,
    method: role.method,
    binding: bindingOf(role),
    policies: [...new Set(role.policies)].sort(compareStrings),
    defaultPolicy: !role.noDefaultPolicy,
    tokenTtl: lifetimeOf(role.tokenTtl, VAULT_DEFAULT_TTL.loginToken),
    tokenMaxTtl: lifetimeOf(role.tokenMaxTtl, VAULT_DEFAULT_TTL.loginToken),
  };
}

const unknownTtl = { kind: 'unknown', text: 'login role not in the stack' } as const;

function registrationGrant(model: StackModel, p: PrincipalAccess): AccessGrant {
  const reg = model.registrations.find((r) => p.resources.includes(r.address));
  return {
    kind: 'registration',
    registration: p.name,
    ceilingPolicies: [...(reg?.ceilingPolicies ?? [])].sort(compareStrings),
    defaultCeilingPolicy: !(reg?.noDefaultCeilingPolicy ?? false),
    authorizationDetails: reg?.optionalAuthorizationDetails ? 'optional' : 'required',
  };
}

/** Who can log in with the role, in words. */
function bindingOf(role: LoginRole): string {
  const list = (items: readonly string[] | undefined, one: string, any: string) =>
    !items || items.length === 0 || items.includes('*') ? any : `${one}${items.length > 1 ? 's' : ''} ${[...items].sort(compareStrings).join(', ')}`;
  switch (role.method) {
    case 'kubernetes': {
      const namespaces = role.namespaceSelector ? `namespaces matching ${role.namespaceSelector}` : list(role.namespaces, 'namespace', 'any namespace');
      return `${list(role.serviceAccounts, 'service account', 'any service account')} in ${namespaces}`;
    }
    case 'jwt': {
      const claims = Object.keys(role.boundClaims).sort(compareStrings);
      return [
        role.boundSubject ? `subject ${role.boundSubject}` : 'any subject',
        list(role.boundAudiences, 'audience', 'any audience'),
        ...(claims.length > 0 ? [`bound claims ${claims.join(', ')}`] : []),
      ].join(', ');
    }
    case 'approle':
      return role.bindSecretId ? 'role_id with a secret_id' : 'role_id alone (bind_secret_id = false)';
  }
}

function dedupeGrants(grants: readonly AccessGrant[]): AccessGrant[] {
  const seen = new Map<string, AccessGrant>();
  for (const g of grants) seen.set(JSON.stringify(g), g);
  return [...seen.values()];
}
