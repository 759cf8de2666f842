import { RULE_IDS } from '../../lib/vault/rule-ids';
import { RULES } from '../../lib/checks/rules';

test('RULE_IDS (what the topology loader accepts in suppressions) lists exactly the built-in rules', () => {
  expect([...RULE_IDS].sort()).toEqual(RULES.map((r) => r.id).sort());
});
