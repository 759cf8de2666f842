/** docs/token-claims.md: the agent snippet fits the registry example, the token shown is what its template renders, the error is what validation prints. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { compile } from '../../lib/plan/compile';
import { formatIssue, parseTopologyText } from '../../lib/topology';
import { renderVaultTemplate } from '../support/render-templates';
import { callHello, doc as topologyDoc, hello, k8sLogin } from '../topology/support';

const page = readFileSync(resolve(__dirname, '../../docs/token-claims.md'), 'utf8');
const blocks = (language: string) => [...page.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
const example = readFileSync(resolve(__dirname, '../../examples/agent-registry/topology.yaml'), 'utf8');

function planOf(text: string) {
  const result = parseTopologyText(text, 'topology.yaml');
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return { plan: compile(result.topology), topology: result.topology };
}

test("the snippet's agent, put into examples/agent-registry, is valid and owned by travel-team", () => {
  const topology = parse(example) as { agents: Record<string, unknown> };
  const snippet = parse(blocks('yaml')[0]!) as { agents: Record<string, Record<string, unknown>> };
  topology.agents['travel-planner'] = { ...(topology.agents['travel-planner'] as object), ...snippet.agents['travel-planner'] };
  expect(planOf(stringify(topology)).topology.agents.find((a) => a.name === 'travel-planner')?.owner).toBe('travel-team');
});

test("the token shown is what travel-planner's identity-token template renders to, with its entity's metadata", () => {
  const { plan } = planOf(example);
  const role = plan.identityTokenRoles.find((r) => r.agent === 'travel-planner')!;
  const entity = plan.entities.find((e) => e.name === 'travel-planner')!;
  const rendered = renderVaultTemplate(role.template, { id: 'e-1', name: entity.name, metadata: entity.metadata ?? {} });
  expect(rendered).toEqual({ claims: JSON.parse(blocks('json')[0]!) });
});

test('the error shown is what validation prints', () => {
  const text = topologyDoc('agents:', hello, ['  client:', '    headless: true', k8sLogin, callHello, '    owner: "ops+oncall"'].join('\n'));
  const result = parseTopologyText(text, 'topology.yaml');
  expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([blocks('text')[0]!.trim()]);
});
