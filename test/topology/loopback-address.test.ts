/**
 * `vault.address` over plain http: accepted on loopback hosts only (tests, a local dev server),
 * refused everywhere else with file:line:col, path and fix. A loopback topology validates AND
 * synthesizes: its http OIDC providers are still reported (A2A-PROVIDER-HTTPS), accepted with the
 * reason the plan gives, so the finding shows in every report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { checkStackSync } from '../../lib/checks/check';
import { RULE_IDS } from '../../lib/vault/rule-ids';
import { compile, PROVIDER_HTTPS_RULE } from '../../lib/plan/compile';
import { parseTopologyText } from '../../lib/topology';
import { isLoopbackHost } from '../../lib/topology/urls';
import { isAcceptableUrl } from '../../lib/verify/claims-file';
import { describeIssues, expectOneIssue, HELLO_SERVER } from './support';

const withAddress = (address: string): string => `version: 1\nvault:\n  address: ${address}\nagents:\n${HELLO_SERVER}`;

describe('isLoopbackHost', () => {
  test.each(['127.0.0.1', '127.255.255.254', '127.1.2.3', 'localhost', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  test.each(['128.0.0.1', '10.0.0.1', '0.0.0.0', '127.0.0.1.nip.io', 'localhost.example.com', 'mylocalhost', '[::2]', '[::ffff:7f00:1]', '127.0.0.256'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

test('the verifier accepts plain http URLs on exactly the same hosts', () => {
  for (const host of ['127.0.0.1', '127.255.255.254', 'localhost', '[::1]', '128.0.0.1', '10.0.0.1', 'localhost.example.com', '[::2]', '127.0.0.1.nip.io']) {
    expect([host, isAcceptableUrl(`http://${host}:8200/v1/identity/oidc/.well-known/keys`)]).toEqual([host, isLoopbackHost(host)]);
  }
});

describe('vault.address over http', () => {
  test.each(['http://127.0.0.1:8200', 'http://127.1:8200', 'http://localhost:8200', 'http://LOCALHOST:8200', 'http://[::1]:8200', 'http://127.8.9.10'])(
    '%s validates',
    (address) => {
      const result = parseTopologyText(withAddress(address), 'x.yaml');
      if (!result.ok) throw new Error(describeIssues(result.issues));
    },
  );

  test.each([
    'http://vault.example.com:8200',
    'http://10.0.0.1:8200',
    'http://192.168.1.10:8200',
    'http://localhost.example.com:8200',
    'http://127.0.0.1.nip.io:8200',
    'http://0.0.0.0:8200',
  ])('%s is refused where it is written, with the fix', (address) => {
    expectOneIssue({
      title: address,
      text: withAddress(address),
      path: 'vault.address',
      message: `must use https (got "${address}")`,
      at: [3, 12],
      fix: 'plain http is accepted only on loopback, 127.0.0.0/8, [::1] or localhost',
    });
  });
});

describe('a loopback topology synthesizes, and the http finding stays visible', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vault-a2a-loopback-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function synthLoopback(example: string, address: string) {
    const file = join(dir, `${example}.yaml`);
    writeFileSync(file, readFileSync(join(__dirname, '..', '..', 'examples', example, 'topology.yaml'), 'utf8').replace('https://vault.example.com:8200', address));
    const result = topologyApp(file, () => Testing.app());
    if (!result.ok) throw new Error(result.message);
    return { json: JSON.parse(Testing.synth(result.stack)) as Record<string, unknown>, plan: result.stack.topology.plan };
  }

  test('the rule id the plan names is a rule of the checks', () => {
    expect(RULE_IDS).toContain(PROVIDER_HTTPS_RULE);
  });

  test.each([
    ['hello-world', 'http://127.0.0.1:8200', ['test-client']],
    ['delegation', 'http://localhost:8200', ['chat', 'portal']],
    ['headless', 'http://[::1]:8200', []],
  ])('%s on %s', (example, address, clientAgents) => {
    const { json, plan } = synthLoopback(example, address);
    expect(plan.suppressions.filter((s) => s.rule === PROVIDER_HTTPS_RULE).map((s) => s.agent)).toEqual(clientAgents);
    const providers = Object.values((json.resource as Record<string, Record<string, { https_enabled?: boolean }>> | undefined)?.vault_identity_oidc_provider ?? {});
    expect(providers.length > 0).toBe(clientAgents.length > 0);
    for (const p of providers) expect(p.https_enabled).toBe(false);
    // Without the topology's reasons, the same stack is an error: nothing hides the finding.
    const https = checkStackSync(json).filter((f) => f.rule === PROVIDER_HTTPS_RULE);
    expect(https).toHaveLength(providers.length);
    expect(https.every((f) => f.severity === 'error' && !f.suppressed)).toBe(true);
  });

  test('an https topology gets no such suppression', () => {
    const plan = compile({
      name: 't',
      vault: { address: 'https://vault.example.com:8200' },
      ttl: { accessTokenSeconds: 900, idTokenSeconds: 900, identityTokenSeconds: 900, loginTokenSeconds: 900 },
      mounts: [],
      users: [],
      groups: [],
      agents: [],
    });
    expect(plan.suppressions).toEqual([]);
  });
});
