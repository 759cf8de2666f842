/**
 * `A2aAgentRegistry`: renders the registry part of an access plan (scenario 5), as a child of
 * `A2aVaultTopology`: a `CeilingPolicy` per derived ceiling, an `AgentRegistryRecord` per
 * registered agent (tied to the entity the topology already renders), a `ResourceServerProfile`
 * per trusted issuer, and `authorization-details.json` next to the stack's `cdk.tf.json`.
 *
 * Construct ids derive from plan names (`policy-<name>`, `registration-<agent>`,
 * `profile-<name>`), like the rest of the topology. A plan whose parts do not fit together (a
 * registration naming an entity or ceiling the plan does not define) fails here, saying where.
 */
import { Construct } from 'constructs';
import { AUTHORIZATION_DETAILS_FILE, renderAuthorizationDetails } from '../plan/authorization-details';
import type { RegistryPlan } from '../plan/registry-types';
import type { AccessPlan } from '../plan/types';
import type { AgentPolicy } from './agent-policy';
import type { AuthMountRef } from './auth-mount-ref';
import { EntityAlias } from './entity-alias';
import { AgentRegistryRecord } from './agent-registry-record';
import { tagAgent } from './agent-tag';
import { AuthorizationDetailsFile } from './authorization-details-file';
import { CeilingPolicy } from './ceiling-policy';
import type { IdentityEntity } from './identity-entity';
import { ResourceServerProfile } from './resource-server-profile';
import { InvalidPropsError } from './validate';
import { sortedBy } from '../vault/order';

export interface A2aAgentRegistryProps {
  /** The whole plan (the file lists its name and Vault address); `plan.registry` is rendered. */
  readonly plan: AccessPlan;
  /** The entities `A2aVaultTopology` rendered, by plan name. */
  readonly entities: ReadonlyMap<string, IdentityEntity>;
  /**
   * The agent policies `A2aVaultTopology` rendered, by name. An explicit ceiling naming one of
   * them refers to it, so Terraform creates the policy before the registration.
   */
  readonly policies?: ReadonlyMap<string, AgentPolicy>;
  /** The auth mounts `A2aVaultTopology` rendered, by name: a resource server may map JWTs on one's accessor. */
  readonly mounts?: ReadonlyMap<string, AuthMountRef>;
}

export class A2aAgentRegistry extends Construct {
  readonly registry: RegistryPlan;
  /** By policy name. */
  readonly ceilings: ReadonlyMap<string, CeilingPolicy>;
  /** By agent name. */
  readonly records: ReadonlyMap<string, AgentRegistryRecord>;
  /** By profile name. */
  readonly profiles: ReadonlyMap<string, ResourceServerProfile>;
  readonly authorizationDetailsFile: AuthorizationDetailsFile;
  /** Aliases mapping resource-server JWTs to agents' entities, by `<resource server>/<agent>`. */
  readonly entityAliases: ReadonlyMap<string, EntityAlias>;

  constructor(scope: Construct, id: string, props: A2aAgentRegistryProps) {
    super(scope, id);
    const registry = props.plan.registry;
    if (registry === undefined) throw new InvalidPropsError(this.node.path, ['plan.registry is absent: render A2aAgentRegistry only for plans that register agents or trust issuers']);
    this.registry = registry;
    const problems = consistencyProblems(registry, props.entities);
    if (problems.length > 0) throw new InvalidPropsError(this.node.path, problems.map((p) => `plan ${p}`));

    this.ceilings = new Map(sortedBy(registry.ceilingPolicies, (c) => c.name).map((c) => [c.name, new CeilingPolicy(this, `policy-${c.name}`, c)]));
    for (const c of registry.ceilingPolicies) tagAgent(this.ceilings.get(c.name)!, c.agent);

    this.records = new Map(
      sortedBy(registry.registrations, (r) => r.agent).map((r) => [
        r.agent,
        new AgentRegistryRecord(this, `registration-${r.agent}`, {
          displayName: r.displayName,
          entity: props.entities.get(r.entity)!,
          ceiling:
            r.ceiling.kind === 'derived'
              ? [this.ceilings.get(r.ceiling.policy)!]
              : [...r.ceiling.policies].sort().map((name) => props.policies?.get(name)?.policyName ?? name),
          ...(r.ceiling.kind === 'explicit' ? { ceilingReason: r.ceiling.reason } : {}),
          ...(r.owner !== undefined ? { owner: r.owner } : {}),
          ...(r.description !== undefined ? { description: r.description } : {}),
          ...(r.authorizationDetails.kind === 'optional' ? { optionalAuthorizationDetails: { reason: r.authorizationDetails.reason } } : {}),
        }),
      ]),
    );
    for (const [agent, record] of this.records) tagAgent(record, agent);

    this.profiles = new Map(
      sortedBy(registry.resourceServerProfiles, (p) => p.name).map((p) => [
        p.name,
        new ResourceServerProfile(this, `profile-${p.name}`, {
          name: p.name,
          issuer: p.issuer,
          keySource: p.keySource,
          audiences: p.audiences,
          algorithms: p.algorithms,
          clockSkewLeewaySeconds: p.clockSkewLeewaySeconds,
          userClaim: p.userClaim,
          jwtType: p.jwtType,
          ...(p.authorizationDetails.kind === 'optional' ? { optionalAuthorizationDetails: { reason: p.authorizationDetails.reason } } : {}),
        }),
      ]),
    );

    const aliases = new Map<string, EntityAlias>();
    for (const a of registry.entityAliases ?? []) {
      const mountAccessor = a.accessor.kind === 'accessor' ? a.accessor.accessor : props.mounts?.get(a.accessor.mount)?.accessor;
      if (mountAccessor === undefined) {
        throw new InvalidPropsError(this.node.path, [`plan registry.entityAliases[${a.resourceServer}/${a.agent}]: refers to auth mount ${JSON.stringify(a.accessor.kind === 'mount' ? a.accessor.mount : '')}, which the plan does not render`]);
      }
      const alias = new EntityAlias(this, `jwt-alias-${a.resourceServer}-${a.agent}`, { entity: props.entities.get(a.entity)!, mountAccessor, name: a.name });
      aliases.set(`${a.resourceServer}/${a.agent}`, tagAgent(alias, a.agent));
    }
    this.entityAliases = aliases;

    this.authorizationDetailsFile = new AuthorizationDetailsFile(this, 'authorization-details', {
      fileName: AUTHORIZATION_DETAILS_FILE,
      text: renderAuthorizationDetails(props.plan)!,
    });
  }
}

/** Every way the registry plan contradicts itself or the rendered entities, as messages. */
function consistencyProblems(registry: RegistryPlan, entities: ReadonlyMap<string, IdentityEntity>): string[] {
  const problems: string[] = [];
  const registered = new Set(registry.registrations.map((r) => r.agent));
  const ceilings = new Set(registry.ceilingPolicies.map((c) => c.name));
  for (const r of registry.registrations) {
    const where = `registrations[${r.agent}]`;
    if (!entities.has(r.entity)) problems.push(`${where}: refers to entity ${JSON.stringify(r.entity)}, which the plan does not define`);
    if (r.ceiling.kind === 'derived' && !ceilings.has(r.ceiling.policy)) {
      problems.push(`${where}: refers to ceiling policy ${JSON.stringify(r.ceiling.policy)}, which registry.ceilingPolicies does not define`);
    }
    if (r.ceiling.kind === 'explicit' && r.ceiling.reason.trim() === '') problems.push(`${where}: an explicit ceiling needs a reason`);
  }
  for (const a of registry.entityAliases ?? []) {
    if (!registered.has(a.agent)) problems.push(`entityAliases[${a.resourceServer}/${a.agent}]: maps JWTs to agent ${JSON.stringify(a.agent)}, which is not registered`);
    if (!entities.has(a.entity)) problems.push(`entityAliases[${a.resourceServer}/${a.agent}]: refers to entity ${JSON.stringify(a.entity)}, which the plan does not define`);
  }
  for (const c of registry.ceilingPolicies) {
    if (!registered.has(c.agent)) problems.push(`ceilingPolicies[${c.name}]: caps agent ${JSON.stringify(c.agent)}, which is not registered`);
  }
  const detailed = registry.authorizationDetails.map((a) => a.agent).sort();
  if (detailed.join('\n') !== [...registered].sort().join('\n')) {
    problems.push(`authorizationDetails lists [${detailed.join(', ')}] but the registered agents are [${[...registered].sort().join(', ')}]`);
  }
  return problems;
}
