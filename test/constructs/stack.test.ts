import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, LocalBackend, S3Backend, Testing } from 'cdktf';
// Through the package index, so the public exports are exercised too.
import { A2aVaultTopology, AgentTopologyStack } from '../../lib/constructs';
import { compile } from '../../lib/plan/compile';
import type { AccessPlan } from '../../lib/plan/types';
import { TopologyValidationError } from '../../lib/topology';
import { helloWorld } from '../support/normalized';
import { helloWorldPlan, mixedPlan, reversedPlan } from '../support/plans';
import { synthStack, type TerraformJson } from '../support/synth';

function synth(stack: AgentTopologyStack): TerraformJson {
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** Synthesizes a plan the way `cdktf synth` does (real App, files on disk), then cleans up. */
function fullSynth(plan: AccessPlan): { text: string; manifest: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-synth-'));
  try {
    const app = new App({ outdir });
    new AgentTopologyStack(app, plan.name, { topology: helloWorld(), compile: () => plan });
    app.synth();
    const text = fs.readFileSync(path.join(outdir, 'stacks', plan.name, 'cdk.tf.json'), 'utf8');
    return { text, manifest: fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'), outdir };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('AgentTopologyStack', () => {
  test('configures the Vault provider (address only, no credentials) and a relative local backend', () => {
    const json = synth(new AgentTopologyStack(Testing.app(), 'hello-world', { topology: helloWorld() }));
    expect(json.provider).toEqual({ vault: [{ address: 'https://vault.example.com:8200' }] });
    expect(json.terraform).toEqual({
      backend: { local: { path: '../../../terraform.hello-world.tfstate' } },
      required_providers: { vault: { source: 'hashicorp/vault', version: '5.6.0' } },
    });
  });

  test('sets the provider namespace from the plan', () => {
    const plan: AccessPlan = { ...helloWorldPlan(), vault: { ...helloWorldPlan().vault, namespace: 'team-a' } };
    const json = synth(new AgentTopologyStack(Testing.app(), 'hello-world', { topology: helloWorld(), compile: () => plan }));
    expect(json.provider).toEqual({ vault: [{ address: 'https://vault.example.com:8200', namespace: 'team-a' }] });
  });

  test('accepts any CDKTF backend', () => {
    const stack = new AgentTopologyStack(Testing.app(), 'hello-world', {
      topology: helloWorld(),
      backend: (s) => new S3Backend(s, { bucket: 'state', key: 'a2a/hello-world.tfstate', region: 'eu-west-1' }),
    });
    expect(synth(stack).terraform?.backend).toEqual({ s3: { bucket: 'state', key: 'a2a/hello-world.tfstate', region: 'eu-west-1' } });
    expect(stack.backend).toBeInstanceOf(S3Backend);
    expect(stack.backend).not.toBeInstanceOf(LocalBackend);
  });

  test("by default renders the project compiler's plan: the same resources as the hand-built scenario 1 plan", () => {
    const stack = new AgentTopologyStack(Testing.app(), 'hello-world', { topology: helloWorld() });
    // The loader's fixture has no group description; everything else matches the hand-built plan.
    const expected = { ...helloWorldPlan(), groups: [{ name: 'agent', members: ['end-user'] }] };
    expect(synth(stack).resource).toEqual(synthStack((s) => new A2aVaultTopology(s, 'topology', { plan: expected })).resource);
    expect(stack.plan).toEqual(compile(helloWorld()));
  });
});

describe('deterministic output', () => {
  test('synthesizing twice gives byte-identical cdk.tf.json without absolute paths', () => {
    const first = fullSynth(mixedPlan());
    const second = fullSynth(mixedPlan());
    expect(second.text).toBe(first.text);
    expect(first.text).not.toContain(process.cwd());
    expect(first.text).not.toContain(first.outdir);
    expect(first.text).not.toContain(os.tmpdir());
    expect(first.manifest).toBe(second.manifest);
    expect(first.manifest).not.toContain(first.outdir);
  });

  test('a plan listing everything in reverse order gives the same bytes', () => {
    expect(fullSynth(reversedPlan(mixedPlan())).text).toBe(fullSynth(mixedPlan()).text);
  });

  test('adding a client agent only adds resources: existing addresses and bodies are unchanged', () => {
    const before = JSON.parse(fullSynth(helloWorldPlan()).text) as TerraformJson;
    const plan = mixedPlan();
    const after = JSON.parse(fullSynth({ ...plan, name: 'hello-world', key: { ...plan.key, name: 'hello-world' } }).text) as TerraformJson;
    for (const [type, byName] of Object.entries(before.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) expect(after.resource?.[type]?.[name]).toEqual(body);
    }
  });
});

describe('a topology that did not go through the plan checks (TypeScript users)', () => {
  test('two agents bound to one service account: the stack refuses to build, naming both entries', () => {
    const t = helloWorld();
    const client = t.agents.find((a) => a.name === 'test-client')!;
    const twin = { ...client, name: 'twin', oidc: undefined, calls: [], headless: false };
    const build = () => new AgentTopologyStack(Testing.app(), 'twins', { topology: { ...t, agents: [...t.agents, twin] } });
    expect(build).toThrow(TopologyValidationError);
    expect(build).toThrow(
      'agents.twin.login: the login of agent "test-client" and the login of agent "twin" both admit service account "test-client" in namespace "default" on auth mount "kubernetes"',
    );
    expect(build).toThrow('See also agents.test-client.login.');
  });
});
