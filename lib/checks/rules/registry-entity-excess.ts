import { mergePolicies, type NamedPolicy } from '../../analysis/acl';
import type { Rule, RuleFinding } from '../rule';
import { coveredBy, registeredEntity } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';

export const registryEntityExcess: Rule = {
  id: RULE_ID.REGISTRY_ENTITY_EXCESS,
  statement: "No registered agent's entity is granted a path or capability its registration's ceiling does not allow.",
  severity: 'error',
  explanation:
    "A request with an OAuth JWT resolves to the agent's entity, and Vault takes the entity's policies as the baseline; it applies the registration's ceiling to delegated (on-behalf-of) requests. An entity granted more than its ceiling is wider than its registration states, and requests the ceiling does not cap can use the difference. The entity should hold exactly what the ceiling repeats: the agent's own grants.",
  fix: "Remove the extra policy from the entity (vault_identity_entity.policies or vault_identity_entity_policies), or widen the ceiling in the topology with a reason.",
  check(context) {
    const { model } = context;
    // The effective access is computed on first read: a stack without registrations never needs it.
    if (model.registrations.length === 0) return [];
    const { access } = context;
    const parsed = new Map<string, NamedPolicy>();
    for (const p of model.policies) if (p.parsed.ok) parsed.set(p.name, { name: p.name, stanzas: p.parsed.stanzas });
    const findings: RuleFinding[] = [];
    for (const reg of model.registrations) {
      const entity = registeredEntity(model, reg.entityId);
      const granted = entity ? access.principals[`entity:${entity.name}`]?.acl : undefined;
      // A ceiling policy outside the stack (A2A-POLICY-UNKNOWN reports it) cannot be compared.
      if (entity === undefined || granted === undefined || reg.ceilingPolicies.some((name) => !parsed.has(name))) continue;
      const ceiling = mergePolicies(reg.ceilingPolicies.map((name) => parsed.get(name)!));
      const excess = granted.flatMap((rule) => {
        const extra = rule.capabilities.filter((c) => c !== 'deny' && !coveredBy(ceiling, rule.pattern, c));
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
