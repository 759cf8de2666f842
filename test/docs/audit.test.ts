/**
 * docs/audit.md: its topology snippet is valid and synthesizes what the page says, and its log
 * lines are well-formed entries whose names are the examples' real ones (policies, paths, headers).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseTopologyText, formatIssue } from '../../lib/topology';
import { compile } from '../../lib/plan/compile';
import { DEFAULT_AUDITED_HEADERS } from '../../lib/vault/audit';

const doc = readFileSync(resolve(__dirname, '../../docs/audit.md'), 'utf8');
const blocks = (language: string) => [...doc.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
const example = (name: string) => readFileSync(resolve(__dirname, `../../examples/${name}/topology.yaml`), 'utf8');

function planOf(text: string) {
  const result = parseTopologyText(text, 'topology.yaml');
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return compile(result.topology);
}

test('the audit snippet, added to examples/hello-world, gives two devices and the two default headers', () => {
  const topology = { ...(parse(example('hello-world')) as object), ...(parse(blocks('yaml')[0]!) as object) };
  const plan = planOf(stringify(topology));
  expect(plan.audit).toMatchObject({ required: true, fromRootNamespace: false });
  expect(plan.audit?.devices.map((d) => [d.path, d.sink])).toEqual([
    ['file', { kind: 'file', filePath: '/var/log/vault/audit.log', mode: '0600' }],
    ['socket', { kind: 'socket', address: 'logs.example.com:9090', socketType: 'tcp' }],
  ]);
  expect(plan.audit?.requestHeaders).toEqual(DEFAULT_AUDITED_HEADERS);
});

describe('the log lines', () => {
  const [browser, agent, login] = blocks('json').map((b) => JSON.parse(b) as Record<string, any>);
  const headless = planOf(example('headless'));
  const hello = planOf(example('hello-world'));
  const agentPolicy = headless.policies.find((p) => p.agent === 'test-client')!;

  test('every line has the documented top-level shape, and header names in lower case as Vault writes them', () => {
    const audited = DEFAULT_AUDITED_HEADERS.map((h) => h.name.toLowerCase());
    for (const entry of [browser, agent, login]) {
      expect(Object.keys(entry).filter((k) => k !== 'response')).toEqual(['time', 'type', 'auth', 'request']);
      for (const name of Object.keys(entry.request.headers)) expect(audited).toContain(name);
    }
    expect(browser.request.headers).not.toHaveProperty('x-a2a-agent');
  });

  test("the browser's call is the sign-in step of hello-world's own provider, with the user's token", () => {
    expect(browser.request.path).toBe(`identity/oidc/provider/${hello.clients[0].provider.name}/authorize`);
    expect(browser.auth.policies).toEqual(['default']);
  });

  test("the agent's call is a path its policy grants, with exactly that policy; its login is on its login role's mount", () => {
    expect(agentPolicy.rules.map((r) => r.path)).toContain(agent.request.path);
    expect(agent.auth.policies).toEqual([agentPolicy.name]);
    expect(agent.request.headers['x-a2a-agent']).toEqual(['test-client']);
    const role = headless.loginRoles.find((r) => r.agent === 'test-client')!;
    expect(login.request.path).toBe(`auth/${role.mountPath}/login`);
    expect(login.auth.metadata.role).toBe(role.roleName);
    expect(login.auth.token_ttl).toBe(role.tokenTtlSeconds);
  });
});
