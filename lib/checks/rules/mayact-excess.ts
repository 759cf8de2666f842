import type { Rule, RuleFinding } from '../rule';
import { hasMayAct } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';
import { own } from '../../vault/own';

export const mayActExcess: Rule = {
  id: RULE_ID.MAYACT_EXCESS,
  statement: 'A user\'s ID tokens name in may_act only the actors the topology says that user delegates to (given the topology\'s delegations).',
  severity: 'error',
  explanation:
    'may_act tells token-exchange services and resource servers which agents may act for the token\'s subject. A may_act scope a user can obtain that names an agent the user did not delegate to (or any agent, for a user who delegated to nobody) states a delegation that never happened.',
  fix: 'Give each delegation set its own client and provider whose may_act scope lists exactly that set, and assign each user (by entity) only to the client of their own set.',
  check(context) {
    const { model, settings } = context;
    const intent = settings.delegations;
    if (!intent || !hasMayAct(model)) return [];
    const access = context.access;
    const scopes = new Map(model.scopes.map((s) => [`scope:${s.name}`, s.address]));
    const findings: RuleFinding[] = [];
    for (const p of Object.values(access.principals)) {
      if (p.kind !== 'user' && p.kind !== 'entity') continue;
      const declared = new Set(own(intent, p.name) ?? []);
      for (const entry of p.mayActActors) {
        if (declared.has(entry.actorEntity)) continue;
        findings.push({
          resource: scopes.get(entry.via) ?? entry.via,
          principal: p.id,
          message: `${entry.via} names "${entry.actorEntity}" in may_act for ${p.name}, who ${declared.size ? `delegates only to ${[...declared].sort().join(', ')}` : 'delegates to nobody'}`,
        });
      }
    }
    return findings;
  },
};
