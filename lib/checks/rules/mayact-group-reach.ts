import type { Rule, RuleFinding } from '../rule';
import { hasMayAct } from './helpers';
import { RULE_ID } from '../../vault/rule-ids';

export const mayActGroupReach: Rule = {
  id: RULE_ID.MAYACT_GROUP_REACH,
  statement: 'A may_act claim is offered only to users assigned by entity, never through a group.',
  severity: 'error',
  explanation:
    'Everyone who joins a group assigned to a client obtains the may_act claim its provider offers, whether or not they delegated to the agents it names. Delegation is per user; group membership is not.',
  fix: 'Assign the client whose provider offers a may_act scope to the delegating users\' entities, not to groups (the compiler does this when it splits a client by delegation set).',
  check(context) {
    const { model } = context;
    if (!hasMayAct(model)) return [];
    const access = context.access;
    const scopes = new Map(model.scopes.map((s) => [`scope:${s.name}`, s.address]));
    const findings: RuleFinding[] = [];
    for (const p of Object.values(access.principals)) {
      if (p.kind !== 'group') continue;
      for (const via of new Set(p.mayActActors.map((e) => e.via))) {
        const actors = p.mayActActors.filter((e) => e.via === via).map((e) => e.actorEntity);
        findings.push({
          resource: scopes.get(via) ?? via,
          principal: p.id,
          message: `every member of group "${p.name}" can obtain ${via}, naming ${actors.map((a) => `"${a}"`).join(', ')} in may_act`,
        });
      }
    }
    return findings;
  },
};
