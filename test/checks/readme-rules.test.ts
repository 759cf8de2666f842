import * as fs from 'fs';
import { RULES } from '../../lib/checks/rules';
import { README, withRuleTable } from '../../scripts/write-readme-rules';

test('the README rule table is the rules themselves (run `npm run docs` after changing a rule)', () => {
  const readme = fs.readFileSync(README, 'utf8');
  expect(withRuleTable(readme)).toBe(readme);
  for (const rule of RULES) expect(readme).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
});
