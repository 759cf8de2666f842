/**
 * `vault-a2a adopt <dir>`: an organization's principals are looked up in their stacks' Vault
 * namespaces (the script runs against a stand-in `vault` answering per namespace), and each
 * import block is written into the stack that creates the object: a user's entity into the
 * shared stack, an agent's into its team's (or shard's) stack, at the addresses synth writes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { organizationAdoptionFromLookups } from '../../lib/constructs/adoption';
import { compile } from '../../lib/plan/compile';
import { shardOf } from '../../lib/plan/organization';
import { parseHcl } from '../support/hcl';
import { expense } from '../support/normalized';
import { vaultA2a } from '../cli/run';
import { ORG, server, writeTree } from './support';

const EXAMPLE = 'examples/organization';

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-org-adopt-'))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** An entity as `vault write -format=json identity/lookup/entity` prints it. */
function entity(id: string, aliasId: string, alias: string, mount: string): { data: { id: string; name: string; aliases: object[] } } {
  return { data: { id, name: `entity_${id.slice(0, 8)}`, aliases: [{ id: aliasId, canonical_id: id, mount_path: `auth/${mount}/`, name: alias }] } };
}

const ALICE = entity('11111111-0000-4000-8000-000000000001', '11111111-0000-4000-8000-0000000000a1', 'alice', 'userpass');
const EXPENSE = entity('22222222-0000-4000-8000-000000000002', '22222222-0000-4000-8000-0000000000a2', 'finance/expense', 'kubernetes');
const PAPERS = entity('33333333-0000-4000-8000-000000000003', '33333333-0000-4000-8000-0000000000a3', 'research/papers', 'kubernetes');

/**
 * A stand-in `vault`: the root namespace has three auth mounts, namespace "research" its own
 * kubernetes mount (another accessor). alice and expense logged in before (root), papers in
 * research; a lookup of papers' alias with the root accessor finds nothing, as in Vault.
 */
function fakeVault(dir: string): void {
  const root = JSON.stringify({ 'kubernetes/': { accessor: 'auth_kubernetes_root' }, 'jwt-spiffe/': { accessor: 'auth_jwt_root' }, 'userpass/': { accessor: 'auth_userpass_root' } });
  const research = JSON.stringify({ 'kubernetes/': { accessor: 'auth_kubernetes_research' } });
  const answer = (ns: string, alias: string, accessor: string, body: object) =>
    `if [ "\${VAULT_NAMESPACE:-}" = "${ns}" ] && [ "$1" = "write" ] && [ "$4" = "alias_name=${alias}" ] && [ "$5" = "alias_mount_accessor=${accessor}" ]; then echo '${JSON.stringify(body)}'; exit 0; fi`;
  fs.writeFileSync(
    path.join(dir, 'vault'),
    [
      '#!/bin/sh',
      `if [ "$1 $2" = "auth list" ] && [ -z "\${VAULT_NAMESPACE:-}" ]; then echo '${root}'; exit 0; fi`,
      `if [ "$1 $2" = "auth list" ] && [ "\${VAULT_NAMESPACE:-}" = "research" ]; then echo '${research}'; exit 0; fi`,
      answer('', 'alice', 'auth_userpass_root', ALICE),
      answer('', 'finance/expense', 'auth_kubernetes_root', EXPENSE),
      answer('research', 'research/papers', 'auth_kubernetes_research', PAPERS),
      'if [ "$1" = "write" ]; then echo "Success! Data written to: identity/lookup/entity"; exit 0; fi',
      'exit 2',
    ].join('\n'),
    { mode: 0o755 },
  );
}

type StackJson = { resource: Record<string, Record<string, { name?: string }>> };

function stackJson(out: string, stack: string): StackJson {
  return JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackJson;
}

/** The import blocks of `<out>/stacks/<stack>/imports.tf`, as HashiCorp's parser reads them: [type, principal name, id]. */
async function importsOf(out: string, stack: string): Promise<[string, string, string][]> {
  const hcl = fs.readFileSync(path.join(out, 'stacks', stack, 'imports.tf'), 'utf8');
  const parsed = (await parseHcl(hcl)) as { import: { to: string; id: string }[] };
  const json = stackJson(out, stack);
  return parsed.import.map((i) => {
    const [type, name] = /^\$\{(.+)\}$/.exec(i.to)![1]!.split('.') as [string, string];
    // The address names a resource of this very stack.
    expect(json.resource[type]).toHaveProperty([name]);
    return [type, json.resource[type]![name]!.name!, i.id];
  });
}

const tools = ['sh', 'jq'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
const withTools = tools ? test : test.skip;

describe('examples/organization', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-org-adopt-out-'));
  const lookups = path.join(out, '..', `${path.basename(out)}-lookups.json`);
  beforeAll(async () => {
    expect((await vaultA2a(['synth', EXAMPLE, '--out', out])).code).toBe(0);
    fs.writeFileSync(lookups, JSON.stringify([{ alias: 'alice', mount: 'userpass', entity: ALICE.data }, { alias: 'finance/expense', mount: 'kubernetes', entity: EXPENSE.data }, { alias: 'research/papers', mount: 'kubernetes', namespace: 'research', entity: PAPERS.data }]));
  });
  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(lookups, { force: true });
  });

  withTools("the script looks each stack's principals up in the stack's namespace; its output names the namespace", async () => {
    fakeVault(tmp);
    const script = await vaultA2a(['adopt', EXAMPLE, '--script']);
    expect(script).toMatchObject({ code: 0, stderr: '' });
    expect(script.stdout).toContain("lookup 'research/papers' 'kubernetes' \"$acc_3\" 'research'  # agent papers");
    fs.writeFileSync(path.join(tmp, 'lookup.sh'), script.stdout);
    const run = spawnSync('sh', [path.join(tmp, 'lookup.sh')], { encoding: 'utf8', env: { ...process.env, VAULT_NAMESPACE: '', PATH: `${tmp}:${process.env.PATH}` } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(fs.readFileSync(lookups, 'utf8')));
  });

  test('imports.tf in each stack that creates an adopted principal: alice in the shared stack, expense and papers in their teams', async () => {
    const r = await vaultA2a(['adopt', EXAMPLE, '--lookups', lookups, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['acme', 'acme.finance', 'acme.research'].map((s) => path.join(out, 'stacks', s, 'imports.tf')));
    expect(r.stderr).toContain(`adopted: alice [stack acme] (entity ${ALICE.data.id}, alias ${ALICE.data.aliases[0]!['id' as keyof object]})`);
    expect(r.stderr).toContain('adopted: papers [stack acme.research]');
    expect(r.stderr).toContain('not in Vault yet (created on apply): bookkeeper [stack acme.travel]');
    expect(await importsOf(out, 'acme')).toEqual([
      ['vault_identity_entity', 'alice', ALICE.data.id],
      ['vault_identity_entity_alias', 'alice', '11111111-0000-4000-8000-0000000000a1'],
    ]);
    expect(await importsOf(out, 'acme.finance')).toEqual([
      ['vault_identity_entity', 'expense', EXPENSE.data.id],
      ['vault_identity_entity_alias', 'finance/expense', '22222222-0000-4000-8000-0000000000a2'],
    ]);
    expect(await importsOf(out, 'acme.research')).toEqual([
      ['vault_identity_entity', 'papers', PAPERS.data.id],
      ['vault_identity_entity_alias', 'research/papers', '33333333-0000-4000-8000-0000000000a3'],
    ]);
    expect(fs.existsSync(path.join(out, 'stacks', 'acme.travel', 'imports.tf'))).toBe(false);
    // Without --out: each stack's file, in one listing.
    const shown = await vaultA2a(['adopt', EXAMPLE, '--lookups', lookups]);
    expect(shown.code).toBe(0);
    const sections = shown.stdout.split(/^# ==> stacks\/(.+)\/imports\.tf <==\n/m);
    expect(sections.filter((_, i) => i % 2 === 1)).toEqual(['acme', 'acme.finance', 'acme.research']);
    expect(sections[2]).toBe(`${fs.readFileSync(path.join(out, 'stacks', 'acme', 'imports.tf'), 'utf8')}\n`);
  });

  test('a lookup found in the wrong namespace adopts nobody: ignored, as for a single file', async () => {
    const wrong = path.join(tmp, 'wrong.json');
    fs.writeFileSync(wrong, JSON.stringify([{ alias: 'research/papers', mount: 'kubernetes', namespace: 'finance', entity: PAPERS.data }]));
    const r = await vaultA2a(['adopt', EXAMPLE, '--lookups', wrong, '--out', tmp]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain(`ignored: Vault entity ${PAPERS.data.id} (entity_33333333): no alias of a principal of organization "acme" in namespace "finance"`);
    expect(r.stderr).toContain('nothing to adopt; nothing written');
  });

  describe('refused: exit 2, every problem at once, nothing written', () => {
    test('--out a file; a bad id among the lookups', async () => {
      const bad = path.join(tmp, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify([ALICE, { ...EXPENSE.data, id: '${var.x}' }]));
      const r = await vaultA2a(['adopt', EXAMPLE, '--lookups', bad, '--out', path.join(tmp, 'imports.tf.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('lookups[1]: "id" "${var.x}" is not a Vault entity id');
      expect(r.stderr).toContain('is a topology directory, whose imports go into several stacks, so --out names the synth output directory');
      expect(fs.readdirSync(tmp)).toEqual(['bad.json']);
    });

    test('an --out that synth has not written: every missing stack directory named', async () => {
      const empty = path.join(tmp, 'empty');
      fs.mkdirSync(empty);
      const r = await vaultA2a(['adopt', EXAMPLE, '--lookups', lookups, '--out', empty]);
      expect(r.code).toBe(2);
      for (const s of ['acme', 'acme.finance', 'acme.research']) expect(r.stderr).toContain(`no stack directory ${path.join(empty, 'stacks', s)} for the imports of stack ${s}`);
      expect(r.stderr).toContain(`Fix: synthesize first (vault-a2a synth ${EXAMPLE} --out ${empty})`);
      expect(fs.readdirSync(empty)).toEqual([]);
    });

    test('an invalid directory: every issue with file:line:col', async () => {
      const dir = writeTree({ 'org.yaml': ORG, 'teams/a.yaml': `agents:\n${server('api')}    colour: blue\n`, 'teams/b.yaml': `agents:\n${server('api')}` });
      const r = await vaultA2a(['adopt', dir, '--script']);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toContain(`${dir}/teams/a.yaml:7:5: agents.api.colour: unknown field "colour"`);
      expect(r.stderr).toMatch(new RegExp(`${dir}/teams/b\\.yaml:2:3: .*${dir}/teams/a\\.yaml:2:3`));
    });
  });
});

test('a sharded team: each adopted agent goes to the shard stack that creates it; bare entities as `vault read` prints them', async () => {
  const agents = ['api', 'billing', 'catalog', 'docs', 'events', 'feeds'];
  const dir = writeTree({ 'org.yaml': ORG, 'teams/shop.yaml': `shards: 2\nagents:\n${agents.map((a) => server(a)).join('')}` });
  const stackOf = (a: string) => (shardOf(a, 2) === 1 ? 'acme.shop' : 'acme.shop.2');
  // Agents on both shards (the fixture is only meaningful if the hash spreads them).
  const adopted = ['api', 'catalog', 'events', 'feeds'];
  expect(new Set(adopted.map(stackOf)).size).toBe(2);
  const out = path.join(tmp, 'out');
  expect((await vaultA2a(['synth', dir, '--out', out])).code).toBe(0);
  const ids = (i: number) => [`aaaaaaaa-0000-4000-8000-00000000000${i}`, `bbbbbbbb-0000-4000-8000-00000000000${i}`] as const;
  const bare = adopted.map((a, i) => entity(ids(i)[0], ids(i)[1], `apps/${a}`, 'kubernetes').data);
  fs.writeFileSync(path.join(tmp, 'lookups.json'), JSON.stringify([...bare, entity(ids(9)[0], ids(9)[1], 'alice', 'userpass')]));
  const r = await vaultA2a(['adopt', dir, '--lookups', path.join(tmp, 'lookups.json'), '--out', out]);
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').filter(Boolean)).toEqual(['acme', 'acme.shop', 'acme.shop.2'].map((s) => path.join(out, 'stacks', s, 'imports.tf')));
  expect(await importsOf(out, 'acme')).toEqual([
    ['vault_identity_entity', 'alice', ids(9)[0]],
    ['vault_identity_entity_alias', 'alice', ids(9)[1]],
  ]);
  for (const stack of ['acme.shop', 'acme.shop.2']) {
    const expected = adopted.flatMap((a, i) =>
      stackOf(a) === stack
        ? [
            ['vault_identity_entity', a, ids(i)[0]],
            ['vault_identity_entity_alias', `apps/${a}`, ids(i)[1]],
          ]
        : [],
    );
    expect((await importsOf(out, stack)).sort()).toEqual(expected.sort());
  }
});

test('one alias in two namespaces: the namespace a lookup names decides; an entity without one is ambiguous and refused', () => {
  // Validation keeps aliases unique across an organization; the matching does not rely on it.
  const plan = compile(expense());
  const one = plan.entities.find((e) => e.name === 'expense')!;
  const stacks = ['x', 'y'].map((ns) => ({
    name: `org.${ns}`,
    plan: { ...plan, vault: { ...plan.vault, namespace: ns }, entities: [{ ...one, name: `expense-${ns}` }] },
  }));
  const found = entity('cccccccc-0000-4000-8000-000000000001', 'dddddddd-0000-4000-8000-000000000001', 'finance/expense', 'kubernetes');
  const inY = organizationAdoptionFromLookups(stacks, 'org', [{ alias: 'finance/expense', mount: 'kubernetes', namespace: 'y', entity: found.data }]);
  expect(inY).toMatchObject({ adopted: ['expense-y'], notFound: ['expense-x'], problems: [] });
  expect([...inY.byStack.keys()]).toEqual(['org.y']);
  const bare = organizationAdoptionFromLookups(stacks, 'org', [found]);
  expect(bare.adopted).toEqual([]);
  expect(bare.problems).toEqual([
    `lookups[0]: Vault entity ${found.data.id} (entity_cccccccc): alias "finance/expense" on auth/kubernetes is expense-x's in namespace "x" and expense-y's in namespace "y"; give the lookup script's output, whose entries name the namespace they were found in`,
  ]);
});
