import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import { fixture, res, SYNTH_DIR } from './support';
import { vaultA2a } from '../cli/run';

// The official SARIF 2.1.0 schema (OASIS, final rtm.5), as shipped by Microsoft's SARIF jest package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const run = (args: readonly string[], cwd: string) => vaultA2a(args, cwd);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-check-'));
  const bad = fixture('hello-world');
  res(bad, 'vault_identity_oidc_key', 'key_hello-world').allowed_client_ids = ['*'];
  res(bad, 'vault_policy', 'policy_test-client').policy += '\npath "secret/data/app/*" { capabilities = ["read"] }\n';
  fs.writeFileSync(path.join(dir, 'bad.tf.json'), JSON.stringify(bad, null, 2));
  const slow = fixture('hello-world');
  res(slow, 'vault_identity_oidc_client', 'client_test-client').access_token_ttl = 2400;
  fs.writeFileSync(path.join(dir, 'slow.tf.json'), JSON.stringify(slow, null, 2));
  fs.writeFileSync(path.join(dir, 'suppress.yaml'), 'suppressions:\n  - rule: A2A-KEY-WILDCARD\n    reason: migration to per-client keys tracked in SEC-42\n');
  fs.writeFileSync(path.join(dir, 'no-reason.json'), JSON.stringify({ suppressions: [{ rule: 'A2A-KEY-WILDCARD', reason: '  ' }] }, null, 2));
  fs.writeFileSync(path.join(dir, 'broken.tf.json'), '{\n  "resource": {\n    "vault_policy": ,\n  }\n}\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('vault-a2a check', () => {
  it('exits 0 on the scenario fixtures (a cdktf.out directory)', async () => {
    const r = await run(['check', path.relative(dir, SYNTH_DIR)], dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('vault-a2a check: 5 stacks checked, no findings.\n');
    expect(r.code).toBe(0);
  });

  it('exits 1 on an unsuppressed error, grouping the text report by principal with fixes', async () => {
    const r = await run(['check', 'bad.tf.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 error, 1 warning');
    expect(r.stdout).toContain('hello-world (bad.tf.json)');
    expect(r.stdout).toMatch(/entity:test-client\n\s+warning\s+A2A-POLICY-GLOB\s+vault_policy\.policy_test-client: .*"secret\/data\/app\/\*"\n\s+fix: /);
    expect(r.stdout).toMatch(/error\s+A2A-KEY-WILDCARD\s+vault_identity_oidc_key\.key_hello-world: key "hello-world" allows every client/);
  });

  it('writes the JSON report, and a suppression with a reason turns the exit code to 0', async () => {
    const r = await run(['check', 'bad.tf.json', '--format', 'json', '--suppressions', 'suppress.yaml'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['A2A-KEY-WILDCARD', 'A2A-POLICY-GLOB']);
    expect(report.findings[0]).toMatchObject({
      rule: 'A2A-KEY-WILDCARD',
      severity: 'error',
      resource: 'vault_identity_oidc_key.key_hello-world',
      suppressed: true,
      reason: 'migration to per-client keys tracked in SEC-42',
    });
    expect(report.findings[1].suppressed).toBeUndefined();
    expect(Object.keys(report.findings[1]).slice(0, 4)).toEqual(['rule', 'severity', 'resource', 'message']);
  });

  it('writes SARIF that validates against the official SARIF 2.1.0 schema, located at the resource', async () => {
    const r = await run(['check', 'bad.tf.json', '--format', 'sarif', '--suppressions', 'suppress.yaml'], dir);
    const sarif = JSON.parse(r.stdout);
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false });
    const validate = ajv.compile(sarifSchema);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(sarif)).toBe(true);
    const results = sarif.runs[0].results;
    const key = results.find((x: { ruleId: string }) => x.ruleId === 'A2A-KEY-WILDCARD');
    expect(key.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'migration to per-client keys tracked in SEC-42' }]);
    const text = fs.readFileSync(path.join(dir, 'bad.tf.json'), 'utf8').split('\n');
    const { startLine, startColumn } = key.locations[0].physicalLocation.region;
    expect(text[startLine - 1]!.slice(startColumn - 1)).toMatch(/^"key_hello-world": \{/);
    expect(key.locations[0].physicalLocation.artifactLocation.uri).toBe('bad.tf.json');
    expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain('A2A-POLICY-GLOB');
    // A schema-invalid document is rejected: the validation is not vacuous.
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
  });

  it('applies --max-access-ttl', async () => {
    expect((await run(['check', 'slow.tf.json'], dir)).code).toBe(1);
    expect((await run(['check', 'slow.tf.json', '--max-access-ttl', '45m'], dir)).code).toBe(0);
    expect((await run(['check', 'slow.tf.json', '--max-access-ttl', '2400'], dir)).code).toBe(0);
  });

  it('applies --max-login-ttl', async () => {
    expect((await run(['check', path.relative(dir, SYNTH_DIR), '--max-login-ttl', '10m'], dir)).code).toBe(1);
  });

  it('exits 2 listing every input problem at once', async () => {
    const r = await run(['check', 'broken.tf.json', 'missing', '--suppressions', 'no-reason.json', '--max-login-ttl', 'soon'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--max-login-ttl: "soon" is not a duration');
    expect(r.stderr).toMatch(/no-reason\.json:\d+:\d+: suppressions\[0\]\.reason: required/);
    expect(r.stderr).toMatch(/broken\.tf\.json:3:\d+: invalid JSON/);
    expect(r.stderr).toContain('missing: no such file or directory');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('exits 2 on bad usage', async () => {
    expect((await run(['check', 'bad.tf.json', '--format', 'xml'], dir)).code).toBe(2);
    expect((await run(['check'], dir)).code).toBe(2);
  });

  it('lists the rules in --help', async () => {
    const r = await run(['check', '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('A2A-KEY-WILDCARD');
    expect(r.stdout).toContain('--max-login-ttl');
  });
});
