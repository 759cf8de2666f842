/**
 * `vault-a2a access`: the effective access lib/analysis computes for a stack, per principal, as
 * rows a reviewer can read. No access is computed here: every row is read off one
 * PrincipalAccess (or, for lifetimes and login bindings, off the Vault object it names).
 *
 * An agent is one section: its entity, the login roles that log in as it and its agent
 * registration are linked by the access model (`linked`), and shown together under its name.
 */
import type { EffectiveAccess, PrincipalAccess, ScopeAccess, SignInAssignment } from '../analysis/access-types';
import { evaluate, type AclRule } from '../analysis/acl';
import { idText, type IdValue } from '../analysis/values';
import type { AgentRegistration, LoginRole, OidcClient, OidcRole, StackModel } from '../analysis/model';
import { GRANT_KINDS, type AccessGrant, type GrantKind, type PrincipalReport, type ReportPrincipalKind, type SignInVia, type StackAccessReport } from './access-report-types';
import { grantKey } from './grant-identity';
import { lifetimeOf, VAULT_DEFAULT_TTL, type Lifetime } from './lifetime';
import { compareStrings } from '../vault/order';

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
  const includesOf = new Map<string, string[]>();
  const membersOf = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const p of all) {
    if (p.id.startsWith('entity:')) for (const g of p.groups) add(membersOf, g, p.name);
    if (p.kind !== 'login-role' && p.kind !== 'agent-registration') continue;
    const entity = p.linked.find((id) => id.startsWith('entity:') && access.principals[id] !== undefined);
    if (!entity) continue;
    ownerOf.set(p.id, entity);
    add(includesOf, entity, p.id);
  }
  const shown = all.filter((p) => REPORTED.has(p.kind) && !ownerOf.has(p.id));
  const shownById = new Map(shown.map((p) => [p.id, p]));
  const subjectOf = (id: string): Subject => {
    const p = shownById.get(ownerOf.get(id) ?? id);
    return p ? { id: p.id, kind: p.kind as ReportPrincipalKind, name: p.name } : { id, kind: 'entity', name: id };
  };
  const objects = new StackObjects(model);

  const principals = shown.map((p): PrincipalReport => {
    const includes = (includesOf.get(p.id) ?? []).sort(compareStrings);
    const own = [p, ...includes.map((id) => access.principals[id]!)].flatMap((q): AccessGrant[] =>
      q.kind === 'login-role' ? [objects.loginGrant(q)] : q.kind === 'agent-registration' ? [objects.registrationGrant(q)] : [],
    );
    // Keys in sorted order here and in every grant: stableJson then writes the report as it is.
    return {
      grants: withChunks(sortedUniqueGrants([...own, ...grantsOf(objects, p, subjectOf)]), objects.signInGrants(p.signInAssignments), objects.scopeGrants(p.scopes)),
      id: p.id,
      ...(p.kind === 'group' ? idpGroupsOf(model, p.name) : {}),
      includes,
      kind: p.kind as ReportPrincipalKind,
      ...(p.kind === 'group' ? { members: (membersOf.get(p.name) ?? []).sort(compareStrings) } : {}),
      name: p.name,
    };
  });
  principals.sort((a, b) => PRINCIPAL_ORDER.indexOf(a.kind) - PRINCIPAL_ORDER.indexOf(b.kind) || compareStrings(a.name, b.name) || compareStrings(a.id, b.id));
  return { ...(model.file ? { file: model.file } : {}), principals, stack: access.stack };
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

/** The Vault objects whose own settings (TTLs, bindings, ceilings) the rows show, by name or address. */
class StackObjects {
  private readonly clients: ReadonlyMap<string, OidcClient>;
  private readonly roles: ReadonlyMap<string, OidcRole>;
  private readonly loginRoles: ReadonlyMap<string, LoginRole>;
  private readonly registrations: ReadonlyMap<string, AgentRegistration>;
  private readonly ttlsOfClient = new Map<string, ClientTtls>();
  private readonly scopeGrantOf = new Map<ScopeAccess, AccessGrant>();
  private readonly pathGrants = new WeakMap<AclRule, AccessGrant>();
  /**
   * Sign-in and scope grants by the access model's list they are read off: principals share
   * those lists (users of the same groups), and so share the sorted grants, which the Markdown
   * writer then renders once.
   */
  private readonly signInChunks = new WeakMap<readonly SignInAssignment[], readonly AccessGrant[]>();
  private readonly scopeChunks = new WeakMap<readonly ScopeAccess[], readonly AccessGrant[]>();

  constructor(model: StackModel) {
    this.clients = new Map(model.clients.map((c) => [c.name, c]));
    this.roles = new Map(model.roles.map((r) => [r.name, r]));
    this.loginRoles = new Map(model.loginRoles.map((r) => [r.address, r]));
    this.registrations = new Map(model.registrations.map((r) => [r.address, r]));
  }

  clientTtls(name: string): ClientTtls {
    let ttls = this.ttlsOfClient.get(name);
    if (!ttls) {
      const c = this.clients.get(name);
      ttls = c
        ? { idTokenTtl: lifetimeOf(c.idTokenTtl, VAULT_DEFAULT_TTL.oidcToken), accessTokenTtl: lifetimeOf(c.accessTokenTtl, VAULT_DEFAULT_TTL.oidcToken) }
        : { idTokenTtl: notInStack('client'), accessTokenTtl: notInStack('client') };
      this.ttlsOfClient.set(name, ttls);
    }
    return ttls;
  }

  /**
   * The grant row of a scope. The access model shares one ScopeAccess between the principals
   * using the same client (every user signing in through it), and so does the report: one grant
   * object per scope, which the Markdown and JSON writers then render once.
   */
  scopeGrant(s: ScopeAccess): AccessGrant {
    let grant = this.scopeGrantOf.get(s);
    if (!grant) {
      grant = { as: s.as, claims: [...s.claims], client: s.client, kind: 'scope', provider: s.provider, scope: s.scope };
      this.scopeGrantOf.set(s, grant);
    }
    return grant;
  }

  /** The sign-in grants of a principal, sorted and unique; shared by the principals sharing the list. */
  signInGrants(list: readonly SignInAssignment[]): readonly AccessGrant[] {
    let grants = this.signInChunks.get(list);
    if (!grants) {
      const byClient = new Map<string, SignInVia[]>();
      for (const s of list) {
        const via = byClient.get(s.client);
        if (via) via.push({ assignment: s.assignment, member: s.member });
        else byClient.set(s.client, [{ assignment: s.assignment, member: s.member }]);
      }
      const out: AccessGrant[] = [];
      for (const [client, assignments] of byClient) {
        const ttls = this.clientTtls(client);
        out.push({ accessTokenTtl: ttls.accessTokenTtl, assignments, client, idTokenTtl: ttls.idTokenTtl, kind: 'sign-in' });
      }
      grants = sortedUniqueGrants(out);
      this.signInChunks.set(list, grants);
    }
    return grants;
  }

  /** The scope grants of a principal, sorted and unique; shared by the principals sharing the list. */
  scopeGrants(list: readonly ScopeAccess[]): readonly AccessGrant[] {
    let grants = this.scopeChunks.get(list);
    if (!grants) {
      grants = sortedUniqueGrants(list.map((s) => this.scopeGrant(s)));
      this.scopeChunks.set(list, grants);
    }
    return grants;
  }

  /** The grant row of an ACL rule: principals holding the same policies share their merged rules, and so the rows. */
  pathGrant(rule: AclRule): AccessGrant {
    let grant = this.pathGrants.get(rule);
    if (!grant) {
      grant = { capabilities: [...rule.capabilities], kind: 'vault-path', path: rule.pattern, policies: [...rule.policies] };
      this.pathGrants.set(rule, grant);
    }
    return grant;
  }

  roleTtl(name: string): Lifetime {
    const role = this.roles.get(name);
    return role ? lifetimeOf(role.ttl, VAULT_DEFAULT_TTL.oidcToken) : notInStack('role');
  }

  loginGrant(p: PrincipalAccess): AccessGrant {
    const role = p.resources.map((a) => this.loginRoles.get(a)).find((r) => r !== undefined);
    if (!role) throw new Error(`access report: login role ${p.id} has no vault_*_auth_backend_role in the model`);
    return {
      binding: bindingOf(role),
      defaultPolicy: !role.noDefaultPolicy,
      kind: 'login',
      method: role.method,
      policies: [...new Set(role.policies)].sort(compareStrings),
      role: p.name,
      tokenMaxTtl: lifetimeOf(role.tokenMaxTtl, VAULT_DEFAULT_TTL.loginToken),
      tokenTtl: lifetimeOf(role.tokenTtl, VAULT_DEFAULT_TTL.loginToken),
    };
  }

  registrationGrant(p: PrincipalAccess): AccessGrant {
    const reg = p.resources.map((a) => this.registrations.get(a)).find((r) => r !== undefined);
    if (!reg) throw new Error(`access report: agent registration ${p.id} has no vault_agent_registration in the model`);
    return {
      authorizationDetails: reg.optionalAuthorizationDetails ? 'optional' : 'required',
      ceilingPolicies: [...reg.ceilingPolicies].sort(compareStrings),
      defaultCeilingPolicy: !reg.noDefaultCeilingPolicy,
      kind: 'registration',
      registration: p.name,
    };
  }
}

interface ClientTtls {
  readonly idTokenTtl: Lifetime;
  readonly accessTokenTtl: Lifetime;
}

const notInStack = (what: string): Lifetime => ({ kind: 'unknown', text: `${what} not in the stack` });

function grantsOf(objects: StackObjects, p: PrincipalAccess, subject: (id: string) => Subject): AccessGrant[] {
  const out: AccessGrant[] = [];
  for (const group of p.groups) out.push({ group, kind: 'member-of' });
  const attached = new Map<string, { via: Set<string>; known: boolean }>();
  for (const a of p.policies) {
    const entry = attached.get(a.name) ?? { via: new Set<string>(), known: a.known };
    entry.via.add(a.via);
    attached.set(a.name, entry);
  }
  for (const [policy, { via, known }] of attached) out.push({ attached: [...via].sort(compareStrings), kind: 'policy', known, policy });
  for (const rule of p.acl) out.push(objects.pathGrant(rule));
  for (const client of p.clientCredentials) {
    const ttls = objects.clientTtls(client);
    out.push({ accessTokenTtl: ttls.accessTokenTtl, client, idTokenTtl: ttls.idTokenTtl, kind: 'client-credentials', policies: decidingPolicies(p, `identity/oidc/client/${client}`) });
  }
  for (const token of p.identityTokens)
    out.push({ claims: [...token.claims], kind: 'identity-token', policies: decidingPolicies(p, `identity/oidc/token/${token.role}`), role: token.role, ttl: objects.roleTtl(token.role) });
  if (p.canIntrospect) out.push({ kind: 'introspect', policies: decidingPolicies(p, 'identity/oidc/introspect') });
  for (const t of p.tokenExchanges)
    out.push({ ...(t.actor ? { actor: t.actor } : {}), kind: 'token-exchange', mount: t.mount, policies: decidingPolicies(p, `${t.mount}/token/${t.role}`), role: t.role });
  // Sign-in and scope grants: StackObjects.signInGrants and scopeGrants (withChunks).
  for (const d of p.actsFor) {
    if (!d.subject) continue;
    const who = subject(d.subject);
    // An agent's own login role may hold the token that names it: acting for itself is no delegation.
    if (who.id === p.id) continue;
    out.push({ kind: 'acts-for', subject: who.name, subjectId: who.id, subjectKind: who.kind, via: d.via });
  }
  for (const d of p.mayActActors)
    out.push({ actor: d.actorEntity, actorClient: d.actorClient, actorClientKind: d.actorClientKind, kind: 'may-act', via: d.via });
  return out;
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
    case 'cert': {
      const names = [
        role.allowedCommonNames.length > 0 ? list(role.allowedCommonNames, 'common name', 'any common name') : undefined,
        role.allowedUriSans.length > 0 ? list(role.allowedUriSans, 'URI SAN', 'any URI SAN') : undefined,
        role.allowedDnsSans.length > 0 ? list(role.allowedDnsSans, 'DNS SAN', 'any DNS SAN') : undefined,
        role.allowedEmailSans.length > 0 ? list(role.allowedEmailSans, 'email SAN', 'any email SAN') : undefined,
        role.allowedNames.length > 0 ? list(role.allowedNames, 'name', 'any name') : undefined,
      ].filter((n): n is string => n !== undefined);
      return `a client certificate of the role's CA with ${names.length > 0 ? names.join(', ') : 'any name'}`;
    }
  }
}

/**
 * The grants without repeats (kept where they first appear), sorted by compareGrants: two grants
 * are one when their JSON is the same. Such grants have the same kind and key (grantKey), so a
 * grant is written as JSON only to be compared with another of the same kind and key.
 */
function sortedUniqueGrants(grants: readonly AccessGrant[]): AccessGrant[] {
  interface Entry {
    grant: AccessGrant;
    readonly rank: number;
    readonly key: string;
    json?: string;
  }
  // Sorted first (stably, as sortGrants sorts): grants that may be one are then next to each other.
  const entries: Entry[] = grants.map((grant) => ({ grant, rank: KIND_RANK.get(grant.kind)!, key: grantKey(grant) }));
  entries.sort((a, b) => a.rank - b.rank || compareStrings(a.key, b.key));
  const out: AccessGrant[] = [];
  for (let i = 0; i < entries.length; ) {
    let end = i + 1;
    while (end < entries.length && entries[end]!.rank === entries[i]!.rank && entries[end]!.key === entries[i]!.key) end++;
    if (end === i + 1) out.push(entries[i]!.grant);
    else {
      // Grants of one kind and key, in the order they came: one per distinct JSON, where it first came.
      const kept: Entry[] = [];
      for (let k = i; k < end; k++) {
        const entry = entries[k]!;
        entry.json = JSON.stringify(entry.grant);
        const twin = kept.find((e) => e.json === entry.json);
        if (twin) twin.grant = entry.grant;
        else kept.push(entry);
      }
      for (const e of kept) out.push(e.grant);
    }
    i = end;
  }
  return out;
}

/**
 * `grants` (sorted and unique, holding neither sign-in nor scope grants) with the sign-in and the
 * scope grants inserted where sortedUniqueGrants would put them: grants are sorted by kind first,
 * and two grants of different kinds are never one, so each kind can be sorted and deduplicated
 * on its own.
 */
function withChunks(grants: readonly AccessGrant[], signIn: readonly AccessGrant[], scopes: readonly AccessGrant[]): AccessGrant[] {
  if (signIn.length === 0 && scopes.length === 0) return grants as AccessGrant[];
  const at = grants.findIndex((g) => KIND_RANK.get(g.kind)! > SCOPE_RANK);
  const split = at < 0 ? grants.length : at;
  return [...grants.slice(0, split), ...signIn, ...scopes, ...grants.slice(split)];
}

const KIND_RANK = new Map<GrantKind, number>(GRANT_KINDS.map((k, i) => [k, i]));
const SCOPE_RANK = GRANT_KINDS.indexOf('scope');

/** The group aliases of an external group: which IdP group, on which mount, adds a login to it. */
function idpGroupsOf(model: AccessSource['model'], name: string): { readonly idpGroups?: readonly { readonly mount: string; readonly group: string }[] } {
  const group = model.groups.find((g) => g.name === name && g.type === 'external');
  if (group === undefined) return {};
  const mountOf = (id: IdValue): string => {
    const m = id.kind === 'ref' ? model.mounts.find((mount) => mount.address === id.address) : undefined;
    return m?.path ?? idText(id);
  };
  const idpGroups = (model.groupAliases ?? [])
    .filter((a) => a.canonicalId.kind === 'ref' && a.canonicalId.address === group.address)
    .map((a) => ({ group: a.name, mount: mountOf(a.mountAccessor) }))
    .sort((a, b) => compareStrings(a.mount, b.mount) || compareStrings(a.group, b.group));
  return { idpGroups };
}
