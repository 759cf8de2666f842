/**
 * The built binary as its own process, for what only a process shows: it starts (shebang,
 * compiled output), its exit codes reach the shell, and expected failures print no stack trace.
 * Everything else about the commands is tested in-process (test/cli/run.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BIN, vaultA2aBinary } from './run';

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-bin-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the binary is executable and says where it wrote the stack', () => {
  expect(fs.statSync(BIN).mode & 0o111).not.toBe(0);
  const r = vaultA2aBinary(['synth', 'examples/hello-world/topology.yaml', '--out', path.join(tmp, 'out')]);
  expect(r).toEqual({ code: 0, stdout: `${path.join(tmp, 'out', 'stacks', 'hello-world', 'cdk.tf.json')}\n`, stderr: '' });
});

test('--version prints the package version', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  expect(vaultA2aBinary(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
});

test('bad input: exit 2 and the message, without a stack trace', () => {
  const r = vaultA2aBinary(['validate', 'no/such/file.yaml']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain('no/such/file.yaml');
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('findings: exit 1', () => {
  const stack = path.join(tmp, 'wildcard.tf.json');
  fs.writeFileSync(stack, JSON.stringify({ resource: { vault_identity_oidc_key: { k: { name: 'k', allowed_client_ids: ['*'] } } } }));
  expect(vaultA2aBinary(['check', stack]).code).toBe(1);
});

test('plain check loads neither the topology schema (zod) nor the YAML parser, nor the progress line (log-update)', () => {
  // Every module a run loads costs start-up time: check of a stack needs neither, only
  // --topology and --suppressions files do; log-update only a long run on a terminal.
  const listed = path.join(tmp, 'modules.txt');
  const preload = path.join(tmp, 'list-modules.js');
  fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(listed)}, Object.keys(require.cache).join('\\n')));\n`);
  const r = vaultA2aBinary(['check', 'test/checks/fixtures/synth/stacks/hello-world/cdk.tf.json'], undefined, { ...process.env, NODE_OPTIONS: `--require ${preload}` });
  expect(r.code).toBe(0);
  const modules = fs.readFileSync(listed, 'utf8').split('\n');
  expect(modules.some((m) => m.includes(`${path.sep}lib${path.sep}checks${path.sep}rules${path.sep}`))).toBe(true);
  expect(modules.filter((m) => /[\\/]node_modules[\\/](zod|yaml|log-update)[\\/]/.test(m) || /[\\/]lib[\\/]topology[\\/](schema|load|source|directory)/.test(m))).toEqual([]);
});
