/**
 * `check`, `access` and `diff` read Terraform plans as JSON (`terraform show -json`), on plan
 * documents written in Terraform's documented format (test/support/terraform-plan.ts): after an
 * apply (every value known) they see what the synthesized stack says; before the first apply,
 * values known only after apply are unevaluable, and the checks fail closed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configurationFromPlan, isTerraformPlanJson } from '../../lib/analysis/plan-json';
import { vaultA2a } from '../cli/run';
import { planDocument } from '../support/terraform-plan';

const EXAMPLE = 'examples/organization';
type Obj = Parameters<typeof planDocument>[0];

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-plan-'));
}

/** One `<stack>.plan.json` per synthesized stack of `out`, in a new directory. */
function writePlans(out: string, mode: 'update' | 'create', edit?: (stack: string, plan: Obj) => void): string {
  const dir = scratch();
  for (const stack of fs.readdirSync(path.join(out, 'stacks'))) {
    const plan = planDocument(JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Obj, mode);
    edit?.(stack, plan);
    fs.writeFileSync(path.join(dir, `${stack}.plan.json`), JSON.stringify(plan, null, 1));
  }
  return dir;
}

const plansIn = (dir: string) => fs.readdirSync(dir).sort().map((f) => path.join(dir, f));

describe('plans as JSON', () => {
  const out = scratch();
  beforeAll(async () => expect((await vaultA2a(['synth', EXAMPLE, '--out', out])).code).toBe(0));

  test('a plan after apply: check --topology finds exactly what it finds on the synthesized stacks (nothing)', async () => {
    const plans = writePlans(out, 'update');
    expect(await vaultA2a(['check', ...plansIn(plans), '--topology', EXAMPLE])).toMatchObject({ code: 0, stdout: 'vault-a2a check: 4 stacks checked, no findings.\n' });
  });

  test('access reads the same access from the plan as from the stack', async () => {
    const plans = writePlans(out, 'update');
    const fromPlan = JSON.parse((await vaultA2a(['access', path.join(plans, 'acme.finance.plan.json'), '--format', 'json'])).stdout) as { stacks: unknown[] };
    const fromStack = JSON.parse((await vaultA2a(['access', path.join(out, 'stacks', 'acme.finance'), '--format', 'json'])).stdout) as { stacks: unknown[] };
    const withoutFiles = (r: { stacks: unknown[] }) => JSON.stringify(r.stacks).replace(/"file":"[^"]*",?/g, '');
    expect(withoutFiles(fromPlan)).toBe(withoutFiles(fromStack));
  });

  test('diff between the stacks and the plans pairs them by name and finds no access change', async () => {
    const plans = writePlans(out, 'update');
    const r = await vaultA2a(['diff', out, plans, '--format', 'json', '--fail-on-escalation']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { summary: { gained: number; escalations: number; reductions: number }; stacks: { stack: string }[] };
    expect(report.summary).toMatchObject({ gained: 0, escalations: 0, reductions: 0 });
    expect(report.stacks.map((s) => s.stack)).toEqual(['acme', 'acme.finance', 'acme.research', 'acme.travel']);
  });

  test('a planned policy that reads more than intended is caught', async () => {
    const plans = writePlans(out, 'update', (stack, plan) => {
      if (stack !== 'acme.travel') return;
      const resources = ((plan.planned_values as Obj).root_module as Obj).resources as Obj[];
      const policy = resources.find((r) => r.type === 'vault_policy' && String((r.values as Obj).name).includes('travel-planner'))!;
      (policy.values as Obj).policy = String((policy.values as Obj).policy).replace('identity/oidc/token/travel-planner.expense', 'identity/oidc/token/*');
    });
    const r = await vaultA2a(['check', ...plansIn(plans), '--topology', EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/acme\.travel .*\n(.*\n)*.*A2A-INTENT-EXCESS/);
  });

  test('before the first apply, ids are known only after apply: unevaluable, so the checks fail closed', async () => {
    const plans = writePlans(out, 'create');
    const plan = JSON.parse(fs.readFileSync(path.join(plans, 'acme.finance.plan.json'), 'utf8')) as Obj;
    expect(isTerraformPlanJson(plan)).toBe(true);
    // The key's allowed client is the client's client_id, which Vault generates on create.
    const allowed = (configurationFromPlan(plan).document.resource as Obj).vault_identity_oidc_key_allowed_client_id as Obj;
    expect(JSON.stringify(allowed)).toContain('known_after_apply(');
    const r = await vaultA2a(['check', ...plansIn(plans), '--topology', EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error +A2A-INTENT-EXCESS .*not define/);
  });

  test('resources in child modules are not read: exit 2 naming the module', async () => {
    const dir = scratch();
    const plan = planDocument(JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'acme', 'cdk.tf.json'), 'utf8')) as Obj, 'update');
    ((plan.planned_values as Obj).root_module as Obj).child_modules = [{ address: 'module.extra', resources: [] }];
    fs.writeFileSync(path.join(dir, 'acme.plan.json'), JSON.stringify(plan));
    const r = await vaultA2a(['check', path.join(dir, 'acme.plan.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the plan has resources in child modules (module.extra), which are not read');
  });
});
