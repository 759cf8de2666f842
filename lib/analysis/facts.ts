/**
 * `accessFacts(model)`: every principal's access, by every route Vault gives it (issue #9).
 *
 * Routes read, following Vault's semantics (research notes A1–A8):
 * - policies: a login role's `token_policies`, the entity's `policies`, each
 *   `vault_identity_entity_policies`, every group the entity is in (direct, through
 *   `vault_identity_group_member_entity_ids`, and every parent group through `member_group_ids`
 *   or `vault_identity_group_member_group_ids`: members inherit parents' policies), each
 *   `vault_identity_group_policies`, and Vault's `default` policy unless the role sets
 *   `token_no_default_policy` (the stack's own `default` policy replaces the built-in one);
 * - logins: every credential a login role admits and every role it can use (facts-logins.ts);
 *   the alias name decides the entity (mount and name only);
 * - sign-in: assignments list entities and groups (inherited through parents); `allow_all`;
 * - what a client's tokens carry: every provider that allows it, their scopes, the claims and
 *   may_act entries of the scope templates;
 * - identity-token roles, keys, token-exchange roles (and the users whose ID tokens they accept),
 *   registrations and their ceilings, resource-server profiles, auth mount configuration;
 * - what the model could not read (model-inventory.ts).
 * Names come from facts-index.ts, so a reference and the literal it resolves to give one fact.
 */
import { AclRule, mergePolicies, NamedPolicy } from './acl';
import { DEFAULT_POLICY_STANZAS } from './access';
import type { AccessFacts, Fact, FactPrincipalKind, Limit, LimitValue, PrincipalFacts, Provenance, TokenAcl } from './facts-types';
import { NameIndex, policyKey } from './facts-index';
import { credentials } from './facts-logins';
import type { ClaimTemplate, Entity, LoginRole, OidcClient, OidcScope, StackModel } from './model';
import type { PolicyStanza } from './policy-document';
import type { Ttl } from './ttl';
import { idText, IdValue } from './values';
import { CAPABILITIES } from '../vault/capabilities';
import { compareStrings, uniqueSorted } from '../vault/order';

/** Vault's defaults for TTLs the stack leaves unset (seconds). */
const VAULT_DEFAULT_TTL = { oidcToken: 86400, identityToken: 86400, keyRotation: 86400, keyVerification: 86400 } as const;
/** JWT auth leeways Vault applies when the role leaves them at 0 (vault-plugin-auth-jwt). */
const JWT_LEEWAY_DEFAULTS = { clockSkew: 60, expiration: 150, notBefore: 150 } as const;

const ROOT_STANZAS: readonly PolicyStanza[] = [{ path: '*', capabilities: CAPABILITIES.filter((c) => c !== 'deny') }];

interface Attached {
  readonly name: string;
  readonly via: string;
  readonly addresses: readonly string[];
}

interface MutableFact {
  key: string;
  text: string;
  sources: Provenance[];
  fromUnreadable?: true;
}

interface MutableLimit {
  key: string;
  text: string;
  value: LimitValue;
  sources: Provenance[];
  unit?: Limit['unit'];
}

/** Builds one principal's facts in place: the objects it holds are the ones the facts hand out. */
class PrincipalBuilder {
  readonly addresses = new Set<string>();
  readonly facts = new Map<string, MutableFact>();
  readonly limits = new Map<string, MutableLimit>();
  /** Limit keys set by some role, bounded or not. */
  private limitsSeen?: Set<string>;
  readonly acls: TokenAcl[] = [];
  ceiling?: TokenAcl[];

  constructor(
    readonly key: string,
    readonly kind: FactPrincipalKind,
    readonly name: string,
  ) {}

  fact(key: string, text: string, source: Provenance, fromUnreadable = false): void {
    const known = this.facts.get(key);
    if (known) {
      if (!known.sources.some((s) => s.via === source.via && s.addresses.join() === source.addresses.join())) known.sources.push(source);
      if (!fromUnreadable) delete known.fromUnreadable;
      return;
    }
    this.facts.set(key, fromUnreadable ? { key, text, sources: [source], fromUnreadable: true } : { key, text, sources: [source] });
  }

  /**
   * Records a bound, keeping the widest value (a credential can use whichever role is widest). An unbounded value (Infinity, every address) is the absence of a limit and is
   * not stored: facts-compare.ts reads a missing limit as unbounded. It still widens a bound an
   * earlier role set (a credential uses whichever role is widest).
   */
  limit(key: string, text: string, value: LimitValue, source: Provenance, unit: Limit['unit'] = 'seconds'): void {
    const known = this.limits.get(key);
    const seen = (this.limitsSeen ??= new Set<string>());
    const unbounded = value.kind === 'number' ? value.value === Infinity : value.values === 'all';
    if (unbounded) {
      if (known) this.limits.delete(key);
      seen.add(key);
      return;
    }
    if (!known && seen.has(key)) return;
    seen.add(key);
    if (!known) {
      this.limits.set(key, value.kind === 'number' ? { key, text, value, sources: [source], unit } : { key, text, value, sources: [source] });
      return;
    }
    known.sources.push(source);
    known.value = widest(known.value, value);
  }

  /** Facts and limits keep the order they were found in (deterministic); compareFacts sorts what it reports. */
  build(): PrincipalFacts {
    return {
      key: this.key,
      kind: this.kind,
      name: this.name,
      addresses: this.addresses.size < 2 ? [...this.addresses] : [...this.addresses].sort(compareStrings),
      facts: this.facts as ReadonlyMap<string, Fact>,
      limits: this.limits as ReadonlyMap<string, Limit>,
      acls: this.acls,
      ...(this.ceiling ? { ceiling: this.ceiling } : {}),
    };
  }
}

export function widest(a: LimitValue, b: LimitValue): LimitValue {
  if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', value: Math.max(a.value, b.value) };
  if (a.kind === 'set' && b.kind === 'set') return { kind: 'set', values: a.values === 'all' || b.values === 'all' ? 'all' : union([...a.values, ...b.values]) };
  return a.kind === 'set' ? a : b;
}

/**
 * Addresses of two provenances together, sorted and without duplicates; most lists hold one or
 * two addresses, so the common cases avoid a sort.
 */
function union(items: readonly string[]): string[] {
  if (items.length < 2) return [...items];
  if (items.length === 2) return items[0] === items[1] ? [items[0]!] : compareStrings(items[0]!, items[1]!) < 0 ? [items[0]!, items[1]!] : [items[1]!, items[0]!];
  return uniqueSorted(items);
}

const num = (value: number): LimitValue => ({ kind: 'number', value });
const set = (values: readonly string[]): LimitValue => ({ kind: 'set', values: values.length === 0 ? 'all' : uniqueSorted(values) });

/** Seconds of a TTL; `zero` and unset mean `fallback` (Vault's default); unknown values are unbounded. */
function seconds(ttl: Ttl | undefined, fallback: number): number {
  if (!ttl || ttl.kind === 'unset') return fallback;
  if (ttl.kind === 'seconds') return ttl.seconds === 0 ? fallback : ttl.seconds;
  return Infinity;
}

export function accessFacts(model: StackModel): AccessFacts {
  return new FactsBuilder(model).build();
}

/** Which metadata claim templates read (Vault's identity templating parameters). */
interface MetadataRead {
  readonly entity: boolean;
  readonly group: boolean;
  readonly alias: boolean;
}

/**
 * Vault's templates name metadata as `identity.entity.metadata[.<key>]`,
 * `identity.entity.aliases.<accessor>.(custom_)metadata.<key>` and
 * `identity.groups.(ids|names).<group>.metadata.<key>`. A "metadata" in any other form is not
 * told apart: then every kind counts (fail closed).
 */
const METADATA_PARAMETER = /identity\.(?:(entity\.metadata)|(entity\.aliases\.[^\s"]*?\.(?:custom_)?metadata)|(groups\.(?:ids|names)\.[^\s"]*?\.metadata))/g;

function metadataRead(templates: readonly (string | undefined)[]): MetadataRead {
  let entity = false;
  let group = false;
  let alias = false;
  for (const t of templates) {
    if (!t?.includes('metadata')) continue;
    let told = 0;
    for (const m of t.matchAll(METADATA_PARAMETER)) {
      told++;
      if (m[1]) entity = true;
      else if (m[2]) alias = true;
      else group = true;
    }
    if (told !== t.split('metadata').length - 1) return { entity: true, group: true, alias: true };
  }
  return { entity, group, alias };
}

class FactsBuilder {
  private readonly ix: NameIndex;
  private readonly principals = new Map<string, PrincipalBuilder>();
  /** Which metadata templates read: that metadata is access (it reaches claims). */
  private readonly metadataMatters: MetadataRead;
  private readonly scopes = new Map<string, OidcScope>();
  /** group key → its parents, with how. */
  private readonly parents = new Map<string, { group: string; via: Provenance }[]>();
  /** entity key → groups it is directly in, with how. */
  private readonly directGroups = new Map<string, { group: string; via: Provenance }[]>();
  private readonly groupPolicies = new Map<string, Attached[]>();
  private readonly entityPolicies = new Map<string, Attached[]>();
  /** assignment name → entity and group keys it lists. */
  private readonly assignments = new Map<string, { members: Map<string, Provenance> }>();
  /** entity or group key → the assignments listing it. */
  private readonly assignmentsOf = new Map<string, { assignment: string; via: Provenance }[]>();
  /** assignment name → clients that list it. */
  private readonly clientsOfAssignment = new Map<string, string[]>();
  /** `<mount>\0<alias name>` → entity keys with that alias (more than one is a duplicate). */
  private readonly aliasIndex = new Map<string, { entity: string; via: Provenance }[]>();
  private readonly entities = new Map<string, Entity>();
  private readonly ancestorMemo = new Map<string, Map<string, Provenance>>();
  private readonly groupsMemo = new Map<string, Map<string, Provenance>>();
  private readonly attachedMemo = new Map<string, Attached[]>();
  /** mount path → the groups a group alias on it names (logins there whose groups claim carries the alias join them). */
  private readonly groupAliasesOn = new Map<string, { group: string; alias: string; address: string }[]>();
  private clientAddressMemo?: Map<string, string[]>;
  private readonly aclMemo = new Map<string, AclRule[]>();

  constructor(private readonly model: StackModel) {
    this.ix = new NameIndex(model);
    const templates = [...model.scopes.map((s) => s.template), ...model.roles.map((r) => r.template)];
    this.metadataMatters = metadataRead([...templates, ...model.exchangeRoles.map((r) => JSON.stringify([r.actorTemplate, r.subjectTemplate]))]);
    for (const s of model.scopes) this.scopes.set(s.name, s);
  }

  private principal(key: string, kind: FactPrincipalKind, name: string): PrincipalBuilder {
    let p = this.principals.get(key);
    if (!p) {
      p = new PrincipalBuilder(key, kind, name);
      this.principals.set(key, p);
    }
    return p;
  }

  private byKey(key: string): PrincipalBuilder {
    const known = this.principals.get(key);
    if (known) return known;
    const [kind, ...rest] = key.split(':');
    const name = rest.join(':');
    const k: FactPrincipalKind = kind === 'group' || kind === 'group-id' ? 'group' : kind === 'entity' || kind === 'entity-id' ? 'entity' : (kind as FactPrincipalKind);
    return this.principal(key, k, name);
  }

  private stackFact(key: string, text: string, address: string, fromUnreadable = false): void {
    this.principal('stack', 'stack', this.model.name).fact(key, text, { addresses: [address], via: 'stack' }, fromUnreadable);
  }

  build(): AccessFacts {
    this.readGroups();
    this.readEntities();
    this.readAssignments();
    this.entityFacts();
    this.groupFacts();
    this.clientFacts();
    this.tokenRoleFacts();
    this.keyFacts();
    this.loginFacts();
    this.exchangeFacts();
    this.registrationFacts();
    this.profileFacts();
    this.mountFacts();
    for (const u of this.model.unreadable ?? []) this.stackFact(`unreadable:${u.key}`, `${u.address}: ${u.what}: ${u.reason}`, u.address, true);
    const principals = new Map<string, PrincipalFacts>();
    for (const key of [...this.principals.keys()].sort(compareStrings)) principals.set(key, this.principals.get(key)!.build());
    return { stack: this.model.name, principals };
  }

  // ---- groups and membership ----------------------------------------------------------------

  private readGroups(): void {
    const addMember = (group: string, id: IdValue, via: Provenance, kind: 'entity' | 'group') => {
      const key = kind === 'entity' ? this.ix.entityKey(id) : this.ix.groupKey(id);
      if (key === undefined) {
        this.byKey(group).fact(`unknown-member:${idText(id)}`, `has a member the stack does not define (${idText(id)})`, via);
        return;
      }
      if (kind === 'entity') this.directGroups.set(key, [...(this.directGroups.get(key) ?? []), { group, via }]);
      else this.parents.set(key, [...(this.parents.get(key) ?? []), { group, via }]);
      this.byKey(key);
    };
    for (const g of this.model.groups) {
      const key = `group:${g.name}`;
      const p = this.principal(key, 'group', g.name);
      p.addresses.add(g.address);
      if (g.type === 'external') p.fact('external', 'is an external group: IdP group membership adds its members at login', { addresses: [g.address], via: 'type = external' });
      if (this.metadataMatters.group) for (const [k, v] of Object.entries(g.metadata ?? {})) p.fact(`metadata:${k}=${v}`, `carries metadata ${k}=${v}, which claim templates read`, { addresses: [g.address], via: 'metadata' });
      const via = { addresses: [g.address], via: `member of group ${g.name}` };
      for (const id of g.memberEntityIds) addMember(key, id, via, 'entity');
      for (const id of g.memberGroupIds) addMember(key, id, { addresses: [g.address], via: `subgroup of group ${g.name}` }, 'group');
      this.groupPolicies.set(key, [...(this.groupPolicies.get(key) ?? []), ...g.policies.map((name) => ({ name, via: `policy of group ${g.name}`, addresses: [g.address] }))]);
    }
    for (const m of this.model.groupMembers) {
      const group = this.target(m, 'group', 'adds members to');
      if (group === undefined) continue;
      for (const id of m.memberEntityIds) addMember(group, id, { addresses: [m.address], via: `member of group ${this.byKey(group).name} (${m.address})` }, 'entity');
      for (const id of m.memberGroupIds ?? []) addMember(group, id, { addresses: [m.address], via: `subgroup of group ${this.byKey(group).name} (${m.address})` }, 'group');
    }
    for (const a of this.model.groupPolicies) {
      const group = this.target(a, 'group', 'attaches policies to');
      if (group === undefined) continue;
      this.groupPolicies.set(group, [...(this.groupPolicies.get(group) ?? []), ...a.policies.map((name) => ({ name, via: `policy of group ${this.byKey(group).name} (${a.address})`, addresses: [a.address] }))]);
    }
    for (const alias of this.model.groupAliases ?? []) {
      const group = this.ix.groupKey(alias.canonicalId);
      const mount = this.ix.mountOf(alias.mountAccessor) ?? `accessor ${idText(alias.mountAccessor)}`;
      const source = { addresses: [alias.address], via: 'group alias' };
      if (group === undefined) this.stackFact(`unknown-target:${idText(alias.canonicalId)}`, `${alias.address} maps IdP group ${alias.name} to a group the stack does not define`, alias.address);
      else {
        this.byKey(group).fact(`alias:${mount}:${alias.name}`, `takes in every login on ${mount} whose IdP groups include "${alias.name}"`, source);
        this.groupAliasesOn.set(mount, [...(this.groupAliasesOn.get(mount) ?? []), { group, alias: alias.name, address: alias.address }]);
      }
    }
  }

  /** The entity or group an attachment resource targets; one the stack does not define is a fact of the stack. */
  private target(a: { readonly address: string; readonly target: IdValue }, kind: 'entity' | 'group', does: string): string | undefined {
    const key = kind === 'entity' ? this.ix.entityKey(a.target) : this.ix.groupKey(a.target);
    if (key === undefined) {
      this.stackFact(`unknown-target:${idText(a.target)}`, `${a.address} ${does} ${kind === 'entity' ? 'an entity' : 'a group'} the stack does not define (${idText(a.target)})`, a.address);
      return undefined;
    }
    this.byKey(key);
    return key;
  }

  /** Every group `group` is (indirectly) a member of, with the route. */
  private ancestors(group: string): Map<string, Provenance> {
    const memo = this.ancestorMemo.get(group);
    if (memo) return memo;
    const out = new Map<string, Provenance>();
    const queue = [...(this.parents.get(group) ?? [])];
    while (queue.length > 0) {
      const { group: parent, via } = queue.shift()!;
      if (out.has(parent) || parent === group) continue;
      out.set(parent, via);
      queue.push(...(this.parents.get(parent) ?? []).map((p) => ({ group: p.group, via: { addresses: union([...via.addresses, ...p.via.addresses]), via: `${via.via}, ${p.via.via}` } })));
    }
    this.ancestorMemo.set(group, out);
    return out;
  }

  /** Every group an entity is in (direct and inherited), with the route. */
  private groupsOf(entity: string): Map<string, Provenance> {
    const memo = this.groupsMemo.get(entity);
    if (memo) return memo;
    const out = new Map<string, Provenance>();
    this.groupsMemo.set(entity, out);
    for (const { group, via } of this.directGroups.get(entity) ?? []) {
      if (!out.has(group)) out.set(group, via);
      for (const [parent, route] of this.ancestors(group)) if (!out.has(parent)) out.set(parent, { addresses: union([...via.addresses, ...route.addresses]), via: `${via.via}, ${route.via}` });
    }
    return out;
  }

  // ---- entities -------------------------------------------------------------------------------

  private readEntities(): void {
    for (const e of this.model.entities) {
      const key = `entity:${e.name}`;
      this.entities.set(key, e);
      this.principal(key, 'entity', e.name).addresses.add(e.address);
      this.entityPolicies.set(key, [...(this.entityPolicies.get(key) ?? []), ...e.policies.map((name) => ({ name, via: `policy of entity ${e.name}`, addresses: [e.address] }))]);
    }
    for (const a of this.model.entityPolicies) {
      const entity = this.target(a, 'entity', 'attaches policies to');
      if (entity === undefined) continue;
      this.entityPolicies.set(entity, [...(this.entityPolicies.get(entity) ?? []), ...a.policies.map((name) => ({ name, via: `policy of entity ${this.byKey(entity).name} (${a.address})`, addresses: [a.address] }))]);
    }
    for (const alias of this.model.aliases) {
      const entity = this.ix.entityKey(alias.canonicalId);
      const mount = this.ix.mountOf(alias.mountAccessor);
      const mountText = mount ?? `accessor ${idText(alias.mountAccessor)}`;
      const name = mount !== undefined ? this.ix.aliasName(mount, alias.name) : undefined;
      const nameText = name ?? idText(alias.name);
      const via = { addresses: [alias.address], via: `alias ${nameText} on ${mountText}` };
      if (entity === undefined) {
        this.stackFact(`unknown-target:${idText(alias.canonicalId)}`, `${alias.address} binds alias ${nameText} on ${mountText} to an entity the stack does not define`, alias.address);
        continue;
      }
      const p = this.byKey(entity);
      p.fact(`alias:${mountText}:${nameText}`, `can be logged in as through alias "${nameText}" on mount ${mountText}`, via);
      if (this.metadataMatters.alias) for (const [k, v] of Object.entries(alias.customMetadata ?? {})) p.fact(`alias-metadata:${mountText}:${k}=${v}`, `alias custom metadata ${k}=${v}, which claim templates read`, via);
      if (mount !== undefined && name !== undefined) {
        const k = `${mount}\u0000${name}`;
        this.aliasIndex.set(k, [...(this.aliasIndex.get(k) ?? []), { entity, via }]);
      }
    }
  }

  private attachedToEntity(entity: string): Attached[] {
    const memo = this.attachedMemo.get(entity);
    if (memo) return memo;
    const out = [...(this.entityPolicies.get(entity) ?? [])];
    this.attachedMemo.set(entity, out);
    for (const [group, route] of this.groupsOf(entity)) {
      for (const a of this.groupPolicies.get(group) ?? []) out.push({ name: a.name, via: `${a.via}, as ${route.via}`, addresses: union([...a.addresses, ...route.addresses]) });
    }
    return out;
  }

  private attachedToGroup(group: string): Attached[] {
    const out = [...(this.groupPolicies.get(group) ?? [])];
    for (const [parent, route] of this.ancestors(group)) {
      for (const a of this.groupPolicies.get(parent) ?? []) out.push({ name: a.name, via: `${a.via}, inherited as ${route.via}`, addresses: union([...a.addresses, ...route.addresses]) });
    }
    return out;
  }

  /** The ACL of one token, and the facts its unknown policies give. */
  private tokenAcl(p: PrincipalBuilder, label: string, attached: readonly Attached[]): void {
    const byName = new Map<string, Provenance>();
    const policyResources = new Map<string, readonly string[]>();
    const named: NamedPolicy[] = [];
    for (const a of attached) {
      const key = policyKey(a.name);
      const entry = this.ix.policies.get(key);
      const builtin = key === 'default' ? DEFAULT_POLICY_STANZAS : key === 'root' ? ROOT_STANZAS : undefined;
      const stanzas = entry ? entry.stanzas : builtin;
      const addresses = union([...a.addresses, ...(entry?.addresses ?? [])]);
      if (entry) policyResources.set(key, entry.addresses);
      const known = byName.get(key);
      byName.set(key, known ? { addresses: union([...known.addresses, ...addresses]), via: known.via } : { addresses, via: a.via });
      if (stanzas === undefined) {
        const fromUnreadable = entry?.unreadable === true;
        p.fact(
          `unknown-policy:${key}`,
          fromUnreadable ? `holds policy ${key}, whose document the model cannot read` : `holds policy ${key}, which is not defined in the stack (its content is unknown)`,
          { addresses, via: a.via },
          fromUnreadable,
        );
        continue;
      }
      if (!named.some((n) => n.name === key)) named.push({ name: key, stanzas });
    }
    named.sort((a, b) => compareStrings(a.name, b.name));
    // Tokens holding the same policies (every user's `default`, say) share one merged ACL.
    const aclKey = named.map((n) => n.name).join('\u0000');
    let rules = this.aclMemo.get(aclKey);
    if (!rules) {
      rules = mergePolicies(named);
      this.aclMemo.set(aclKey, rules);
    }
    p.acls.push({ label, rules, policies: byName, policyResources });
  }

  // ---- assignments and sign-in ---------------------------------------------------------------

  private readAssignments(): void {
    for (const a of this.model.assignments) {
      const entry = this.assignments.get(a.name) ?? { members: new Map<string, Provenance>() };
      const via = { addresses: [a.address], via: `listed in assignment ${a.name}` };
      for (const id of a.entityIds) {
        const key = this.ix.entityKey(id);
        if (key === undefined) this.stackFact(`unknown-target:${idText(id)}`, `${a.address} lists an entity the stack does not define (${idText(id)})`, a.address);
        else entry.members.set(key, via);
      }
      for (const id of a.groupIds) {
        const key = this.ix.groupKey(id);
        if (key === undefined) this.stackFact(`unknown-target:${idText(id)}`, `${a.address} lists a group the stack does not define (${idText(id)})`, a.address);
        else entry.members.set(key, via);
      }
      this.assignments.set(a.name, entry);
    }
    for (const [assignment, entry] of this.assignments)
      for (const [member, via] of entry.members) this.assignmentsOf.set(member, [...(this.assignmentsOf.get(member) ?? []), { assignment, via }]);
    for (const c of this.model.clients) for (const a of c.assignments) this.clientsOfAssignment.set(a, [...(this.clientsOfAssignment.get(a) ?? []), c.name]);
  }

  private signIn(p: PrincipalBuilder, memberships: ReadonlyMap<string, Provenance>): void {
    for (const key of [p.key, ...memberships.keys()]) {
      for (const { assignment, via: listed } of this.assignmentsOf.get(key) ?? []) {
        const route = key === p.key ? listed : { addresses: union([...listed.addresses, ...memberships.get(key)!.addresses]), via: `${listed.via} as ${memberships.get(key)!.via}` };
        for (const client of this.clientsOfAssignment.get(assignment) ?? []) {
          p.fact(`sign-in:${client}`, `may sign in through OIDC client "${client}"`, { addresses: union([...route.addresses, ...this.clientAddresses(client)]), via: route.via });
        }
      }
    }
    for (const client of this.clientsOfAssignment.get('allow_all') ?? []) {
      p.fact(`sign-in:${client}`, `may sign in through OIDC client "${client}"`, { addresses: this.clientAddresses(client), via: 'the client lists allow_all (every entity)' });
    }
  }

  private clientAddresses(client: string): readonly string[] {
    if (!this.clientAddressMemo) {
      this.clientAddressMemo = new Map();
      for (const c of this.model.clients) this.clientAddressMemo.set(c.name, [...(this.clientAddressMemo.get(c.name) ?? []), c.address]);
    }
    return this.clientAddressMemo.get(client) ?? [];
  }

  private entityFacts(): void {
    for (const [key, p] of [...this.principals].filter(([, p]) => p.kind === 'entity')) {
      const entity = this.entities.get(key);
      // A disabled entity's tokens are refused: it holds nothing (what it held shows as missing).
      if (entity?.disabled) continue;
      const groups = this.groupsOf(key);
      for (const [group, via] of groups) p.fact(`member:${this.byKey(group).name}`, `is a member of group "${this.byKey(group).name}"`, via);
      this.signIn(p, groups);
      if (entity && this.metadataMatters.entity) for (const [k, v] of Object.entries(entity.metadata)) p.fact(`metadata:${k}=${v}`, `carries metadata ${k}=${v}, which claim templates read`, { addresses: [entity.address], via: 'metadata' });
      const attached = this.attachedToEntity(key);
      if (attached.length > 0) this.tokenAcl(p, `identity policies of entity ${p.name}`, attached);
    }
  }

  private groupFacts(): void {
    for (const [key, p] of [...this.principals].filter(([, p]) => p.kind === 'group')) {
      const ancestors = this.ancestors(key);
      for (const [parent, via] of ancestors) p.fact(`member-of:${this.byKey(parent).name}`, `is a subgroup of "${this.byKey(parent).name}" (its members inherit that group's policies and assignments)`, via);
      this.signIn(p, ancestors);
      const attached = this.attachedToGroup(key);
      if (attached.length > 0) this.tokenAcl(p, `policies of group ${p.name}`, attached);
    }
  }

  // ---- OIDC clients, scopes, identity-token roles, keys ---------------------------------------

  private scopeFacts(p: PrincipalBuilder, scope: string, via: Provenance, provider: string): void {
    const s = this.scopes.get(scope);
    p.fact(`scope:${scope}`, `its tokens can carry scope "${scope}" (offered by provider ${provider})`, via);
    if (!s) {
      p.fact(`unknown-scope:${scope}`, `provider ${provider} offers scope "${scope}", which is not defined in the stack (its claims are unknown)`, via);
      return;
    }
    const source = { addresses: union([...via.addresses, s.address]), via: `${via.via}; scope ${scope}` };
    this.claimFacts(p, `claim:${scope}:`, `may-act:${scope}:`, s.claims, source, `scope "${scope}"`);
  }

  private claimFacts(p: PrincipalBuilder, claimPrefix: string, mayActPrefix: string, claims: ClaimTemplate, source: Provenance, where: string): void {
    if (claims.kind === 'invalid') {
      p.fact(`${claimPrefix}(invalid)`, `${where} has a template Vault cannot render (${claims.error})`, source);
      return;
    }
    if (claims.kind !== 'claims') return;
    for (const k of claims.keys) {
      if (k === 'may_act' && claims.mayAct) continue;
      const value = this.ix.canonicalValue(claims.value[k]!);
      p.fact(`${claimPrefix}${k}=${value}`, `${where} adds the claim ${JSON.stringify(k)}: ${value}`, source);
    }
    for (const entry of claims.mayAct ?? []) {
      const actor = this.ix.entityKey(entry.sub)?.replace(/^entity:/, '') ?? this.ix.canonicalText(idText(entry.sub));
      const client = this.ix.clientIdText(entry.clientId);
      p.fact(`${mayActPrefix}${actor}/${client}`, `${where} lets ${actor} (client ${client}) act for the token's subject (may_act)`, source);
    }
  }

  private clientFacts(): void {
    const providersOf = new Map<string, { provider: string; address: string; scopes: readonly string[] }[]>();
    for (const provider of this.model.providers) {
      for (const id of provider.allowedClientIds) {
        const text = this.ix.clientIdText(id);
        const names = text === '*' ? this.model.clients.map((c) => c.name) : [text];
        if (text === '*') this.principal('oidc-client:*', 'oidc-client', '*').fact(`issuer:${provider.name}`, `provider ${provider.name} allows every client of the namespace ("*")`, { addresses: [provider.address], via: 'allowed_client_ids = "*"' });
        for (const name of names) providersOf.set(name, [...(providersOf.get(name) ?? []), { provider: provider.name, address: provider.address, scopes: provider.scopes }]);
      }
    }
    const clients = new Map<string, OidcClient>(this.model.clients.map((c) => [c.name, c]));
    for (const name of union([...clients.keys(), ...providersOf.keys()])) {
      const p = this.principal(`oidc-client:${name}`, 'oidc-client', name);
      const client = clients.get(name);
      for (const { provider, address, scopes } of providersOf.get(name) ?? []) {
        const via = { addresses: uniqueSorted([address, ...(client ? [client.address] : [])]), via: `provider ${provider} allows it` };
        p.fact(`issuer:${provider}`, `gets tokens from provider ${provider}`, via);
        for (const scope of scopes) this.scopeFacts(p, scope, via, provider);
      }
      if (!client) continue;
      p.addresses.add(client.address);
      const own = { addresses: [client.address], via: `client ${name}` };
      for (const uri of client.redirectUris) p.fact(`redirect:${uri}`, `sends authorization codes to ${uri}`, own);
      p.fact(`type:${client.clientType}`, `is a ${client.clientType} client`, own);
      p.fact(`key:${client.key}`, `signs with key ${client.key}`, own);
      for (const a of client.assignments) {
        if (a === 'allow_all') p.fact('sign-in:everyone', 'lets every entity sign in (allow_all)', own);
        else if (!this.assignments.has(a)) p.fact(`unknown-assignment:${a}`, `lists assignment ${a}, which is not defined in the stack (its members are unknown)`, own);
      }
      p.limit('id-token-ttl', 'ID token TTL', num(seconds(client.idTokenTtl, VAULT_DEFAULT_TTL.oidcToken)), own);
      p.limit('access-token-ttl', 'access token TTL', num(seconds(client.accessTokenTtl, VAULT_DEFAULT_TTL.oidcToken)), own);
    }
  }

  private tokenRoleFacts(): void {
    for (const role of this.model.roles) {
      const p = this.principal(`identity-token-role:${role.name}`, 'identity-token-role', role.name);
      p.addresses.add(role.address);
      const own = { addresses: [role.address], via: `identity-token role ${role.name}` };
      this.claimFacts(p, 'claim:', 'may-act:', role.claims, own, `identity-token role "${role.name}"`);
      p.fact(`key:${role.key}`, `signs with key ${role.key}`, own);
      if (role.clientId !== undefined) p.fact(`client-id:${role.clientId}`, `has the fixed client_id ${role.clientId} (the aud of its tokens)`, own);
      p.limit('ttl', 'identity token TTL', num(seconds(role.ttl, VAULT_DEFAULT_TTL.identityToken)), own);
    }
  }

  private keyFacts(): void {
    for (const key of this.model.keys) {
      const p = this.principal(`key:${key.name}`, 'key', key.name);
      p.addresses.add(key.address);
      const own = { addresses: [key.address], via: `key ${key.name}` };
      for (const id of key.allowedClientIds) {
        const text = this.ix.clientIdText(id);
        p.fact(`allows:${text}`, text === '*' ? 'signs for every client and role ("*")' : `signs for ${text}`, own);
      }
      p.limit('rotation-period', 'key rotation period', num(seconds(key.rotationPeriod, VAULT_DEFAULT_TTL.keyRotation)), own);
      p.limit('verification-ttl', 'key verification TTL', num(seconds(key.verificationTtl, VAULT_DEFAULT_TTL.keyVerification)), own);
    }
    for (const a of this.model.keyAllowedClients) {
      const text = this.ix.clientIdText(a.clientId);
      this.principal(`key:${a.keyName}`, 'key', a.keyName).fact(`allows:${text}`, text === '*' ? 'signs for every client and role ("*")' : `signs for ${text}`, { addresses: [a.address], via: 'key allowed client' });
    }
  }

  // ---- logins ------------------------------------------------------------------------------------

  private loginFacts(): void {
    for (const cred of credentials(this.model.loginRoles)) {
      const p = this.principal(cred.key, 'login', `${cred.mount}:${cred.text}`);
      for (const { role, alias } of cred.roles) {
        p.addresses.add(role.address);
        const roleVia = { addresses: [role.address], via: `login role ${role.mountPath}/${role.roleName}` };
        const landing = alias !== undefined ? (this.aliasIndex.get(`${cred.mount}\u0000${alias}`) ?? []) : [];
        if (alias === undefined) {
          p.fact(
            'lands-on:?',
            `logs in through ${role.mountPath}/${role.roleName}, whose alias name is not predictable (${unpredictableWhy(role)}): it may land on any entity with an alias on ${cred.mount}`,
            roleVia,
          );
        }
        const entities = landing.length > 0 ? landing : [undefined];
        for (const land of entities) {
          const entity = land ? this.entities.get(land.entity) : undefined;
          if (entity?.disabled) continue;
          if (land) {
            const via = { addresses: union([...roleVia.addresses, ...land.via.addresses]), via: `${roleVia.via}, ${land.via.via}` };
            p.fact(`lands-on:${this.byKey(land.entity).name}`, `lands on entity "${this.byKey(land.entity).name}"`, via);
            this.byKey(land.entity).fact(`logged-in-by:${cred.key}`, `is logged in as by the credential ${cred.mount}:${cred.text} (login role ${role.mountPath}/${role.roleName})`, via);
          }
          // A JWT role with groups_claim: the token's claim decides which external groups with an
          // alias on this mount the login joins; the credential does not bind it, so any of them.
          const groupsClaim = role.method === 'jwt' ? role.groupsClaim : undefined;
          const joins = groupsClaim ? (this.groupAliasesOn.get(cred.mount) ?? []) : [];
          for (const j of joins) {
            p.fact(`may-join:${this.byKey(j.group).name}`, `joins group ${this.byKey(j.group).name} when its "${groupsClaim}" claim names "${j.alias}"`, { addresses: [role.address, j.address], via: `groups_claim of login role ${role.mountPath}/${role.roleName}, group alias ${j.alias}` });
          }
          const attached: Attached[] = [
            ...role.policies.map((name) => ({ name, via: `token policy of login role ${role.mountPath}/${role.roleName}`, addresses: [role.address] })),
            ...joins.flatMap((j) => this.attachedToGroup(j.group).map((a) => ({ ...a, via: `${a.via}, joined through groups_claim "${groupsClaim}"`, addresses: union([...a.addresses, j.address]) }))),
            ...(land ? this.attachedToEntity(land.entity).map((a) => ({ ...a, addresses: union([...a.addresses, ...land.via.addresses]) })) : []),
            ...(role.noDefaultPolicy ? [] : [{ name: 'default', via: `default policy (login role ${role.mountPath}/${role.roleName} does not set token_no_default_policy)`, addresses: [role.address] }]),
          ];
          this.tokenAcl(p, `login role ${role.mountPath}/${role.roleName}${land ? `, entity ${this.byKey(land.entity).name}` : ''}`, attached);
        }
        this.roleLimits(p, role, roleVia);
      }
    }
    // Aliases on mounts without login roles in the stack: the credential (a user name, say) is
    // managed outside, and a login with it lands on the entity with its identity policies and
    // Vault's default policy.
    const mountsWithRoles = new Set(this.model.loginRoles.map((r) => r.mountPath));
    for (const [k, landings] of this.aliasIndex) {
      const [mount, name] = k.split('\u0000') as [string, string];
      if (mountsWithRoles.has(mount)) continue;
      const p = this.principal(`login:${mount}:${name}`, 'login', `${mount}:${name}`);
      for (const land of landings) {
        if (this.entities.get(land.entity)?.disabled) continue;
        for (const a of land.via.addresses) p.addresses.add(a);
        p.fact(`lands-on:${this.byKey(land.entity).name}`, `lands on entity "${this.byKey(land.entity).name}"`, land.via);
        this.byKey(land.entity).fact(`logged-in-by:${p.key}`, `is logged in as by the credential ${mount}:${name} (a login method outside the stack)`, land.via);
        this.tokenAcl(p, `login on ${mount} as ${name}, entity ${this.byKey(land.entity).name}`, [
          ...this.attachedToEntity(land.entity),
          { name: 'default', via: `default policy (a login on ${mount}, whose login method is outside the stack)`, addresses: land.via.addresses },
        ]);
      }
    }
  }

  private roleLimits(p: PrincipalBuilder, role: LoginRole, via: Provenance): void {
    const explicit = seconds(role.tokenExplicitMaxTtl, 0);
    const period = seconds(role.tokenPeriod, 0);
    const max = seconds(role.tokenMaxTtl, Infinity);
    // A periodic token renews forever unless token_explicit_max_ttl caps it (research notes A6).
    const lifetime = Math.min(explicit > 0 ? explicit : Infinity, period > 0 ? Infinity : max);
    const ttl = Math.min(period > 0 ? period : seconds(role.tokenTtl, Infinity), lifetime);
    p.limit('token-ttl', 'login token TTL', num(ttl), via);
    p.limit('token-lifetime', 'login token lifetime (renewals included)', num(lifetime), via);
    p.limit('token-uses', 'login token uses', num(role.tokenNumUses && role.tokenNumUses > 0 ? role.tokenNumUses : Infinity), via, 'count');
    p.limit('token-cidrs', 'addresses login tokens may be used from', set(role.tokenBoundCidrs), via);
    if (role.method === 'kubernetes') p.limit('audience', 'service account token audience', role.audience ? set([role.audience]) : set([]), via);
    if (role.method === 'approle') {
      p.limit('secret-id-optional', 'login without a secret id (bind_secret_id = false)', num(role.bindSecretId ? 0 : 1), via, 'flag');
      p.limit('secret-id-ttl', 'secret id TTL', num(seconds(role.secretIdTtl, Infinity)), via);
      p.limit('secret-id-uses', 'secret id uses', num(role.secretIdNumUses && role.secretIdNumUses > 0 ? role.secretIdNumUses : Infinity), via, 'count');
      p.limit('secret-id-cidrs', 'addresses secret ids may be used from', set(role.secretIdBoundCidrs), via);
    }
    if (role.method === 'jwt') {
      const leeway = (v: number | undefined, fallback: number) => (v === undefined || v === 0 ? fallback : v < 0 ? 0 : v);
      p.limit('clock-skew-leeway', 'JWT clock skew leeway', num(leeway(role.clockSkewLeeway, JWT_LEEWAY_DEFAULTS.clockSkew)), via);
      p.limit('expiration-leeway', 'JWT expiration leeway', num(leeway(role.expirationLeeway, JWT_LEEWAY_DEFAULTS.expiration)), via);
      p.limit('not-before-leeway', 'JWT not-before leeway', num(leeway(role.notBeforeLeeway, JWT_LEEWAY_DEFAULTS.notBefore)), via);
      if (role.groupsClaim) p.fact(`groups-from-claim:${role.groupsClaim}`, `joins the external groups named in its "${role.groupsClaim}" claim`, via);
      for (const uri of role.allowedRedirectUris ?? []) p.fact(`redirect:${uri}`, `may complete a browser login at ${uri}`, via);
      if (this.metadataMatters.alias) for (const [claim, key] of Object.entries(role.claimMappings ?? {})) p.fact(`claim-mapping:${claim}=${key}`, `copies its "${claim}" claim into alias metadata ${key}, which claim templates read`, via);
    }
    if (this.metadataMatters.alias) for (const [k, v] of Object.entries(role.aliasMetadata ?? {})) p.fact(`alias-metadata:${k}=${v}`, `sets alias metadata ${k}=${v}, which claim templates read`, via);
  }

  // ---- token exchange -----------------------------------------------------------------------------

  private exchangeFacts(): void {
    const providerClients = new Map<string, Set<string>>();
    for (const provider of this.model.providers) {
      const names = new Set<string>();
      for (const id of provider.allowedClientIds) {
        const text = this.ix.clientIdText(id);
        if (text === '*') for (const c of this.model.clients) names.add(c.name);
        else names.add(text);
      }
      providerClients.set(provider.name, names);
    }
    const signers = new Map<string, string[]>();
    for (const [key, p] of this.principals) {
      if (p.kind !== 'entity') continue;
      for (const f of p.facts.keys()) if (f.startsWith('sign-in:')) signers.set(f.slice(8), [...(signers.get(f.slice(8)) ?? []), key]);
    }
    const everyone = new Set(this.clientsOfAssignment.get('allow_all') ?? []);
    for (const role of this.model.exchangeRoles) {
      const p = this.principal(`exchange-role:${role.mount}/${role.name}`, 'exchange-role', `${role.mount}/${role.name}`);
      p.addresses.add(role.address);
      const own = { addresses: [role.address], via: `exchange role ${role.mount}/${role.name}` };
      const issuer = role.boundIssuer ? issuerText(this.ix, role.boundIssuer) : '*';
      p.fact(`issuer:${issuer}`, issuer === '*' ? 'accepts subject tokens of any issuer its JWKS verifies (no bound_issuer)' : `accepts subject tokens issued by ${issuer}`, own);
      const audiences = role.boundAudiences.length > 0 ? role.boundAudiences.map((a) => this.ix.clientIdText(a)) : ['*'];
      for (const a of audiences) p.fact(`audience:${a}`, a === '*' ? 'accepts subject tokens for any audience (no bound_audiences)' : `accepts subject tokens for client ${a}`, own);
      if (role.context.kind === 'scopes') for (const scope of role.context.scopes) p.fact(`context:${scope}`, `puts scope "${scope}" in delegated tokens`, own);
      // An expression: any scope at all may end up in its delegated tokens (intent never holds this).
      else p.fact(`context:?${role.context.text}`, `puts scopes the model cannot read (${role.context.text}) in delegated tokens`, own);
      p.fact(`actor:${this.ix.canonicalTemplate(role.actorTemplate)}`, `renders the actor of delegated tokens as ${this.ix.canonicalTemplate(role.actorTemplate)}`, own);
      p.fact(`subject:${this.ix.canonicalTemplate(role.subjectTemplate)}`, `copies ${this.ix.canonicalTemplate(role.subjectTemplate)} from the subject into delegated tokens`, own);
      if (role.key !== undefined) p.fact(`key:${role.key}`, `signs with engine key ${role.key}`, own);
      p.limit('ttl', 'delegated token TTL', num(seconds(role.ttl, Infinity)), own);
      // Users whose ID tokens the role accepts: signed in through a client the bound audience
      // names, from a provider the bound issuer names (an unbound one accepts any).
      const providerName = issuer.startsWith('provider ') ? issuer.slice('provider '.length) : undefined;
      const fromProviders = issuer === '*' ? undefined : providerName !== undefined ? (providerClients.get(providerName) ?? new Set<string>()) : new Set<string>();
      const accepted = new Set<string>();
      let anyone = false;
      for (const a of audiences) {
        const candidates = a === '*' ? this.model.clients.map((c) => c.name) : [a];
        for (const c of candidates) {
          if (fromProviders && !fromProviders.has(c)) continue;
          if (everyone.has(c)) anyone = true;
          for (const e of signers.get(c) ?? []) accepted.add(e);
        }
      }
      // A literal issuer or audience outside the stack: its users are unknown.
      if (issuer !== '*' && providerName === undefined) anyone = true;
      if (audiences.some((a) => a !== '*' && !this.model.clients.some((c) => c.name === a))) anyone = true;
      if (anyone) p.fact('accepts-user:*', 'accepts the ID token of any user (an unbound or unknown issuer or audience, or allow_all)', own);
      for (const e of accepted) p.fact(`accepts-user:${this.byKey(e).name}`, `accepts the ID tokens of ${this.byKey(e).name}`, own);
    }
    for (const config of this.model.exchangeConfigs ?? []) {
      const p = this.principal(`exchange-engine:${config.mount}`, 'exchange-engine', config.mount);
      p.addresses.add(config.address);
      const own = { addresses: [config.address], via: `exchange engine ${config.mount}` };
      if (config.issuer !== undefined) p.fact(`issuer:${config.issuer}`, `issues delegated tokens as ${config.issuer}`, own);
      if (config.subjectJwksUri !== undefined) p.fact(`jwks:${this.ix.canonicalText(config.subjectJwksUri)}`, `verifies subject tokens with ${this.ix.canonicalText(config.subjectJwksUri)}`, own);
      p.limit('default-ttl', 'delegated token default TTL', num(seconds(config.defaultTtl, Infinity)), own);
    }
    for (const e of this.model.exchangeEndpoints) {
      const key = /\/key\/([^/]+)$/.exec(e.path);
      if (!key) continue;
      this.principal(`exchange-engine:${e.mount}`, 'exchange-engine', e.mount).fact(`key:${key[1]}`, `has signing key ${key[1]}`, { addresses: [e.address], via: 'engine key' });
    }
  }

  // ---- registry ----------------------------------------------------------------------------------

  private registrationFacts(): void {
    for (const reg of this.model.registrations) {
      const own = { addresses: [reg.address], via: `registration ${reg.displayName}` };
      const entity = this.ix.entityKey(reg.entityId);
      if (entity === undefined) {
        this.stackFact(`unknown-target:${idText(reg.entityId)}`, `${reg.address} registers an entity the stack does not define`, reg.address);
        continue;
      }
      const p = this.byKey(entity);
      p.fact(`registered:${reg.displayName}`, `is registered as agent "${reg.displayName}"`, own);
      if (reg.optionalAuthorizationDetails) p.fact('rar:optional', 'may call without authorization_details (RAR optional)', own);
      if (!reg.noDefaultCeilingPolicy) p.fact('ceiling:default-ceiling', "is capped by Vault's default ceiling policies as well, whose content is not in the stack", own);
      const before = p.acls.length;
      this.tokenAcl(p, `ceiling of registration ${reg.displayName}`, reg.ceilingPolicies.map((name) => ({ name, via: `ceiling of registration ${reg.displayName}`, addresses: [reg.address] })));
      const ceiling = p.acls.splice(before);
      // An unknown ceiling policy was recorded as `unknown-policy:`; for a ceiling it means an unknown cap.
      for (const name of reg.ceilingPolicies) {
        const k = `unknown-policy:${policyKey(name)}`;
        const f = p.facts.get(k);
        if (f && f.sources.every((s) => s.via.startsWith('ceiling of'))) {
          p.facts.delete(k);
          p.fact(`ceiling-unknown-policy:${policyKey(name)}`, `is capped by policy ${policyKey(name)}, which is not in the stack (the cap is unknown)`, own, f.fromUnreadable);
        }
      }
      p.ceiling = [...(p.ceiling ?? []), ...ceiling];
    }
  }

  private profileFacts(): void {
    for (const profile of this.model.resourceServerProfiles) {
      const p = this.principal(`profile:${profile.name}`, 'profile', profile.name);
      p.addresses.add(profile.address);
      const own = { addresses: [profile.address], via: `resource-server profile ${profile.name}` };
      if (!profile.enabled) continue;
      p.fact('enabled', 'is enabled: Vault accepts its issuer\'s tokens as credentials', own);
      p.fact(`issuer:${profile.issuer}`, `accepts tokens issued by ${profile.issuer}`, own);
      for (const a of profile.audiences.length > 0 ? profile.audiences : ['*']) p.fact(`aud:${a}`, a === '*' ? 'accepts tokens for any audience' : `accepts tokens for audience ${a}`, own);
      for (const a of profile.supportedAlgorithms ?? ['*']) p.fact(`alg:${a}`, a === '*' ? 'accepts every signing algorithm' : `accepts ${a} signatures`, own);
      if (profile.useJwks) p.fact(`jwks:${profile.jwksUri ?? '(computed)'}`, `trusts the keys at ${profile.jwksUri ?? 'an address known after apply'}`, own);
      else for (const k of profile.publicKeys ?? []) p.fact(`public-key:${k}`, `trusts public key ${k}`, own);
      if (profile.jwksCaPem !== undefined) p.fact(`jwks-ca:${profile.jwksCaPem.replace(/\s+/g, '').slice(-24)}`, 'trusts a custom CA for its JWKS', own);
      p.fact(`user-claim:${profile.userClaim ?? 'sub'}`, `maps the "${profile.userClaim ?? 'sub'}" claim to an entity alias`, own);
      p.fact(`jwt-type:${profile.jwtType ?? 'access_token'}`, `accepts ${profile.jwtType ?? 'access_token'} tokens`, own);
      if (profile.noDefaultPolicy !== true) p.fact('default-policy', "adds Vault's default policy to requests", own);
      if (profile.optionalAuthorizationDetails) p.fact('rar:optional', 'accepts tokens without authorization_details (RAR optional)', own);
      p.limit('clock-skew-leeway', 'clock skew leeway', num(profile.clockSkewLeeway ?? Infinity), own);
    }
  }

  private mountFacts(): void {
    for (const config of this.model.mountConfigs ?? []) {
      const p = this.principal(`auth-mount:${config.mountPath}`, 'auth-mount', config.mountPath);
      p.addresses.add(config.address);
      for (const [arg, value] of Object.entries(config.arguments)) {
        p.fact(`config:${arg}=${this.ix.canonicalText(value)}`, `is configured with ${arg} = ${this.ix.canonicalText(value)} (${config.type})`, { addresses: [config.address], via: config.type });
      }
    }
  }
}

function issuerText(ix: NameIndex, id: IdValue): string {
  const provider = ix.providerOfIssuer(id);
  if (provider !== undefined) return `provider ${provider}`;
  return id.kind === 'literal' ? id.value : idText(id);
}

function unpredictableWhy(role: LoginRole): string {
  switch (role.method) {
    case 'kubernetes':
      return role.aliasNameSource !== 'serviceaccount_name' ? `alias_name_source ${role.aliasNameSource}` : 'its service account or namespace is a pattern';
    case 'jwt':
      return `user_claim "${role.userClaim}" is not bound to one exact value`;
    case 'approle':
      return 'no role id';
    case 'cert':
      return "the alias is the certificate's common name, which allowed_common_names does not pin to one exact value";
  }
}
