/**
 * `A2aVaultTopology`: renders a whole `AccessPlan` with the L2 constructs.
 *
 * The plan already decided *what* to create (provider per client, exact paths, …); this construct
 * only turns names into Terraform references, so Terraform orders creation correctly and no
 * reference loops back (the key never names its clients; each client and identity-token role is
 * added to the key by its own allowed-client resource).
 *
 * Construct ids derive from plan names (`client-<name>`, `policy-<name>`, …), so adding an agent
 * to a topology only adds resources and never renames existing ones. Rendered children are
 * exposed in read-only maps keyed by plan name, so users can extend or inspect them.
 *
 * Outputs (maps keyed by name, never a secret): `oidc_discovery_urls` per provider,
 * `oidc_client_ids` per client, `identity_token_audiences` per identity-token role (actor-token
 * roles included) and, with delegation, `delegation_sign_in_clients` (client agent → user → the
 * sign-in partition client that user must use).
 *
 * Delegation (RFC 8693) is rendered by `A2aDelegation` (see delegation.ts).
 */
import { DataVaultIdentityEntity } from '@cdktf/provider-vault/lib/data-vault-identity-entity';
import { DataVaultIdentityGroup } from '@cdktf/provider-vault/lib/data-vault-identity-group';
import { IdentityOidc } from '@cdktf/provider-vault/lib/identity-oidc';
import { TerraformOutput, TerraformStack, type TerraformProvider } from 'cdktf';
import { OUTPUT_NAMES } from '../plan/naming';
import { Construct, type IConstruct } from 'constructs';
import { clientOwner } from '../plan/compile-delegation';
import type { AccessPlan, EntityPlan, LoginRolePlan } from '../plan/types';
import { adoptionProblems, type Adoption } from './adoption';
import { AgentPolicy } from './agent-policy';
import { A2aAgentRegistry } from './agent-registry';
import { A2aAudit } from './audit';
import { tagAgent } from './agent-tag';
import { AppRoleLoginRole } from './approle-login-role';
import { AuthMountRef } from './auth-mount-ref';
import { A2aDelegation } from './delegation';
import { IdentityEntity } from './identity-entity';
import { IdentityGroup } from './identity-group';
import { IdentityTokenRole } from './identity-token-role';
import { CertLoginRole } from './cert-login-role';
import { ExternalGroup } from './external-group';
import { JwtLoginRole } from './jwt-login-role';
import { KubernetesLoginRole } from './kubernetes-login-role';
import { OidcAssignment } from './oidc-assignment';
import { OidcClient } from './oidc-client';
import { OidcKey } from './oidc-key';
import { OidcProvider } from './oidc-provider';
import { OidcScope } from './oidc-scope';
import { addLeastPrivilegeChecks, CHECKS_ON, type LeastPrivilegeChecks } from './least-privilege';
import { InvalidPropsError } from './validate';
import { compareStrings, sorted, sortedBy } from '../vault/order';

export interface A2aVaultTopologyProps {
  readonly plan: AccessPlan;
  /**
   * Least-privilege checks on the synthesized stack (`vault-a2a check`'s rules, compared with
   * the plan's intent, honouring the topology's per-agent suppressions): synth fails on an
   * unsuppressed error. Default on; `{ enabled: false, reason }` turns them off.
   */
  readonly checks?: LeastPrivilegeChecks;
  /**
   * Users and agents that already exist in Vault (they logged in before): their entity and alias
   * are imported (Terraform 1.5+ `import` blocks) instead of created, which would fail. See
   * adoption.ts and `vault-a2a adopt`.
   */
  readonly adopt?: Adoption;
  /**
   * A vault provider without a namespace, for what Vault configures from the root namespace only
   * (audit devices and audited headers). Needed when the plan has `audit` and a `vault.namespace`.
   */
  readonly rootProvider?: TerraformProvider;
}

export type LoginRole = KubernetesLoginRole | JwtLoginRole | AppRoleLoginRole | CertLoginRole;

/** Terraform output names; fixed so scripts can rely on them (one topology per stack). */
export { OUTPUT_NAMES };

export class A2aVaultTopology extends Construct {
  readonly plan: AccessPlan;
  readonly key: OidcKey;
  readonly mounts: ReadonlyMap<string, AuthMountRef>;
  readonly policies: ReadonlyMap<string, AgentPolicy>;
  /** Keyed by agent name. */
  readonly loginRoles: ReadonlyMap<string, LoginRole>;
  readonly entities: ReadonlyMap<string, IdentityEntity>;
  /** Internal groups and external groups (IdP-managed membership), by name. */
  readonly groups: ReadonlyMap<string, IdentityGroup | ExternalGroup>;
  /** Grant scopes; may_act scopes are in `delegation.mayActScopes`. */
  readonly scopes: ReadonlyMap<string, OidcScope>;
  /** The scope naming each client agent (and the signed-in user) in its tokens, by scope name. */
  readonly agentScopes: ReadonlyMap<string, OidcScope>;
  readonly assignments: ReadonlyMap<string, OidcAssignment>;
  readonly clients: ReadonlyMap<string, OidcClient>;
  readonly providers: ReadonlyMap<string, OidcProvider>;
  /** Call roles `<client>.<server>` and actor-token roles `a2a.actor.<agent>`. */
  readonly identityTokenRoles: ReadonlyMap<string, IdentityTokenRole>;
  /** `vault_identity_oidc`, present only when the plan mints identity tokens. */
  readonly identityTokenIssuer?: IdentityOidc;
  /** Agent registry and resource-server profiles, present only when the plan has `registry`. */
  readonly registry?: A2aAgentRegistry;
  /** Present when the plan has delegation. */
  readonly delegation?: A2aDelegation;
  /**
   * What another stack of the organization creates (`plan.elsewhere`): users' entities and groups
   * looked up by name, and the names of scopes offered by this stack's providers.
   */
  readonly elsewhere: {
    readonly entities: ReadonlyMap<string, DataVaultIdentityEntity>;
    readonly groups: ReadonlyMap<string, DataVaultIdentityGroup>;
    readonly scopes: ReadonlySet<string>;
  };
  /** Audit devices and audited headers, present when the plan has `audit`. */
  readonly audit?: A2aAudit;

  constructor(scope: Construct, id: string, props: A2aVaultTopologyProps) {
    super(scope, id);
    const plan = props.plan;
    this.plan = plan;
    assertOnlyTopologyInStack(this);
    const lookup = new PlanLookup(this);

    this.key = new OidcKey(this, `key-${plan.key.name}`, {
      name: plan.key.name,
      algorithm: plan.key.algorithm,
      rotationPeriodSeconds: plan.key.rotationPeriodSeconds,
      verificationTtlSeconds: plan.key.verificationTtlSeconds,
    });
    this.mounts = byName(plan.mounts, (m) => new AuthMountRef(this, `mount-${m.name}`, { path: m.path }));
    this.policies = byName(plan.policies, (p) => tagAgent(new AgentPolicy(this, `policy-${p.name}`, { name: p.name, rules: p.rules }), p.agent));
    this.loginRoles = this.renderLoginRoles(lookup);
    this.entities = this.renderEntities(lookup);
    if (props.adopt !== undefined) adopt(this, plan, this.entities, props.adopt);
    this.groups = this.renderGroups(lookup);
    this.elsewhere = this.renderElsewhere();
    this.scopes = byName(plan.scopes, (s) => new OidcScope(this, `scope-${s.name}`, { name: s.name, template: s.template, description: s.description }));
    this.agentScopes = byName(plan.agentScopes ?? [], (s) =>
      tagAgent(new OidcScope(this, `scope-${s.name}`, { name: s.name, template: s.template, description: s.description }), s.agent),
    );
    // Actor-token roles and may_act scopes exist before the clients: partition providers offer
    // the scopes, and the scopes name the roles' client ids.
    if (plan.delegation) this.delegation = new A2aDelegation(this, 'delegation', { plan: plan.delegation, key: this.key, entities: this.entities });
    const oidc = this.renderClients(lookup);
    this.assignments = oidc.assignments;
    this.clients = oidc.clients;
    this.providers = oidc.providers;
    this.identityTokenRoles = this.renderIdentityTokenRoles();
    if (plan.identityTokenIssuer !== undefined) {
      this.identityTokenIssuer = new IdentityOidc(this, 'identity-token-issuer', { issuer: plan.identityTokenIssuer });
    }

    lookup.checkKeyClients(plan, this.clients, this.identityTokenRoles);
    lookup.throwIfAny();
    if (plan.registry !== undefined) this.registry = new A2aAgentRegistry(this, 'registry', { plan, entities: this.entities, policies: this.policies, mounts: this.mounts });
    if (plan.audit !== undefined) this.audit = new A2aAudit(this, 'audit', { plan: plan.audit, ...(props.rootProvider ? { rootProvider: props.rootProvider } : {}) });
    this.addOutputs();
    addLeastPrivilegeChecks(this, props.checks ?? CHECKS_ON);
  }

  /** One login role per agent that logs in, holding exactly its own policy. */
  private renderLoginRoles(lookup: PlanLookup): Map<string, LoginRole> {
    const loginRoles = new Map<string, LoginRole>();
    for (const role of sortedBy(this.plan.loginRoles, (r) => r.agent)) {
      const tokenPolicies = sorted(role.policies).map((name) => lookup.get(this.policies, 'policy', name, `loginRoles[${role.agent}]`));
      loginRoles.set(role.agent, tagAgent(this.loginRole(role, tokenPolicies), role.agent));
    }
    return loginRoles;
  }

  /** Entities of users and agents, each with its alias on an auth mount when it has one. */
  private renderEntities(lookup: PlanLookup): Map<string, IdentityEntity> {
    // The policies rendered for the plan, by reference, so the entity is written after them.
    const policiesOf = (e: EntityPlan) =>
      e.policies?.length ? { policies: sorted(e.policies).map((name) => lookup.get(this.policies, 'policy', name, `entities[${e.name}]`)) } : {};
    return byName(this.plan.entities, (e) => {
      const alias = e.alias;
      const entity = alias
        ? new IdentityEntity(this, `entity-${e.name}`, {
            name: e.name,
            alias: {
              mount: lookup.get(this.mounts, 'mount', alias.mount, `entities[${e.name}]`),
              name: alias.name.kind === 'static' ? alias.name.value : approleRoleId(lookup, this.loginRoles, alias.name.loginRole, e.name),
            },
            ...(e.metadata ? { metadata: e.metadata } : {}),
            ...policiesOf(e),
          })
        : new IdentityEntity(this, `entity-${e.name}`, { name: e.name, ...(e.metadata ? { metadata: e.metadata } : {}), ...policiesOf(e) });
      return e.kind === 'agent' ? tagAgent(entity, e.name) : entity;
    });
  }

  private renderGroups(lookup: PlanLookup): Map<string, IdentityGroup | ExternalGroup> {
    return byName(this.plan.groups, (g) =>
      g.external !== undefined
        ? new ExternalGroup(this, `group-${g.name}`, {
            name: g.name,
            ...(g.description !== undefined ? { description: g.description } : {}),
            mount: lookup.get(this.mounts, 'mount', g.external.mount, `groups[${g.name}]`),
            idpGroup: g.external.alias,
          })
        : new IdentityGroup(this, `group-${g.name}`, {
        name: g.name,
        ...(g.description !== undefined ? { description: g.description } : {}),
        members: sorted(g.members).map((m) => lookup.get(this.entities, 'entity', m, `groups[${g.name}]`)),
      }),
    );
  }

  /** Lookups by Vault name of the entities and groups another stack creates; a name this plan also defines is refused. */
  private renderElsewhere(): A2aVaultTopology['elsewhere'] {
    const elsewhere = this.plan.elsewhere;
    const both = [...(elsewhere?.entities ?? []).filter((n) => this.entities.has(n)), ...(elsewhere?.groups ?? []).filter((n) => this.groups.has(n))];
    if (both.length > 0) throw new InvalidPropsError(this.node.path, [`plan.elsewhere names ${both.join(', ')}, which the plan also creates`]);
    return {
      entities: new Map(sorted(elsewhere?.entities ?? []).map((name) => [name, new DataVaultIdentityEntity(this, `lookup-entity-${name}`, { entityName: name })])),
      groups: new Map(sorted(elsewhere?.groups ?? []).map((name) => [name, new DataVaultIdentityGroup(this, `lookup-group-${name}`, { groupName: name })])),
      scopes: new Set(elsewhere?.scopes ?? []),
    };
  }

  /** Per client (a client agent, or one sign-in partition of it): its assignment, client and own provider. */
  private renderClients(lookup: PlanLookup): {
    assignments: Map<string, OidcAssignment>;
    clients: Map<string, OidcClient>;
    providers: Map<string, OidcProvider>;
  } {
    const assignments = new Map<string, OidcAssignment>();
    const clients = new Map<string, OidcClient>();
    const providers = new Map<string, OidcProvider>();
    // The issuer host is the plan's (clients may reach Vault under another name than Terraform
    // does); the scheme follows the Vault address.
    const address = new URL(`${new URL(this.plan.vault.address).protocol}//${this.plan.vault.issuerHost}`);
    for (const c of sortedBy(this.plan.clients, (c) => c.name)) {
      const where = `clients[${c.name}]`;
      // A client agent, or the agent a sign-in partition was split from.
      const agent = clientOwner(this.plan.delegation, c.name);
      const assignment = new OidcAssignment(this, `assignment-${c.assignment.name}`, {
        name: c.assignment.name,
        entityIds: sorted(c.assignment.entities).map((e) => this.elsewhere.entities.get(e)?.id ?? lookup.get(this.entities, 'entity', e, where).entityId),
        groupIds: sorted(c.assignment.groups).map((g) => this.elsewhere.groups.get(g)?.id ?? lookup.get(this.groups, 'group', g, where).groupId),
      });
      const client = new OidcClient(this, `client-${c.name}`, {
        name: c.name,
        key: this.key,
        redirectUris: sorted(c.redirectUris),
        assignments: [assignment],
        clientType: { kind: c.clientType },
        idTokenTtlSeconds: c.idTokenTtlSeconds,
        accessTokenTtlSeconds: c.accessTokenTtlSeconds,
        generation: c.generation,
      });
      const provider = new OidcProvider(this, `provider-${c.provider.name}`, {
        name: c.provider.name,
        vaultAddress: address.origin,
        // One client per provider: scopes are provider-wide in Vault.
        clients: [client],
        scopes: sorted(c.provider.scopes).map(
          (s) => this.delegation?.mayActScopes.get(s) ?? this.agentScopes.get(s) ?? (this.elsewhere.scopes.has(s) ? s : lookup.get(this.scopes, 'scope', s, where)),
        ),
        ...(address.protocol === 'http:' ? { plainHttp: { reason: `the topology's Vault address ${address.origin} is http` } } : {}),
      });
      assignments.set(c.assignment.name, tagAgent(assignment, agent));
      clients.set(c.name, tagAgent(client, agent));
      providers.set(c.provider.name, tagAgent(provider, agent));
    }
    return { assignments, clients, providers };
  }

  /**
   * Call roles `<client>.<server>`, then (with delegation) the token exchange, bound to the
   * rendered partition clients; returns the call roles with the actor-token roles, by name.
   */
  private renderIdentityTokenRoles(): Map<string, IdentityTokenRole> {
    const callTokenRoles = byName(this.plan.identityTokenRoles, (r) =>
      tagAgent(
        new IdentityTokenRole(this, `identity-token-role-${r.name}`, {
          name: r.name,
          key: this.key,
          template: r.template,
          ttlSeconds: r.ttlSeconds,
        }),
        r.agent,
      ),
    );
    this.delegation?.addTokenExchange(this.clients, this.providers);
    return new Map([...callTokenRoles, ...(this.delegation?.actorTokenRoles ?? [])].sort(([a], [b]) => compareStrings(a, b)));
  }

  private loginRole(role: LoginRolePlan, tokenPolicies: readonly AgentPolicy[]): LoginRole {
    const common = {
      mountPath: role.mountPath,
      roleName: role.roleName,
      tokenPolicies,
      tokenTtlSeconds: role.tokenTtlSeconds,
      tokenMaxTtlSeconds: role.tokenMaxTtlSeconds,
    };
    const id = `login-role-${role.agent}`;
    switch (role.kind) {
      case 'kubernetes':
        return new KubernetesLoginRole(this, id, {
          ...common,
          serviceAccount: role.serviceAccount,
          namespace: role.namespace,
          ...(role.audience !== undefined ? { audience: role.audience } : {}),
        });
      case 'jwt':
        return new JwtLoginRole(this, id, { ...common, subject: role.subject, audiences: sorted(role.audiences) });
      case 'approle':
        return new AppRoleLoginRole(this, id, {
          ...common,
          secretIdTtlSeconds: role.secretId.ttlSeconds,
          secretIdNumUses: role.secretId.numUses,
          secretIdBoundCidrs: sorted(role.secretId.boundCidrs),
          tokenBoundCidrs: sorted(role.tokenBoundCidrs),
        });
      case 'cert':
        return new CertLoginRole(this, id, {
          ...common,
          caCertificate: role.certificate,
          ...(role.name.kind === 'common-name' ? { commonName: role.name.value } : { uriSan: role.name.value }),
        });
    }
  }

  private addOutputs(): void {
    const output = (name: string, description: string, value: Record<string, string>): void => {
      if (Object.keys(value).length === 0) return;
      // A fixed name instead of a path-derived one (`topology_oidc_client_ids_<hash>`).
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    };
    output(
      OUTPUT_NAMES.discoveryUrls,
      'OpenID discovery URL of each OIDC provider (one per client agent).',
      sortedRecord(this.providers, (p) => p.discoveryUrl),
    );
    output(OUTPUT_NAMES.clientIds, 'OIDC client id of each client agent (the secret is never output).', sortedRecord(this.clients, (c) => c.clientId));
    output(
      OUTPUT_NAMES.identityTokenAudiences,
      'client_id of each identity-token role: the aud of the tokens it mints.',
      sortedRecord(this.identityTokenRoles, (r) => r.clientId),
    );
    const partitions = this.plan.delegation?.partitions ?? [];
    if (partitions.length > 0) {
      // Which client each user signs in through, per split agent: the app behind the agent needs
      // it to send a user to the client whose ID tokens carry exactly that user's may_act.
      // Maps: agent and user names are the topology's, and an agent may be called `constructor`.
      const byAgent = new Map<string, Map<string, string>>();
      for (const p of sortedBy(partitions, (p) => p.client)) {
        for (const user of p.users) (byAgent.get(p.agent) ?? byAgent.set(p.agent, new Map()).get(p.agent)!).set(user, p.client);
      }
      const value = Object.fromEntries(
        [...byAgent.keys()]
          .sort(compareStrings)
          .map((agent) => [agent, Object.fromEntries([...byAgent.get(agent)!].sort(([a], [b]) => compareStrings(a, b)))]),
      );
      new TerraformOutput(this, OUTPUT_NAMES.delegationSignInClients, {
        value,
        description: 'Per client agent split by delegation: user → the OIDC client (and provider) the user signs in through.',
      }).overrideLogicalId(OUTPUT_NAMES.delegationSignInClients);
    }
  }
}

/**
 * cdktf writes object keys sorted (json-stable-stringify) but keeps list order, so every set-like
 * list is sorted here: a plan listing the same things in another order gives the same bytes.
 * Children are also created in name order, so the exposed maps iterate by name.
 */
function byName<P extends { readonly name: string }, C>(items: readonly P[], make: (item: P) => C): Map<string, C> {
  return new Map(sortedBy(items, (item) => item.name).map((item) => [item.name, make(item)]));
}

function sortedRecord<C>(map: ReadonlyMap<string, C>, value: (c: C) => string): Record<string, string> {
  return Object.fromEntries(sorted([...map.keys()]).map((k) => [k, value(map.get(k)!)]));
}

/** Import blocks for adopted principals (cdktf `importFrom`: `import { to = …, id = … }`). */
function adopt(self: A2aVaultTopology, plan: AccessPlan, entities: ReadonlyMap<string, IdentityEntity>, adoption: Adoption): void {
  const problems = adoptionProblems(plan, adoption);
  if (problems.length > 0) throw new InvalidPropsError(self.node.path, problems);
  for (const [name, ids] of Object.entries(adoption)) {
    const entity = entities.get(name)!;
    entity.resource.importFrom(ids.entityId);
    entity.aliasResource!.importFrom(ids.aliasId);
  }
}

function approleRoleId(lookup: PlanLookup, roles: ReadonlyMap<string, LoginRole>, agent: string, entity: string): string {
  const role = lookup.get(roles, 'login role', agent, `entities[${entity}]`);
  if (role instanceof AppRoleLoginRole) return role.roleId;
  lookup.problem(`entities[${entity}]: alias uses the AppRole role id of ${JSON.stringify(agent)}, whose login role is not AppRole`);
  return '';
}

/** Output names are fixed, so a second topology in the same stack would silently collide. */
function assertOnlyTopologyInStack(self: A2aVaultTopology): void {
  const stack = TerraformStack.of(self);
  const others = stack.node.findAll().filter((c: IConstruct) => c instanceof A2aVaultTopology && c !== self);
  if (others.length > 0) {
    throw new InvalidPropsError(self.node.path, [`stack ${stack.node.id} already holds a topology at ${others[0].node.path}; use one stack per topology`]);
  }
}

/**
 * Resolves plan names to rendered constructs. A plan that names something it does not define
 * fails here, saying where, instead of as a dangling reference Terraform reports much later.
 */
class PlanLookup {
  private readonly problems: string[] = [];

  constructor(private readonly owner: Construct) {}

  get<C>(map: ReadonlyMap<string, C>, what: string, name: string, where: string): C {
    const found = map.get(name);
    if (found === undefined) {
      this.problem(`${where}: refers to ${what} ${JSON.stringify(name)}, which the plan does not define`);
      // Throw at once: a placeholder would only produce follow-on errors.
      this.throwIfAny();
    }
    return found!;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  /** The key must sign for exactly the clients and roles the plan lists, no more, no fewer. */
  checkKeyClients(plan: AccessPlan, clients: ReadonlyMap<string, unknown>, roles: ReadonlyMap<string, unknown>): void {
    const expected = plan.key.allowedClients.map((c) => `${c.kind} ${c.name}`).sort();
    const rendered = [...[...clients.keys()].map((n) => `client ${n}`), ...[...roles.keys()].map((n) => `identity-token-role ${n}`)].sort();
    if (expected.join('\n') !== rendered.join('\n')) {
      this.problem(
        `key.allowedClients [${expected.join(', ')}] differs from the clients and identity-token roles rendered [${rendered.join(', ')}]`,
      );
    }
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new InvalidPropsError(this.owner.node.path, this.problems.map((p) => `plan ${p}`));
  }
}
