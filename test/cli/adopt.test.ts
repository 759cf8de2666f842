/**
 * `vault-a2a adopt`: the lookup script runs (against a stand-in `vault` that answers like Vault's
 * CLI), its output becomes import blocks that HashiCorp's parser reads, that `terraform fmt`
 * leaves alone, and that name exactly the entity and alias resources the stack synthesizes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { parseHcl, terraformFmtCheck, withTerraform } from '../support/hcl';
import { ROOT, vaultA2a } from './run';

const HELLO = 'examples/hello-world/topology.yaml';
const ENTITY = '5f2b8c1e-0d3a-4c8e-9b7a-1e2d3c4b5a69';
const ALIAS = '8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d';

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-adopt-'))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What `vault write -format=json identity/lookup/entity` prints for end-user's entity (first login). */
const endUserEntity = {
  request_id: 'r',
  data: {
    id: ENTITY,
    name: 'entity_43cc451b',
    aliases: [{ id: ALIAS, canonical_id: ENTITY, mount_accessor: 'auth_userpass_eea6507e', mount_path: 'auth/userpass/', mount_type: 'userpass', name: 'end-user' }],
  },
};

/** A stand-in `vault`: auth list, and lookups answering for end-user only (204 → the CLI's "Success!" line). */
function fakeVault(dir: string): void {
  const authList = JSON.stringify({ 'kubernetes/': { accessor: 'auth_kubernetes_1a2b' }, 'userpass/': { accessor: 'auth_userpass_eea6507e' } });
  fs.writeFileSync(
    path.join(dir, 'vault'),
    [
      '#!/bin/sh',
      `if [ "$1 $2" = "auth list" ]; then echo '${authList}'; exit 0; fi`,
      `if [ "$1" = "write" ] && [ "$4" = "alias_name=end-user" ] && [ "$5" = "alias_mount_accessor=auth_userpass_eea6507e" ]; then echo '${JSON.stringify(endUserEntity)}'; exit 0; fi`,
      'if [ "$1" = "write" ]; then echo "Success! Data written to: identity/lookup/entity"; exit 0; fi',
      'exit 2',
    ].join('\n'),
    { mode: 0o755 },
  );
}

const tools = ['sh', 'jq'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
const withTools = tools ? test : test.skip;

withTools('the script finds end-user (logged in before) and not test-client; adopt writes imports.tf for end-user', async () => {
  fakeVault(tmp);
  const script = await vaultA2a(['adopt', HELLO, '--script']);
  expect(script.code).toBe(0);
  fs.writeFileSync(path.join(tmp, 'lookup.sh'), script.stdout);
  const run = spawnSync('sh', [path.join(tmp, 'lookup.sh')], { encoding: 'utf8', env: { ...process.env, PATH: `${tmp}:${process.env.PATH}` } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const lookups = JSON.parse(run.stdout) as unknown[];
  expect(lookups).toEqual([{ alias: 'end-user', mount: 'userpass', entity: endUserEntity.data }]);
  fs.writeFileSync(path.join(tmp, 'lookups.json'), run.stdout);

  const stackDir = path.join(tmp, 'out', 'stacks', 'hello-world');
  expect((await vaultA2a(['synth', HELLO, '--out', path.join(tmp, 'out')])).code).toBe(0);
  const adopt = await vaultA2a(['adopt', HELLO, '--lookups', path.join(tmp, 'lookups.json'), '--out', stackDir]);
  expect(adopt).toMatchObject({ code: 0, stdout: `${path.join(stackDir, 'imports.tf')}\n` });
  expect(adopt.stderr).toBe(`not in Vault yet (created on apply): test-client\nadopted: end-user (entity ${ENTITY}, alias ${ALIAS})\n`);

  // The import blocks name exactly the stack's entity and alias resources for end-user.
  const hcl = fs.readFileSync(path.join(stackDir, 'imports.tf'), 'utf8');
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const address = (type: string, match: (b: Record<string, unknown>) => boolean) =>
    `${type}.${Object.entries(json.resource[type]).find(([, b]) => match(b))![0]}`;
  const entity = address('vault_identity_entity', (b) => b.name === 'end-user');
  const alias = address('vault_identity_entity_alias', (b) => b.name === 'end-user');
  expect(await parseHcl(hcl)).toEqual({
    import: [
      { to: `\${${entity}}`, id: ENTITY },
      { to: `\${${alias}}`, id: ALIAS },
    ],
  });
  expect(hcl).toContain(`import {\n  to = ${entity}\n  id = "${ENTITY}"\n}\n`);
});

test('import blocks as Terraform JSON for a .tf.json path, the same as the stack synthesizes with the adopt prop', async () => {
  fs.writeFileSync(path.join(tmp, 'lookups.json'), JSON.stringify([endUserEntity]));
  const out = path.join(tmp, 'imports.tf.json');
  expect((await vaultA2a(['adopt', HELLO, '--lookups', path.join(tmp, 'lookups.json'), '--out', out])).code).toBe(0);
  const app = topologyApp(path.join(ROOT, HELLO), () => Testing.app());
  if (!app.ok) throw new Error(app.message);
  const adopted = JSON.parse(fs.readFileSync(out, 'utf8')) as { import: { to: string; id: string }[] };
  const json = JSON.parse(Testing.synth(app.stack)) as { resource: Record<string, Record<string, unknown>> };
  expect(adopted.import.map((i) => i.id)).toEqual([ENTITY, ALIAS]);
  for (const i of adopted.import) {
    const [type, name] = i.to.split('.');
    expect(json.resource[type]).toHaveProperty([name]);
  }
});

withTerraform('terraform fmt -check leaves the generated imports.tf unchanged', async () => {
  fs.writeFileSync(path.join(tmp, 'lookups.json'), JSON.stringify([endUserEntity]));
  const r = await vaultA2a(['adopt', HELLO, '--lookups', path.join(tmp, 'lookups.json')]);
  expect(r.code).toBe(0);
  expect(terraformFmtCheck({ 'imports.tf': r.stdout })).toEqual({ code: 0, output: '' });
});

describe('refused input: exit 2, nothing written', () => {
  test.each([
    ['not JSON', '[{"id": 1,', /lookups\.json:1:\d+: not JSON/],
    ['an id that is not a Vault id', JSON.stringify([{ ...endUserEntity.data, id: '${var.x}' }]), /"id" "\$\{var\.x\}" is not a Vault entity id/],
    [
      'one Vault entity holding the aliases of two principals',
      JSON.stringify([{ ...endUserEntity.data, aliases: [...endUserEntity.data.aliases, { id: 'b1', name: 'default/test-client', mount_path: 'auth/kubernetes/' }] }]),
      /holds the aliases of end-user and test-client/,
    ],
  ])('%s', async (_name, text, message) => {
    fs.writeFileSync(path.join(tmp, 'lookups.json'), text);
    const out = path.join(tmp, 'imports.tf');
    const r = await vaultA2a(['adopt', HELLO, '--lookups', path.join(tmp, 'lookups.json'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('neither or both of --script and --lookups', async () => {
    expect((await vaultA2a(['adopt', HELLO])).code).toBe(2);
    expect((await vaultA2a(['adopt', HELLO, '--script', '--lookups', 'x.json'])).stderr).toContain('give exactly one of --script or --lookups');
  });
});

test('entities that are no principal of the topology are reported and skipped; nothing to adopt writes nothing', async () => {
  fs.writeFileSync(
    path.join(tmp, 'lookups.json'),
    JSON.stringify([{ id: 'aaaa-1', name: 'someone', aliases: [{ id: 'bbbb-2', name: 'someone', mount_path: 'auth/userpass/' }] }]),
  );
  const r = await vaultA2a(['adopt', HELLO, '--lookups', path.join(tmp, 'lookups.json')]);
  expect(r).toMatchObject({ code: 0, stdout: '' });
  expect(r.stderr).toContain('ignored: Vault entity aaaa-1 (someone): no alias of a principal of topology "hello-world"');
  expect(r.stderr).toContain('nothing to adopt; nothing written');
});

test('docs/adoption.md: its HCL parses (the policy, and imports.tf as the page shows it), and the import block names the real address of end-user\'s entity', async () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'adoption.md'), 'utf8');
  // The page shows imports.tf as a transcript (test/docs/snippets.test.ts compares it with what adopt writes).
  const imports = /```text\n\$ cat cdktf\.out\/stacks\/hello-world\/imports\.tf\n([\s\S]*?)```/.exec(doc)?.[1];
  const snippets = [...[...doc.matchAll(/```hcl\n([\s\S]*?)```/g)].map((m) => m[1]!), imports ?? ''];
  expect(snippets).toHaveLength(2);
  for (const s of snippets) await parseHcl(s);
  const app = topologyApp(path.join(ROOT, HELLO), () => Testing.app());
  if (!app.ok) throw new Error(app.message);
  const json = JSON.parse(Testing.synth(app.stack)) as { resource: Record<string, Record<string, { name?: string }>> };
  const name = Object.entries(json.resource.vault_identity_entity).find(([, b]) => b.name === 'end-user')![0];
  expect(snippets[1]).toContain(`to = vault_identity_entity.${name}\n`);
  expect(snippets[1]).toContain(`id = "${ENTITY}"`);
});
