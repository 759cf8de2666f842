import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RULES } from '../../lib/checks/rules';
import { ROOT, vaultA2a } from './run';

const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((d) => fs.existsSync(path.join(ROOT, 'examples', d, 'topology.yaml')));

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-cli-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('vault-a2a validate', () => {
  test.each(EXAMPLES)('examples/%s is valid: exit 0, a summary on stdout, nothing on stderr', async (example) => {
    const r = await vaultA2a(['validate', `examples/${example}/topology.yaml`]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(new RegExp(`^examples/${example}/topology.yaml: valid topology "`));
  });

  test('an invalid file: every error on stderr with file:line:column, path and fix; exit 2', async () => {
    const file = write(
      'bad.yaml',
      [
        'version: 1',
        'vault: { address: https://vault.example.com }',
        'agents:',
        '  chat:',
        '    login: { mount: k8s, serviceAccount: chat, namespace: default }',
        '    headless: true',
        '    calls: [{ agent: nobody, grants: ["x:read"] }]',
        '    colour: blue',
        '',
      ].join('\n'),
    );
    const r = await vaultA2a(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/bad\.yaml:5:21: agents\.chat\.login\.mount: unknown auth mount "k8s"\. Fix: /),
      expect.stringMatching(/bad\.yaml:7:22: agents\.chat\.calls\[0\]\.agent: unknown agent "nobody"\. Fix: /),
      expect.stringMatching(/bad\.yaml:8:5: agents\.chat\.colour: unknown field "colour"\. Fix: /),
      expect.stringMatching(/^3 errors in .*bad\.yaml$/),
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a missing file exits 2 without a stack trace', async () => {
    const r = await vaultA2a(['validate', 'no/such/file.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/file.yaml');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('bad usage: exit 2, one line saying what is wrong and where to look, not the whole help', async () => {
    expect(await vaultA2a(['validate'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: missing required argument 'topology'\nRun 'vault-a2a validate --help' for its usage.\n",
    });
    expect(await vaultA2a(['check', 'cdktf.out', '--format', 'html'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: option '--format <format>' argument 'html' is invalid. Allowed choices are text, json, sarif.\nRun 'vault-a2a check --help' for its usage.\n",
    });
    const unknown = await vaultA2a(['synt', 'topology.yaml']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("error: unknown command 'synt'\n(Did you mean synth?)\nRun 'vault-a2a --help' for the commands.\n");
  });

  test('--version prints the package version; --help lists the commands', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await vaultA2a(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await vaultA2a(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['init', 'validate', 'synth', 'check', 'cards', 'graph', 'access', 'diff']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  test('check --help lists every rule with its severity and statement, from the rule objects', async () => {
    const help = await vaultA2a(['check', '--help']);
    expect(help.code).toBe(0);
    const listed = help.stdout.split('\nRules (docs/checks.md explains each, with its fix):\n')[1]!.trimEnd().split('\n');
    expect(listed.map((line) => line.trim().split(/\s+/).slice(0, 2))).toEqual(RULES.map((r) => [r.id, r.severity]));
    RULES.forEach((r, i) => expect(listed[i]!.endsWith(` ${r.statement}`)).toBe(true));
  });
});

describe('vault-a2a synth', () => {
  test.each(EXAMPLES)('examples/%s: writes <out>/stacks/<name>/cdk.tf.json and prints its path', async (example) => {
    const out = path.join(tmp, 'out');
    const r = await vaultA2a(['synth', `examples/${example}/topology.yaml`, '--out', out]);
    expect(r.code).toBe(0);
    const written = r.stdout.trim();
    expect(written).toMatch(/stacks\/[a-z0-9_-]+\/cdk\.tf\.json$/);
    const json = JSON.parse(fs.readFileSync(written, 'utf8'));
    // Terraform runs in the stack directory; the state file lands next to <out>, not inside it.
    const stackName = path.basename(path.dirname(written));
    expect(path.resolve(path.dirname(written), json.terraform.backend.local.path)).toBe(path.join(tmp, `terraform.${stackName}.tfstate`));
  });

  test('--out defaults to cdktf.out in the working directory', async () => {
    fs.copyFileSync(path.join(ROOT, 'examples/headless/topology.yaml'), path.join(tmp, 'topology.yaml'));
    const r = await vaultA2a(['synth', 'topology.yaml'], tmp);
    expect(r).toEqual({ code: 0, stdout: 'cdktf.out/stacks/headless/cdk.tf.json\n', stderr: '' });
    expect(fs.existsSync(path.join(tmp, 'cdktf.out', 'stacks', 'headless', 'cdk.tf.json'))).toBe(true);
  });

  test('--hcl writes cdk.tf with the same policies', async () => {
    const out = path.join(tmp, 'out');
    const r = await vaultA2a(['synth', 'examples/hello-world/topology.yaml', '--out', out, '--hcl']);
    expect(r.code).toBe(0);
    const hcl = fs.readFileSync(path.join(out, 'stacks', 'hello-world', 'cdk.tf'), 'utf8');
    expect(hcl).toContain('resource "vault_identity_oidc_provider"');
    expect(hcl).toContain('identity/oidc/client/test-client');
  });

  test('an invalid topology writes nothing at all and exits 2', async () => {
    const file = write('bad.yaml', 'version: 1\nvault: { address: https://vault.example.com }\nagents: { Chat: {} }\n');
    const out = path.join(tmp, 'out');
    const r = await vaultA2a(['synth', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing written');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('output is byte-identical from another working directory and another output path', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'nested', 'b');
    fs.mkdirSync(path.join(tmp, 'nested'));
    const copy = write('topology.yaml', fs.readFileSync(path.join(ROOT, 'examples/hello-world/topology.yaml'), 'utf8'));
    expect((await vaultA2a(['synth', 'examples/hello-world/topology.yaml', '--out', a])).code).toBe(0);
    expect((await vaultA2a(['synth', 'topology.yaml', '--out', 'nested/b'], tmp)).code).toBe(0);
    expect(copy).toBeTruthy();
    const read = (dir: string) => fs.readFileSync(path.join(dir, 'stacks', 'hello-world', 'cdk.tf.json'), 'utf8');
    expect(read(b)).toBe(read(a));
    expect(read(a)).not.toContain(ROOT);
    expect(read(a)).not.toContain(tmp);
  });
});
