import * as fs from 'fs';
import { RULES } from '../../lib/checks/rules';
import { CHECKS_DOC, withRuleTable } from '../../scripts/write-rule-table';

test('the rule table in docs/checks.md is the rules themselves (run `npm run docs` after changing a rule)', () => {
  const doc = fs.readFileSync(CHECKS_DOC, 'utf8');
  expect(withRuleTable(doc)).toBe(doc);
  for (const rule of RULES) expect(doc).toContain(`| [\`${rule.id}\`](#${rule.id.toLowerCase()}-${rule.severity}) | ${rule.severity} |`);
});

test('each row links to the section of its rule', () => {
  const doc = fs.readFileSync(CHECKS_DOC, 'utf8');
  for (const rule of RULES) expect(doc).toContain(`\n### ${rule.id} (${rule.severity})\n`);
});
