import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import type { AgentTopologyStack } from '../../lib/constructs';
import { DEFAULT_TOPOLOGY_FILE, main } from '../../stacks/main';
import type { TerraformJson } from '../support/synth';
import { findCycle, referenceGraph } from '../support/terraform-graph';

/** The stack for `file`; fails the test with the loader's message when the file is refused. */
function addTopologyStack(app: ReturnType<typeof Testing.app>, file: string): AgentTopologyStack {
  const result = topologyApp(file, () => app);
  if (!result.ok) throw new Error(result.message);
  return result.stack;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-main-'));
}

describe('stacks/main', () => {
  test('the default topology is the hello-world example, synthesized into a stack named after it', () => {
    const stack = addTopologyStack(Testing.app(), DEFAULT_TOPOLOGY_FILE);
    expect(stack.node.id).toBe('hello-world');
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    expect(Object.keys(json.resource ?? {})).toContain('vault_identity_oidc_provider');
    expect(json.terraform?.backend).toEqual({ local: { path: '../../../terraform.hello-world.tfstate' } });
  });

  test.each(fs.readdirSync('examples').map((d) => path.join('examples', d, 'topology.yaml')).filter((f) => fs.existsSync(f)))(
    '%s synthesizes without reference cycles or secrets in outputs',
    (file) => {
      const json = JSON.parse(Testing.synth(addTopologyStack(Testing.app(), file))) as TerraformJson;
      expect(findCycle(referenceGraph(json))).toBeUndefined();
      expect(JSON.stringify(json.output ?? {})).not.toMatch(/client_secret|secret_id/);
    },
  );

  test('TOPOLOGY selects the file; the stack is written under CDKTF_OUTDIR', () => {
    const outdir = tempDir();
    try {
      expect(main({ TOPOLOGY: 'examples/headless/topology.yaml', CDKTF_OUTDIR: outdir }, () => undefined)).toBe(0);
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'headless', 'cdk.tf.json'), 'utf8')) as TerraformJson;
      expect(Object.keys(json.resource ?? {})).toContain('vault_identity_oidc_role');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('an invalid topology prints the formatted issues without a stack trace and exits 2', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'version: 1\nvault: { address: https://vault.example.com }\nagents:\n  chat:\n    calls: [{ agent: nobody, grants: ["x:read"] }]\n');
    let printed = '';
    try {
      expect(main({ TOPOLOGY: file, CDKTF_OUTDIR: dir }, (t) => (printed += t))).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(printed).toContain('nobody');
    expect(printed).not.toMatch(/\n\s+at /);
  });

  test('a missing file exits 2 with a message', () => {
    const dir = tempDir();
    let printed = '';
    try {
      expect(main({ TOPOLOGY: 'no/such/topology.yaml', CDKTF_OUTDIR: dir }, (t) => (printed += t))).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(printed).toContain('no/such/topology.yaml');
    expect(printed).toContain('cannot read the topology file');
  });
});
