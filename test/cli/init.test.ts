/**
 * `vault-a2a init`: the starter topology it writes validates, synthesizes and passes the checks
 * as written, and so does every commented-out field once uncommented; an existing file is kept.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, vaultA2a } from './run';

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-init-'))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Removes the `# ` in front of every commented-out field or list entry. */
const uncomment = (yaml: string): string => yaml.replace(/^(\s*)# ((?:[a-zA-Z]+:\s|\s*- \{).*)$/gm, '$1$2');

test('writes topology.yaml that validates, synthesizes and passes the checks; the editor finds the schema', async () => {
  expect(await vaultA2a(['init'], tmp)).toEqual({ code: 0, stdout: 'wrote topology.yaml. Next: vault-a2a validate topology.yaml && vault-a2a synth topology.yaml\n', stderr: '' });
  const text = fs.readFileSync(path.join(tmp, 'topology.yaml'), 'utf8');
  const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)![1]!;
  expect(path.resolve(tmp, schema)).toBe(path.join(ROOT, 'schema', 'topology.schema.json'));

  expect(await vaultA2a(['validate', 'topology.yaml'], tmp)).toEqual({ code: 0, stdout: 'topology.yaml: valid topology "starter" (3 agents, 2 users, 1 group)\n', stderr: '' });
  expect(await vaultA2a(['synth', 'topology.yaml'], tmp)).toEqual({ code: 0, stdout: 'cdktf.out/stacks/starter/cdk.tf.json\n', stderr: '' });
  expect(await vaultA2a(['check', 'cdktf.out', '--topology', 'topology.yaml'], tmp)).toEqual({ code: 0, stdout: 'vault-a2a check: 1 stack checked, no findings.\n', stderr: '' });
});

test('every commented-out field is valid once uncommented', async () => {
  await vaultA2a(['init', 'all.yaml'], tmp);
  const text = fs.readFileSync(path.join(tmp, 'all.yaml'), 'utf8');
  const all = uncomment(text);
  for (const field of ['namespace', 'idTokenTtl', 'identityTokenTtl', 'loginTokenTtl', 'actsFor', 'suppressions']) expect(all).toMatch(new RegExp(`^\\s*${field}: `, 'm'));
  fs.writeFileSync(path.join(tmp, 'all.yaml'), all);
  const r = await vaultA2a(['synth', 'all.yaml'], tmp);
  expect(r).toMatchObject({ code: 0, stderr: '' });
});

test('an existing file is kept unless --force; a path in a new directory is created', async () => {
  fs.writeFileSync(path.join(tmp, 'topology.yaml'), 'mine\n');
  expect(await vaultA2a(['init'], tmp)).toEqual({
    code: 2,
    stdout: '',
    stderr: 'vault-a2a init: topology.yaml already exists; nothing written. Fix: pass --force to overwrite it, or name another file.\n',
  });
  expect(fs.readFileSync(path.join(tmp, 'topology.yaml'), 'utf8')).toBe('mine\n');
  expect((await vaultA2a(['init', '--force'], tmp)).code).toBe(0);
  expect(fs.readFileSync(path.join(tmp, 'topology.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
  expect((await vaultA2a(['init', 'vault/agents.yaml'], tmp)).code).toBe(0);
  expect(fs.readFileSync(path.join(tmp, 'vault', 'agents.yaml'), 'utf8')).toContain('$schema=../');
});
