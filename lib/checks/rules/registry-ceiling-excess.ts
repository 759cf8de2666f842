import { mergePolicies, type NamedPolicy } from '../../analysis/acl';
import type { Rule, RuleFinding } from '../rule';
import { coveredBy, registeredEntity } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';

export const registryCeilingExcess: Rule = {
  id: RULE_ID.REGISTRY_CEILING_EXCESS,
  statement: "No agent registration's ceiling allows a path or capability its entity is not granted.",
  severity: 'error',
  explanation:
    "A ceiling wider than the agent's grants caps nothing where it is wider: the next policy someone attaches to the entity goes straight through. A ceiling should repeat exactly the agent's paths and capabilities (no globs, no sudo), so that widening the agent means changing two reviewed policies.",
  fix: "Derive the ceiling from the agent's own policy (the topology's default), or remove the extra stanzas; suppress with the reason for a deliberately wider ceiling.",
  check(context) {
    const { model } = context;
    if (model.registrations.length === 0) return [];
    const access = context.access;
    const stanzasByName = new Map<string, NamedPolicy>();
    for (const p of model.policies) if (p.parsed.ok) stanzasByName.set(p.name, { name: p.name, stanzas: p.parsed.stanzas });
    const findings: RuleFinding[] = [];
    for (const reg of model.registrations) {
      const entity = registeredEntity(model, reg.entityId);
      const granted = entity ? access.principals[`entity:${entity.name}`]?.acl : undefined;
      // An entity outside the stack: its grants are unknown, so there is nothing to compare with.
      if (entity === undefined || granted === undefined) continue;
      const ceiling = mergePolicies(reg.ceilingPolicies.flatMap((name) => stanzasByName.get(name) ?? []));
      const excess = ceiling.flatMap((rule) => {
        const extra = rule.capabilities.filter((c) => c !== 'deny' && !coveredBy(granted, rule.pattern, c));
        return extra.length > 0 ? [`"${rule.pattern}" [${extra.join(', ')}]`] : [];
      });
      if (excess.length === 0) continue;
      findings.push({
        resource: reg.address,
        principal: `entity:${entity.name}`,
        message: `agent registration "${reg.displayName}" has a ceiling wider than what entity "${entity.name}" is granted: ${excess.join('; ')}`,
      });
    }
    return findings;
  },
};
