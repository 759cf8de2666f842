/**
 * Every example's `vault-a2a synth --hcl` output (the same function the CLI runs): parses with
 * HashiCorp's parser to exactly the configuration of its `--json` output, and `terraform fmt
 * -check` leaves it unchanged (when a terraform binary is on PATH; only fmt is used, which needs
 * no providers).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { synthTopologyFile, topologyApp } from '../../lib/app';
import { hclSchemaOf } from '../../lib/constructs/hcl';
import { expectedHcl2json, parseHcl, terraformFmtCheck, withTerraform } from '../support/hcl';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'examples', d, 'topology.yaml')))
  .sort();

function synthFile(file: string, hcl: boolean): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-hcl-'));
  try {
    const r = synthTopologyFile(file, out, { hcl });
    if (!r.ok) throw new Error(r.message);
    return fs.readFileSync(path.join(out, 'stacks', r.stackName, hcl ? 'cdk.tf' : 'cdk.tf.json'), 'utf8');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const hclByExample: Record<string, string> = {};

test('there are examples to check', () => {
  expect(EXAMPLES).toEqual(expect.arrayContaining(['delegation', 'hello-world', 'agent-registry']));
});

describe.each(EXAMPLES)('examples/%s', (example) => {
  const file = path.join(ROOT, 'examples', example, 'topology.yaml');

  test('cdk.tf parses with HashiCorp\'s parser to what cdk.tf.json says', async () => {
    const hcl = synthFile(file, true);
    hclByExample[example] = hcl;
    const json = JSON.parse(synthFile(file, false)) as unknown;
    const app = topologyApp(file, () => Testing.app());
    if (!app.ok) throw new Error(app.message);
    expect(await parseHcl(hcl)).toEqual(expectedHcl2json(json, hclSchemaOf(app.stack)));
  });
});

withTerraform('terraform fmt -check exits 0 on every example\'s cdk.tf', () => {
  expect(Object.keys(hclByExample).sort()).toEqual(EXAMPLES);
  const r = terraformFmtCheck(Object.fromEntries(Object.entries(hclByExample).map(([e, hcl]) => [`${e}.tf`, hcl])));
  expect(r.output).toBe('');
  expect(r.code).toBe(0);
});
