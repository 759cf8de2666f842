/**
 * `vault-a2a rotate-client` (in-process, the binary's command tree): the file keeps its comments
 * and layout, the generation goes up by one, and the synthesized client is then replaced by
 * Terraform (its trigger changes) while its name, and so the agent's policy path, stay the same.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { runCli } from '../../lib/cli/program';

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-rotate-'))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: tmp });
  return { code, stdout, stderr };
}

function copyExample(name: string): string {
  const file = path.join(tmp, `${name}.yaml`);
  fs.copyFileSync(path.join('examples', name, 'topology.yaml'), file);
  return file;
}

function synth(file: string): Record<string, Record<string, Record<string, unknown>>> {
  const result = topologyApp(file, () => Testing.app());
  if (!result.ok) throw new Error(result.message);
  return (JSON.parse(Testing.synth(result.stack)) as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource;
}

test('raises the generation, keeps every comment, and only the trigger of that client changes', async () => {
  const file = copyExample('hello-world');
  const before = fs.readFileSync(file, 'utf8');
  const old = synth(file);
  const r = await cli(['rotate-client', 'hello-world.yaml', 'test-client']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toContain('hello-world.yaml: agents.test-client.oidc.clientGeneration 1 -> 2\n');
  const after = fs.readFileSync(file, 'utf8');
  // The file is the same text with one line added at the end of the oidc map: comments, flow maps and quoting untouched.
  expect(after.split('\n').length).toBe(before.split('\n').length + 1);
  expect(after.replace('      clientGeneration: 2\n', '')).toBe(before);
  const rotated = synth(file);
  expect(rotated.vault_identity_oidc_client).toEqual(old.vault_identity_oidc_client);
  expect(Object.values(rotated.terraform_data)).toEqual([{ triggers_replace: { client: 'test-client', generation: 2 } }]);
  expect((await cli(['rotate-client', 'hello-world.yaml', 'test-client'])).stdout).toContain('clientGeneration 2 -> 3');
});

test('an agent without oidc, or unknown, is refused with exit 2 and the agents that have one', async () => {
  copyExample('hello-world');
  const r = await cli(['rotate-client', 'hello-world.yaml', 'hello-world']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('hello-world.yaml: agents.hello-world: agent "hello-world" has no oidc client to rotate. Fix: name an agent with oidc: test-client.');
  expect((await cli(['rotate-client', 'hello-world.yaml', 'nobody'])).stderr).toContain('no agent "nobody"');
});

test('a JSON topology stays JSON', async () => {
  const file = path.join(tmp, 't.json');
  const yaml = await import('yaml');
  fs.writeFileSync(file, JSON.stringify(yaml.parse(fs.readFileSync('examples/hello-world/topology.yaml', 'utf8')), null, 2));
  expect((await cli(['rotate-client', 't.json', 'test-client'])).code).toBe(0);
  expect((JSON.parse(fs.readFileSync(file, 'utf8')) as { agents: { 'test-client': { oidc: { clientGeneration: number } } } }).agents['test-client'].oidc.clientGeneration).toBe(2);
});
