/** The CLI with a topology directory: validate, synth, stacks, check --topology, diff, and the cdktf app. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { main } from '../../stacks/main';
import { vaultA2a } from '../cli/run';
import { copyExample, filesUnder, ORG, server, writeTree } from './support';

const EXAMPLE = 'examples/organization';


function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-org-cli-'));
}

describe('vault-a2a with a topology directory', () => {
  const out = scratch();
  beforeAll(async () => {
    const r = await vaultA2a(['synth', EXAMPLE, '--out', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['acme', 'acme.finance', 'acme.research', 'acme.travel'].map((s) => path.join(out, 'stacks', s, 'cdk.tf.json')));
  });

  test('validate accepts the directory; a broken team file exits 2 with every issue in its file', async () => {
    expect(await vaultA2a(['validate', EXAMPLE])).toMatchObject({ code: 0 });
    const dir = writeTree({ 'org.yaml': ORG, 'teams/a.yaml': `agents:\n${server('api')}    colour: blue\n`, 'teams/b.yaml': 'agents:\n  x: { calls: [{ agent: nope, grants: ["a:b"] }] }\n' });
    const r = await vaultA2a(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/teams/a.yaml:7:5: agents.api.colour: unknown field "colour"`);
    expect(r.stderr).toContain(`${dir}/teams/b.yaml:2:6: agents.x.login: is required`);
  });

  test('stacks lists resources, key clients, namespaces, dependencies, state and the deploy order', async () => {
    const r = await vaultA2a(['stacks', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '| stack | resources | agents | key clients | namespace | depends on | state |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| acme | 7 | 0 | 0 | - | - | s3://acme-terraform-state/vault-a2a/acme.tfstate |',
        '| acme.finance | 17 | 2 | 1 | - | acme | s3://acme-terraform-state/vault-a2a/acme.finance.tfstate |',
        '| acme.research | 12 | 2 | 1 | research | acme | s3://acme-terraform-state/vault-a2a/acme.research.tfstate |',
        '| acme.travel | 13 | 2 | 2 | - | acme | s3://acme-terraform-state/vault-a2a/acme.travel.tfstate |',
        '',
        'deploy order: acme → acme.finance → acme.research → acme.travel',
        'ceilings: 5000 resources per stack, 1000 clients per key',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await vaultA2a(['stacks', EXAMPLE, '--format', 'json'])).stdout) as { stacks: { name: string; resources: number }[]; deployOrder: string[] };
    expect(json.deployOrder).toEqual(['acme', 'acme.finance', 'acme.research', 'acme.travel']);
    // The counts are what synth writes.
    for (const s of json.stacks) {
      const doc = JSON.parse(fs.readFileSync(path.join(out, 'stacks', s.name, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, object> };
      expect(Object.values(doc.resource).reduce((n, byId) => n + Object.keys(byId).length, 0)).toBe(s.resources);
    }
  });

  test('check --topology <dir> reads every stack with its part of the plan: zero findings', async () => {
    expect(await vaultA2a(['check', out, '--topology', EXAMPLE])).toMatchObject({ code: 0, stdout: 'vault-a2a check: 4 stacks checked, no findings.\n' });
  });

  test('check --topology <dir> catches a hand edit in one team stack that widens access', async () => {
    const edited = scratch();
    fs.cpSync(out, edited, { recursive: true });
    const file = path.join(edited, 'stacks', 'acme.travel', 'cdk.tf.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource: { vault_policy: Record<string, { policy: string }> } };
    const policy = Object.values(doc.resource.vault_policy).find((p) => p.policy.includes('travel-planner'))!;
    policy.policy = policy.policy.replace('identity/oidc/token/travel-planner.expense', 'identity/oidc/token/bookkeeper.expense');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await vaultA2a(['check', edited, '--topology', EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/A2A-INTENT-EXCESS/);
    expect(r.stdout).toMatch(/acme\.travel/);
  });

  test("a team stack writing another team's Vault object (same Vault, another state) fails check and diff: the last apply wins", async () => {
    const edited = scratch();
    fs.cpSync(out, edited, { recursive: true });
    const file = path.join(edited, 'stacks', 'acme.finance', 'cdk.tf.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource: { vault_policy: Record<string, { name: string; policy: string }> } };
    // Exact paths only, so no pattern rule sees it: travel's bookkeeper policy, rewritten by finance's state.
    doc.resource.vault_policy.takeover = {
      name: 'a2a-agent-bookkeeper',
      policy: 'path "identity/oidc/token/bookkeeper.expense" {\n  capabilities = ["read"]\n}\n\npath "identity/oidc/client/expense-portal" {\n  capabilities = ["read"]\n}\n',
    };
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await vaultA2a(['check', edited, '--topology', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout) as { findings: { rule: string; stack: string; resource: string; message: string }[] };
    const unreadable = findings.filter((f) => f.rule === 'A2A-MODEL-UNREADABLE').map((f) => [f.stack, f.resource, f.message.split(':')[0]]);
    expect(unreadable).toEqual([
      ['acme.finance', 'vault_policy.takeover', 'duplicate name across stacks'],
      ['acme.travel', expect.stringMatching(/^vault_policy\.topology_policy-a2a-agent-bookkeeper_/), 'duplicate name across stacks'],
    ]);
    expect(findings.find((f) => f.stack === 'acme.travel')!.message).toContain('vault_policy.takeover in stack acme.finance');
    expect((await vaultA2a(['diff', out, edited, '--fail-on-escalation'])).code).toBe(1);
    // Stacks in another namespace are another Vault object space: the research team's copy collides with nobody.
    const research = path.join(edited, 'stacks', 'acme.research', 'cdk.tf.json');
    const other = JSON.parse(fs.readFileSync(research, 'utf8')) as { provider: { vault: { namespace?: string }[] }; resource: { vault_policy: Record<string, object> } };
    expect(other.provider.vault[0]!.namespace).toBe('research');
    fs.writeFileSync(file, JSON.stringify({ ...doc, resource: { ...doc.resource, vault_policy: Object.fromEntries(Object.entries(doc.resource.vault_policy).filter(([k]) => k !== 'takeover')) } }));
    other.resource.vault_policy.copy = { name: 'a2a-agent-bookkeeper', policy: 'path "identity/oidc/token/bookkeeper.expense" {\n  capabilities = ["read"]\n}\n' };
    fs.writeFileSync(research, JSON.stringify(other));
    const again = JSON.parse((await vaultA2a(['check', edited, '--format', 'json'])).stdout) as { findings: { rule: string }[] };
    expect(again.findings.filter((f) => f.rule === 'A2A-MODEL-UNREADABLE')).toEqual([]);
  });

  test('check --topology <dir> with a stack of the organization missing cannot prove access: exit 2', async () => {
    const r = await vaultA2a(['check', path.join(out, 'stacks', 'acme.travel'), '--topology', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the organization's stacks acme, acme.finance, acme.research are not among the stacks given");
  });

  test('diff pairs the stacks by name and shows an agent moved to another team as moved', async () => {
    const moved = copyExample();
    const travel = fs.readFileSync(path.join(moved, 'teams/travel.yaml'), 'utf8');
    const at = travel.indexOf('  bookkeeper:');
    fs.writeFileSync(path.join(moved, 'teams/travel.yaml'), travel.slice(0, at));
    fs.appendFileSync(path.join(moved, 'teams/finance.yaml'), travel.slice(at));
    const after = scratch();
    expect((await vaultA2a(['synth', moved, '--out', after])).code).toBe(0);
    const r = await vaultA2a(['diff', out, after, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { moved: { principalName: string; from: string[]; to: string[] }[]; stacks: { stack: string; access: { classification: string; note?: string }[] }[] };
    expect(report.moved.map((m) => [m.principalName, m.from, m.to])).toContainEqual(['bookkeeper', ['acme.travel'], ['acme.finance']]);
    const rows = report.stacks.flatMap((s) => s.access);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ classification: 'neutral', note: expect.stringMatching(/^moved (from|to) stack acme\.(travel|finance)$/) });
    const md = await vaultA2a(['diff', out, after]);
    expect(md.stdout).toContain('### Moved between stacks');
  });

  test('graph and access read the stacks of one namespace together: who signs in where across stacks', async () => {
    const fromTopology = await vaultA2a(['graph', EXAMPLE]);
    const fromStacks = await vaultA2a(['graph', out]);
    expect(fromTopology.code).toBe(0);
    expect(fromStacks).toMatchObject({ code: 0, stdout: fromTopology.stdout, stderr: '' });
    expect(fromStacks.stdout).toContain('u_bob -->|"signs in"| a_expense_portal');
    const access = JSON.parse((await vaultA2a(['access', out, '--format', 'json'])).stdout) as { stacks: { stack: string }[] };
    expect(access.stacks.map((s) => s.stack)).toEqual(['acme + acme.finance + acme.travel', 'acme.research']);
    const md = (await vaultA2a(['access', out])).stdout;
    expect(md).toMatch(/### User `bob`\n(.*\n)*\| Sign-in \| through client `expense-portal`/);
  });

  test.each([false, true])(
    'TOPOLOGY=<dir> cdktf synth builds one stack per App and writes the bytes vault-a2a synth writes, manifest (with the dependencies) included (hcl: %s)',
    async (hcl) => {
      const outdir = scratch();
      const stacksPerApp: number[] = [];
      const synth = App.prototype.synth;
      const spy = jest.spyOn(App.prototype, 'synth').mockImplementation(function (this: App) {
        stacksPerApp.push(this.node.findAll().filter((c) => TerraformStack.isStack(c)).length);
        synth.call(this);
      });
      try {
        expect(main({ TOPOLOGY: EXAMPLE, CDKTF_OUTDIR: outdir, ...(hcl ? { SYNTH_HCL_OUTPUT: 'true' } : {}) }, () => undefined)).toBe(0);
      } finally {
        spy.mockRestore();
      }
      expect(stacksPerApp).toEqual([1, 1, 1, 1]);
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[]; synthesizedStackPath: string }> };
      expect(Object.fromEntries(Object.entries(manifest.stacks).map(([n, s]) => [n, s.dependencies]))).toEqual({
        acme: [],
        'acme.finance': ['acme'],
        'acme.research': ['acme'],
        'acme.travel': ['acme'],
      });
      expect(Object.values(manifest.stacks).every((s) => s.synthesizedStackPath.endsWith(hcl ? 'cdk.tf' : 'cdk.tf.json'))).toBe(true);
      const cli = scratch();
      expect((await vaultA2a(['synth', EXAMPLE, '--out', cli, ...(hcl ? ['--hcl'] : [])])).code).toBe(0);
      const expected = filesUnder(cli);
      expect([...filesUnder(outdir).entries()]).toEqual([...expected.entries()]);
      expect(expected.size).toBe(1 + 4 * (hcl ? 2 : 1));
    },
  );

  test('TOPOLOGY=<dir> cdktf synth refusing the directory leaves CDKTF_OUTDIR as it was', () => {
    const outdir = scratch();
    fs.writeFileSync(path.join(outdir, 'keep'), 'x');
    const dir = writeTree({ 'org.yaml': ORG, 'teams/a.yaml': `agents:\n${server('api')}`, 'teams/b.yaml': `agents:\n${server('api')}` });
    let printed = '';
    expect(main({ TOPOLOGY: dir, CDKTF_OUTDIR: outdir }, (t) => (printed += t))).toBe(2);
    expect(printed).toContain(`${dir}/teams/b.yaml:2:3`);
    expect(fs.readdirSync(outdir)).toEqual(['keep']);
  });
});
