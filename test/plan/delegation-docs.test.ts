/**
 * docs/delegation.md, "The delegation bound": its example topology validates, and the exchange
 * roles table says exactly what the compiler makes of it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile } from '../../lib/plan/compile';
import { planChecks } from '../../lib/plan/validate-plan';
import { parseTopologyText } from '../../lib/topology';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'delegation.md'), 'utf8');
const section = doc.slice(doc.indexOf('## The delegation bound'));

test('the example validates without warnings, and its exchange roles are the table', () => {
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  const result = parseTopologyText(yaml, 'delegation.md', { derived: planChecks() });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  expect(result.warnings).toEqual([]);
  const roles = compile(result.topology).delegation!.tokenExchange!.roles;
  const table = [...section.matchAll(/^\| `([^`]+)` \| (\w+) \| `([^`]+)` \| `([^`]+)` \|$/gm)].map((m) => [m[1], [m[2]], m[3].split(' '), m[4].split(' ')]);
  expect(table).toHaveLength(3);
  expect(roles.map((r) => [r.name, r.users, r.context, r.audiences])).toEqual(table);
});
