/** docs/agent-registry.md, "From a JWT to an entity": its snippet is what examples/agent-registry says, and that compiles to the aliases described. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { compile } from '../../lib/plan/compile';
import { formatIssue, parseTopologyText } from '../../lib/topology';

const page = readFileSync(resolve(__dirname, '../../docs/agent-registry.md'), 'utf8');
const section = page.slice(page.indexOf('## From a JWT to an entity'));
const snippet = parse(/```yaml\n([\s\S]*?)```/.exec(section)![1]!) as {
  resourceServers: Record<string, { entityAliases: unknown }>;
  agents: Record<string, { registry: { subjects: Record<string, string> } }>;
};
const text = readFileSync(resolve(__dirname, '../../examples/agent-registry/topology.yaml'), 'utf8');
const example = parse(text) as typeof snippet;

test('the snippet is the example\'s own opt-in and subject', () => {
  expect(snippet.resourceServers['corporate-idp'].entityAliases).toEqual(example.resourceServers['corporate-idp'].entityAliases);
  expect(snippet.agents['travel-planner'].registry.subjects).toEqual(example.agents['travel-planner'].registry.subjects);
});

test('the example compiles to one alias per agent on the named accessor, and entities holding their own policy', () => {
  const result = parseTopologyText(text, 'topology.yaml');
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  const plan = compile(result.topology);
  expect(plan.registry?.entityAliases?.map((a) => [a.agent, a.name, a.accessor])).toEqual([
    ['expense', '0oa8expenseagent', { kind: 'accessor', accessor: 'auth_oauth_0a1b2c3d' }],
    ['travel-planner', '0oa8travelplanner', { kind: 'accessor', accessor: 'auth_oauth_0a1b2c3d' }],
  ]);
  expect(plan.entities.find((e) => e.name === 'travel-planner')?.policies).toEqual(['a2a-agent-travel-planner']);
});
