/**
 * `validate` proves what `synth` enforces: the same verdict and the same messages, phrased for the
 * topology (field path, file:line:column, a fix that names the field and the configured limit),
 * for TTLs, names, overlapping logins and, as a backstop, any finding the synth-time checks still
 * make. The first cases run the commands (flags, streams, exit codes; in-process, test/cli/run.ts);
 * the rest call the functions they print (lib/app).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { synthTopologyFile, validateTopology, type TopologyLimits } from '../../lib/app';
import { formatIssue } from '../../lib/topology';
import { ROOT, vaultA2a, type CliRun } from './run';

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-limits-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Doc = Record<string, any>;
const HELLO = path.join(ROOT, 'examples/hello-world/topology.yaml');
const hello = (): Doc => parse(fs.readFileSync(HELLO, 'utf8')) as Doc;

let n = 0;
function write(doc: Doc | string): string {
  const file = path.join(tmp, `t${n++}.yaml`);
  fs.writeFileSync(file, typeof doc === 'string' ? doc : stringify(doc));
  return file;
}

/** Runs validate and synth with the same flags; both must give the same verdict. */
async function both(file: string, flags: string[] = []): Promise<{ validate: CliRun; synth: CliRun; out: string }> {
  const out = path.join(tmp, `out${n++}`);
  const validate = await vaultA2a(['validate', file, ...flags]);
  const synth = await vaultA2a(['synth', file, '--out', out, ...flags]);
  expect(synth.code).toBe(validate.code);
  return { validate, synth, out };
}

/** On refusal, synth prints validate's errors and says nothing was written. */
function sameRefusal(r: { validate: CliRun; synth: CliRun; out: string }): string[] {
  expect(r.validate.code).toBe(2);
  expect(r.synth.stderr).toBe(r.validate.stderr.replace(/\n$/, '; nothing written\n'));
  expect(fs.existsSync(r.out)).toBe(false);
  expect(r.validate.stderr).not.toMatch(/\n\s+at /);
  return r.validate.stderr.trimEnd().split('\n');
}

/** The same in-process: validate's lines (as the binary prints them) when refused, else undefined; synth must agree. */
function verdict(file: string, limits: TopologyLimits = {}): string[] | undefined {
  const out = path.join(tmp, `out${n++}`);
  const validation = validateTopology(file, limits);
  const synth = synthTopologyFile(file, out, limits);
  expect(synth.ok).toBe(validation.ok);
  expect(fs.existsSync(out)).toBe(synth.ok);
  if (validation.ok) return undefined;
  const lines = [...validation.issues.map(formatIssue), `${validation.issues.length} error${validation.issues.length === 1 ? '' : 's'} in ${file}`];
  if (!synth.ok) expect(synth.message).toBe(`${lines.join('\n')}; nothing written`);
  return lines;
}

test('defaults.accessTokenTtl: 1h, which the README allowed, is refused by both at the field, with the limit', async () => {
  const doc = hello();
  doc.defaults.accessTokenTtl = '1h';
  const file = write(doc);
  const lines = sameRefusal(await both(file));
  expect(lines).toEqual([
    `${file}:6:19: defaults.accessTokenTtl: access tokens would live 1h, longer than the 30m access-token limit (--max-access-ttl) the synth-time checks (A2A-TTL-OIDC-TOKEN) enforce, for client "test-client". Fix: set defaults.accessTokenTtl to at most 30m, or accept it with agents.test-client.suppressions: [{ rule: A2A-TTL-OIDC-TOKEN, reason }].`,
    `1 error in ${file}`,
  ]);
});

test('--max-access-ttl 10m: the 15m defaults are refused by both, and no fix suggests 15 minutes; --max-access-ttl 2h accepts 1h in both', async () => {
  const lines = sameRefusal(await both(HELLO, ['--max-access-ttl', '10m']));
  expect(lines.filter((l) => l.includes('Fix:')).map((l) => l.replace(/^.*?: (defaults\.\w+):.*Fix: /, '$1 | '))).toEqual([
    'defaults.accessTokenTtl | set defaults.accessTokenTtl to at most 10m, or accept it with agents.test-client.suppressions: [{ rule: A2A-TTL-OIDC-TOKEN, reason }].',
    'defaults.idTokenTtl | set defaults.idTokenTtl to at most 10m, or accept it with agents.test-client.suppressions: [{ rule: A2A-TTL-OIDC-TOKEN, reason }].',
  ]);
  const doc = hello();
  doc.defaults.accessTokenTtl = '1h';
  expect(verdict(write(doc), { maxAccessTtlSeconds: 7200 })).toBeUndefined();
});

test('--max-login-ttl governs loginTokenTtl the same way', () => {
  const doc = hello();
  doc.defaults.loginTokenTtl = '45m';
  const file = write(doc);
  expect(verdict(file)).toBeUndefined();
  expect(verdict(file, { maxLoginTtlSeconds: 1800 })?.[0]).toContain('defaults.loginTokenTtl: Vault login tokens would live 45m, longer than the 30m login-token limit (--max-login-ttl)');
});

test('a limit that is not a duration: exit 2, naming the option', async () => {
  const r = await vaultA2a(['validate', HELLO, '--max-access-ttl', 'soon']);
  expect(r).toMatchObject({ code: 2, stdout: '' });
  expect(r.stderr).toContain('--max-access-ttl: "soon" is not a duration such as 30m, 1h or 900');
  expect((await vaultA2a(['synth', HELLO, '--out', path.join(tmp, 'never'), '--max-login-ttl', '0'])).code).toBe(2);
});

test('a name ending in "-" (Vault refuses it as an object name) is refused by both', () => {
  const text = fs.readFileSync(HELLO, 'utf8').replaceAll('test-client', 'test-client-');
  const lines = verdict(write(text))!;
  expect(lines.some((l) => /agents\.test-client-: name "test-client-" must be .*not ending with "-"/.test(l))).toBe(true);
});

test('two agents sharing one service account (YAML anchor): refused by both, naming both places', () => {
  const text = [
    'version: 1',
    'vault: { address: https://vault.example.com }',
    'authMounts: { kubernetes: { type: kubernetes, path: kubernetes } }',
    'agents:',
    '  srv: { url: https://srv.example.com, skills: [{ id: work, actions: [read] }] }',
    '  a:',
    '    login: &sa { mount: kubernetes, serviceAccount: worker, namespace: agents }',
    '    headless: true',
    '    calls: [{ agent: srv, grants: ["work:read"] }]',
    '  b:',
    '    login: *sa',
    '    headless: true',
    '    calls: [{ agent: srv, grants: ["work:read"] }]',
    '',
  ].join('\n');
  const file = write(text);
  const [issue] = verdict(file)!;
  expect(issue).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:11:12: agents\\.b\\.login: the login of agent "a" and the login of agent "b" both admit service account "worker" in namespace "agents"`));
  expect(issue).toContain(`See also ${file}:7:16: agents.a.login. Fix: give each agent its own service account`);
});

describe('the backstop: what the static checks leave to the synth-time checks is still refused by validate, in topology terms', () => {
  /** The Terraform address of hello-world's OIDC client, read from a real synth. */
  function clientAddress(): string {
    const out = path.join(tmp, 'address');
    expect(synthTopologyFile(HELLO, out).ok).toBe(true);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'hello-world', 'cdk.tf.json'), 'utf8'));
    return `vault_identity_oidc_client.${Object.keys(json.resource.vault_identity_oidc_client)[0]}`;
  }

  test('a suppression naming a Terraform address: both refuse when it names another resource, both accept when it names the client', () => {
    const doc = hello();
    doc.defaults.accessTokenTtl = '2h';
    doc.agents['test-client'].suppressions = [{ rule: 'A2A-TTL-OIDC-TOKEN', resource: 'vault_policy.elsewhere', reason: 'not this one' }];
    const lines = verdict(write(doc))!;
    expect(lines[0]).toMatch(/:6:19: defaults\.accessTokenTtl: the synth-time check A2A-TTL-OIDC-TOKEN refuses the synthesized stack: client "test-client" access_token_ttl is 2h; limit 30m \(Terraform resource vault_identity_oidc_client\.[^)]+\)\. Fix: set defaults\.accessTokenTtl to at most 30m, or accept it with agents\.test-client\.suppressions: \[\{ rule: A2A-TTL-OIDC-TOKEN, reason \}\]\.$/);
    doc.agents['test-client'].suppressions = [{ rule: 'A2A-TTL-OIDC-TOKEN', resource: clientAddress(), reason: 'browser sessions outlive 30m; SEC-42' }];
    expect(verdict(write(doc))).toBeUndefined();
  });
});

test('warnings (an actor that can do nothing for a user) go to stderr and keep exit 0, in both', async () => {
  const text = fs.readFileSync(path.join(ROOT, 'examples/delegation/topology.yaml'), 'utf8');
  const line = '      - { agent: mail, grants: ["mail:send"] }\n';
  const at = text.lastIndexOf(line);
  const r = await both(write(text.slice(0, at) + text.slice(at + line.length)));
  expect(r.validate.code).toBe(0);
  for (const run of [r.validate, r.synth]) {
    expect(run.stderr).toMatch(/^.*:\d+:\d+: warning: agents\.mailer\.actsFor: agent "mailer" can do nothing for carol: /);
  }
  expect(r.synth.stderr).toBe(r.validate.stderr);
  expect(r.validate.stdout).toMatch(/\(6 agents, 3 users, 1 group, 1 warning\)\n$/);
});
