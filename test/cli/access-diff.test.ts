/**
 * `vault-a2a access` and `vault-a2a diff`, run as the built binary on stacks the binary
 * synthesized: the pull-request workflow of docs/reviewing.md (synth base and head, diff,
 * fail on escalation) with real exit codes and output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, vaultA2a } from './run';

let tmp: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-access-diff-'));
  const hello = fs.readFileSync(path.join(ROOT, 'examples', 'hello-world', 'topology.yaml'), 'utf8');
  const wider = hello.replace('grants: ["hello_world:read"]', 'grants: ["hello_world:read", "super_hello_world:read"]');
  if (wider === hello) throw new Error('examples/hello-world changed: the grant to widen is gone');
  fs.writeFileSync(path.join(tmp, 'head.yaml'), wider);
  for (const [out, topology] of [
    ['base', path.join(ROOT, 'examples', 'hello-world', 'topology.yaml')],
    ['head', path.join(tmp, 'head.yaml')],
    ['expense', path.join(ROOT, 'examples', 'expense', 'topology.yaml')],
  ]) {
    const r = await vaultA2a(['synth', topology!, '--out', path.join(tmp, out!)]);
    if (r.code !== 0) throw new Error(`synth ${topology} failed: ${r.stderr}`);
  }
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[]) => vaultA2a(args, tmp);

describe('vault-a2a access', () => {
  test('a cdktf.out directory, its stack directory and its cdk.tf.json give the same Markdown', async () => {
    const r = await run(['access', 'base']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.startsWith('## Access in stack `hello-world`\n\nFrom `base/stacks/hello-world/cdk.tf.json`. 1 agent, 1 user and 1 group.\n')).toBe(true);
    expect(r.stdout).toContain('| Scope | `hello-world.hello_world.read` (claims `hello-world.hello_world.read`) as client | provider `test-client` of client `test-client` |');
    for (const input of ['base/stacks/hello-world', 'base/stacks/hello-world/cdk.tf.json']) expect(await run(['access', input])).toEqual(r);
  });

  test('--format json: the report as data, one entry per stack', async () => {
    const r = await run(['access', 'expense', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { stacks: { stack: string; principals: { id: string; kind: string }[] }[] };
    expect(json.stacks.map((s) => s.stack)).toEqual(['expense']);
    expect(json.stacks[0]!.principals.map((p) => `${p.kind} ${p.id}`)).toEqual(['agent entity:bookkeeper', 'agent entity:expense', 'agent entity:travel-planner']);
  });

  test('a directory with several stacks: one section each', async () => {
    const both = path.join(tmp, 'both');
    for (const [from, name] of [
      ['base', 'hello-world'],
      ['expense', 'expense'],
    ]) {
      fs.mkdirSync(path.join(both, 'stacks', name!), { recursive: true });
      fs.copyFileSync(path.join(tmp, from!, 'stacks', name!, 'cdk.tf.json'), path.join(both, 'stacks', name!, 'cdk.tf.json'));
    }
    const r = await run(['access', 'both']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^## Access in stack .*$/gm)).toEqual(['## Access in stack `expense`', '## Access in stack `hello-world`']);
  });

  test('bad input: exit 2, every problem on stderr with its fix, nothing on stdout', async () => {
    fs.writeFileSync(path.join(tmp, 'broken.tf.json'), '{ "resource": { "vault_policy": [ }');
    fs.writeFileSync(path.join(tmp, 'empty.json'), '{ "version": 1, "agents": {} }');
    const cases: [string, RegExp][] = [
      ['missing', /missing: no such file or directory/],
      ['broken.tf.json', /broken\.tf\.json:1:\d+: invalid JSON/],
      ['empty.json', /empty\.json: not a Terraform JSON configuration .* Fix: /],
      [path.join(ROOT, 'examples', 'hello-world', 'topology.yaml'), /a topology file, not a synthesized stack\. Fix: run `vault-a2a synth/],
    ];
    for (const [input, message] of cases) {
      const r = await run(['access', input]);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toMatch(/^vault-a2a access: cannot read the stack:\n {2}/);
      expect(r.stderr).toMatch(message);
    }
    expect(await run(['access', 'base', '--format', 'html'])).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('vault-a2a diff', () => {
  test('identical inputs: no changes, exit 0 even with --fail-on-escalation', async () => {
    const r = await run(['diff', 'base', 'base', '--fail-on-escalation']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('No access changes; no resource changes.');
    const json = JSON.parse((await run(['diff', 'base', 'base', '--format', 'json'])).stdout);
    expect(json.summary).toEqual({ gained: 0, escalations: 0, reductions: 0, neutral: 0, resourceChanges: 0, resourceChangesChangingAccess: 0, resourceChangesNotModelled: 0 });
  });

  test('a grant added: escalations listed; exit 0, or 1 with --fail-on-escalation', async () => {
    const plain = await run(['diff', 'base', 'head']);
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    expect(plain.stdout).toContain('**3 escalations**, 0 reductions and 0 neutral changes; 2 resource changes (2 changing access).');
    expect(plain.stdout).toContain('| **escalation** | gained | Scope | `hello-world.super_hello_world.read` (claims `hello-world.super_hello_world.read`) as client | granted by provider `test-client` of client `test-client` |');
    const failing = await run(['diff', 'base', 'head', '--fail-on-escalation']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toBe(plain.stdout);
    const json = JSON.parse((await run(['diff', 'base/stacks/hello-world/cdk.tf.json', 'head/stacks/hello-world', '--format', 'json'])).stdout);
    expect(json.stacks[0].access[0]).toMatchObject({
      principal: 'test-client',
      principalId: 'entity:test-client',
      change: 'gained',
      kind: 'scope',
      grant: 'hello-world.super_hello_world.read',
      classification: 'escalation',
    });
  });

  test('a grant removed: reductions only, so --fail-on-escalation passes', async () => {
    const r = await run(['diff', 'head', 'base', '--fail-on-escalation', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ escalations: 0, reductions: 3 });
  });

  test('a construct renamed without access change: a neutral rename, exit 0 with --fail-on-escalation', async () => {
    const text = fs.readFileSync(path.join(tmp, 'base', 'stacks', 'hello-world', 'cdk.tf.json'), 'utf8');
    const old = /"(topology_policy-a2a-agent-test-client_[0-9A-F]+)"/.exec(text)![1]!;
    fs.mkdirSync(path.join(tmp, 'renamed'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'renamed', 'cdk.tf.json'), text.split(old).join('client_policy'));
    const r = await run(['diff', 'base', 'renamed', '--fail-on-escalation', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.stacks[0].access).toEqual([]);
    expect(json.stacks[0].resources).toEqual([
      { change: 'renamed', type: 'vault_policy', name: 'a2a-agent-test-client', address: 'vault_policy.client_policy', previousAddress: `vault_policy.${old}`, attributes: [], access: 'unchanged' },
    ]);
  });

  test('bad input on either side: exit 2, the problems of both sides at once', async () => {
    const r = await run(['diff', 'missing-old', 'missing-new', '--fail-on-escalation']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('vault-a2a diff: cannot read the stacks:\n  missing-old: no such file or directory\n  missing-new: no such file or directory\n');
    expect(await run(['diff', 'base'])).toMatchObject({ code: 2, stdout: '' });
  });
});
