import { allows, isWildcard, mergePolicies, type AclRule, type NamedPolicy } from '../../analysis/acl';
import type { Capability } from '../../vault/capabilities';
import type { StackModel } from '../../analysis/model';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const registryEntityExcess: Rule = {
  id: RULE_ID.REGISTRY_ENTITY_EXCESS,
  statement: "No registered agent's entity is granted a path or capability its registration's ceiling does not allow.",
  severity: 'error',
  explanation:
    "A request with an OAuth JWT resolves to the agent's entity, and Vault takes the entity's policies as the baseline; it applies the registration's ceiling to delegated (on-behalf-of) requests. An entity granted more than its ceiling is wider than its registration states, and requests the ceiling does not cap can use the difference. The entity should hold exactly what the ceiling repeats: the agent's own grants.",
  fix: "Remove the extra policy from the entity (vault_identity_entity.policies or vault_identity_entity_policies), or widen the ceiling in the topology with a reason.",
  check({ model, access }) {
    const parsed = new Map<string, NamedPolicy>();
    for (const p of model.policies) if (p.parsed.ok) parsed.set(p.name, { name: p.name, stanzas: p.parsed.stanzas });
    const findings: RuleFinding[] = [];
    for (const reg of model.registrations) {
      const entity = entityOf(model, reg.entityId);
      const granted = entity ? access.principals[`entity:${entity.name}`]?.acl : undefined;
      // A ceiling policy outside the stack (A2A-POLICY-UNKNOWN reports it) cannot be compared.
      if (entity === undefined || granted === undefined || reg.ceilingPolicies.some((name) => !parsed.has(name))) continue;
      const ceiling = mergePolicies(reg.ceilingPolicies.map((name) => parsed.get(name)!));
      const excess = granted.flatMap((rule) => {
        const extra = rule.capabilities.filter((c) => c !== 'deny' && !covered(ceiling, rule.pattern, c));
        return extra.length > 0 ? [`"${rule.pattern}" [${extra.join(', ')}] (from ${rule.policies.join(', ')})`] : [];
      });
      if (excess.length === 0) continue;
      findings.push({
        resource: entity.address,
        principal: `entity:${entity.name}`,
        message: `entity "${entity.name}" of agent registration "${reg.displayName}" is granted more than its ceiling allows: ${excess.join('; ')}`,
      });
    }
    return findings;
  },
};

function entityOf(model: StackModel, id: StackModel['registrations'][number]['entityId']) {
  if (id.kind !== 'ref') return undefined;
  return model.entities.find((e) => e.address === id.address);
}

/** An exact path: the ceiling allows it. A glob: the ceiling holds the very same glob. */
function covered(ceiling: readonly AclRule[], pattern: string, capability: Capability): boolean {
  if (!isWildcard(pattern)) return allows(ceiling, pattern, capability);
  return ceiling.some((c) => c.pattern === pattern && c.capabilities.includes(capability));
}
