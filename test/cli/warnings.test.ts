/**
 * Topology warnings through the CLI (in-process: the same command tree as the binary): valid
 * input with advice exits 0 and prints each warning on stderr, positioned like an error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../stacks/main';
import { vaultA2a } from './run';

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-warn-'))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const NO_AUDIENCE = [
  'version: 1',
  'vault: { address: https://vault.example.com }',
  'authMounts: { k8s: { type: kubernetes, path: kubernetes } }',
  'agents:',
  '  srv: { url: "https://srv.example.com", skills: [{ id: s, actions: [a] }] }',
  '  chat:',
  '    login: { mount: k8s, serviceAccount: chat, namespace: apps }',
  '    headless: true',
  '    calls: [{ agent: srv, grants: ["s:a"] }]',
  '',
].join('\n');

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

const cli = (args: readonly string[]) => vaultA2a(args, tmp);

test('a kubernetes login without audience is valid (exit 0) with a warning on stderr, for validate and synth', async () => {
  const file = write('no-audience.yaml', NO_AUDIENCE);
  const warning =
    `${file}:7:5: warning: agents.chat.login: kubernetes login without "audience": Vault accepts a token of apps/chat issued for any audience, and warns on every write of the role. ` +
    'Fix: add audience: vault (or the audience your Vault Agent / Secrets Operator requests) and give the pod a service account token projected for that audience.\n';
  const v = await cli(['validate', file]);
  expect(v).toMatchObject({ code: 0, stderr: warning });
  expect(v.stdout).toBe(`${file}: valid topology "a2a" (2 agents, 0 users, 0 groups, 1 warning)\n`);
  const s = await cli(['synth', file, '--out', path.join(tmp, 'out')]);
  expect(s).toMatchObject({ code: 0, stderr: warning });
  const json = JSON.parse(fs.readFileSync(path.join(tmp, 'out', 'stacks', 'a2a', 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  expect(Object.values(json.resource.vault_kubernetes_auth_backend_role)[0]).not.toHaveProperty('audience');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('namespace: apps }', 'namespace: apps, audience: vault }'));
  expect(await cli(['validate', file])).toMatchObject({ code: 0, stderr: '' });
});

test('one warning line everywhere: with errors too (warnings first, synth adds "; nothing written"), and from the cdktf app', async () => {
  const file = write('refused.yaml', NO_AUDIENCE.replace('authMounts:', 'defaults: { loginTokenTtl: 2h }\nauthMounts:'));
  const v = await cli(['validate', file]);
  const s = await cli(['synth', file, '--out', path.join(tmp, 'out')]);
  expect([v.code, s.code]).toEqual([2, 2]);
  const lines = v.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8:5: warning: agents\\.chat\\.login: kubernetes login without "audience"`));
  expect(lines.slice(1).join('\n')).toMatch(/defaults\.loginTokenTtl: .*\n1 error in /);
  expect(s.stderr).toBe(v.stderr.replace(/\n$/, '; nothing written\n'));
  expect(fs.existsSync(path.join(tmp, 'out'))).toBe(false);

  const valid = write('valid.yaml', NO_AUDIENCE);
  let stderr = '';
  expect(main({ TOPOLOGY: valid, CDKTF_OUTDIR: path.join(tmp, 'app') }, (t) => (stderr += t))).toBe(0);
  expect(stderr).toBe((await cli(['validate', valid])).stderr);
});
