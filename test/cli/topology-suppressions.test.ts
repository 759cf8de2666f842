/**
 * A widening in a topology, end to end through the command tree: synth refuses it (writing nothing)
 * until the agent accepts it with a reason; `check` flags it in the synthesized stack unless told
 * the topology (`--topology`), and then reports it as suppressed with that reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { ROOT, vaultA2a } from './run';

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-supp-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function topology(name: string, suppress: boolean): string {
  const doc = parse(fs.readFileSync(path.join(ROOT, 'examples/hello-world/topology.yaml'), 'utf8'));
  doc.defaults.accessTokenTtl = '2h';
  if (suppress) doc.agents['test-client'].suppressions = [{ rule: 'A2A-TTL-OIDC-TOKEN', reason: 'browser sessions outlive 30m; SEC-42' }];
  const file = path.join(tmp, name);
  fs.writeFileSync(file, stringify(doc));
  return file;
}

test('synth refuses an unaccepted widening at the topology field, with the limit and how to accept it, exit 2, nothing written', async () => {
  const out = path.join(tmp, 'refused');
  const file = topology('widened.yaml', false);
  const r = await vaultA2a(['synth', file, '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: defaults\\.accessTokenTtl: `));
  expect(r.stderr).toContain(
    `defaults.accessTokenTtl: access tokens would live 2h, longer than the 30m access-token limit (--max-access-ttl) the synth-time checks (A2A-TTL-OIDC-TOKEN) enforce, for client "test-client". ` +
      'Fix: set defaults.accessTokenTtl to at most 30m, or accept it with agents.test-client.suppressions: [{ rule: A2A-TTL-OIDC-TOKEN, reason }].',
  );
  expect(r.stderr).not.toContain('skipValidation');
  expect(fs.existsSync(out)).toBe(false);
  // validate says exactly the same
  const v = await vaultA2a(['validate', file]);
  expect(v.code).toBe(2);
  expect(r.stderr.replace(/; nothing written\n$/, '\n')).toBe(v.stderr);
});

test('accepted with a reason: synth passes; check flags it alone, and with --topology reports it suppressed', async () => {
  const file = topology('accepted.yaml', true);
  const out = path.join(tmp, 'accepted');
  expect((await vaultA2a(['synth', file, '--out', out])).code).toBe(0);

  const bare = await vaultA2a(['check', out, '--format', 'json']);
  expect(bare.code).toBe(1);
  expect(JSON.parse(bare.stdout).findings).toEqual([expect.objectContaining({ rule: 'A2A-TTL-OIDC-TOKEN', severity: 'error' })]);

  const withTopology = await vaultA2a(['check', out, '--topology', file, '--format', 'json']);
  expect(withTopology.code).toBe(0);
  expect(JSON.parse(withTopology.stdout).findings).toEqual([
    expect.objectContaining({
      rule: 'A2A-TTL-OIDC-TOKEN',
      suppressed: true,
      reason: 'browser sessions outlive 30m; SEC-42 (agents.test-client.suppressions)',
    }),
  ]);
});

test('check --topology with an invalid topology exits 2 with its errors', async () => {
  const bad = path.join(tmp, 'bad.yaml');
  fs.writeFileSync(bad, 'version: 1\nvault: { address: https://v.example.com }\nagents: { x: {} }\n');
  const r = await vaultA2a(['check', path.join(ROOT, 'examples'), '--topology', bad]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('bad.yaml:3:11: agents.x');
});

test('check --topology: a hand edit of the synthesized stack is an A2A-INTENT-EXCESS naming the principal and the policy; the agent can accept it with a reason', async () => {
  const file = topology('plain.yaml', false);
  const doc = parse(fs.readFileSync(file, 'utf8'));
  doc.defaults.accessTokenTtl = '15m';
  fs.writeFileSync(file, stringify(doc));
  const out = path.join(tmp, 'plain');
  expect((await vaultA2a(['synth', file, '--out', out])).code).toBe(0);
  const stackFile = path.join(out, 'stacks', 'hello-world', 'cdk.tf.json');
  const json = JSON.parse(fs.readFileSync(stackFile, 'utf8'));
  const [policyKey, policy] = Object.entries(json.resource.vault_policy as Record<string, { policy: string }>)[0]!;
  policy.policy += '\npath "identity/oidc/client/other-client" {\n  capabilities = ["read"]\n}\n';
  fs.writeFileSync(stackFile, JSON.stringify(json));

  expect((await vaultA2a(['check', out])).code).toBe(0);
  const checked = await vaultA2a(['check', out, '--topology', file, '--format', 'json']);
  expect(checked.code).toBe(1);
  expect(JSON.parse(checked.stdout).findings).toEqual([
    expect.objectContaining({
      rule: 'A2A-INTENT-EXCESS',
      principal: 'login:kubernetes:default/test-client',
      resource: `vault_policy.${policyKey}`,
      message: expect.stringContaining('can read on "identity/oidc/client/other-client": reads the id and secret of OIDC client "other-client"'),
    }),
  ]);

  doc.agents['test-client'].suppressions = [{ rule: 'A2A-INTENT-EXCESS', reason: 'reads a legacy client during the migration; SEC-9' }];
  fs.writeFileSync(file, stringify(doc));
  const accepted = await vaultA2a(['check', out, '--topology', file, '--format', 'json']);
  expect(accepted.code).toBe(0);
  expect(JSON.parse(accepted.stdout).findings).toEqual([expect.objectContaining({ rule: 'A2A-INTENT-EXCESS', suppressed: true })]);
});
