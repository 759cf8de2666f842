/**
 * What AgentTopologyStack does to synthesize at the cost of plain CDKTF (docs/performance.md):
 * one resolve per synthesis shared by the checks and the writer, no cross-stack preparing pass
 * when it is alone in its app, and no per-block construct metadata; the checks still fail
 * synthesis, and the output is the same JSON as cdktf's own resolve without that metadata.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Lazy, TerraformResource, TerraformStack, Testing } from 'cdktf';
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';
import { StackSynthesizer } from 'cdktf/lib/synthesize/synthesizer';
import { withoutTokenTraces } from '../../lib/constructs/token-traces';
import { AgentTopologyStack } from '../../lib/constructs';
import { suppressInDocument } from '../../lib/checks/document-suppressions';
import { helloWorld } from '../support/normalized';
import { normalizeTopology } from '../../lib/topology/load';
import { benchTopology } from '../../scripts/bench-topology';
import { exampleAndBenchTopologies } from '../support/example-topologies';

function inTempDir<T>(run: (outdir: string) => T): T {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-cost-'));
  try {
    return run(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

afterEach(() => jest.restoreAllMocks());

test('app.synth resolves the stack once for the checks and the file, and skips the preparing pass when the stack is alone', () => {
  const fragments = jest.spyOn(TerraformResource.prototype, 'toTerraform');
  const prepares = jest.spyOn(TerraformStack.prototype, 'prepareStack');
  let resources = 0;
  inTempDir((outdir) => {
    const app = new App({ outdir });
    const stack = new AgentTopologyStack(app, 'hello-world', { topology: helloWorld() });
    app.synth();
    expect(fs.existsSync(path.join(outdir, 'stacks', 'hello-world', 'cdk.tf.json'))).toBe(true);
    resources = stack.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)).length;
  });
  // Every resource rendered once: the checks read the document, the writer reused it.
  expect(resources).toBeGreaterThan(10);
  expect(fragments).toHaveBeenCalledTimes(resources);
  expect(prepares).not.toHaveBeenCalled();
});

test('with another stack in the app, the preparing pass runs as cdktf runs it', () => {
  const prepares = jest.spyOn(TerraformStack.prototype, 'prepareStack');
  inTempDir((outdir) => {
    const app = new App({ outdir });
    new AgentTopologyStack(app, 'hello-world', { topology: helloWorld() });
    new AgentTopologyStack(app, 'second', { topology: { ...helloWorld(), name: 'second' } });
    app.synth();
  });
  expect(prepares).toHaveBeenCalledTimes(2);
});

test('outside a synthesis every toTerraform resolves anew (nothing stale after a change)', () => {
  const stack = new AgentTopologyStack(Testing.app(), 'hello-world', { topology: helloWorld() });
  const before = stack.toTerraform();
  stack.addOverride('terraform.required_version', '>= 1.5');
  const after = stack.toTerraform() as { terraform: { required_version?: string } };
  expect(before).not.toBe(after);
  expect(after.terraform.required_version).toBe('>= 1.5');
});

test('blocks carry no construct metadata; other // entries and the stack metadata stay', () => {
  const stack = new AgentTopologyStack(Testing.app(), 'hello-world', { topology: helloWorld() });
  const policy = stack.topology.policies.get('a2a-agent-test-client') ?? [...stack.topology.policies.values()][0]!;
  suppressInDocument(policy.resource, [{ rule: 'A2A-RAR-OPTIONAL', reason: 'kept in the document' }]);
  const json = stack.toTerraform() as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  const comments = Object.values(json.resource!).flatMap((byName) => Object.values(byName).map((body) => body['//']));
  expect(comments.filter((c) => c !== undefined)).toEqual([{ a2a_suppressions: [{ rule: 'A2A-RAR-OPTIONAL', reason: 'kept in the document' }] }]);
  expect(JSON.stringify(json.data)).not.toContain('"//"');
  expect((json['//'] as unknown as { metadata: { stackName: string } }).metadata.stackName).toBe('hello-world');
});

test('an unsuppressed error-level finding still fails app.synth, and nothing is written for the stack', () => {
  inTempDir((outdir) => {
    const app = new App({ outdir });
    const stack = new AgentTopologyStack(app, 'hello-world', { topology: helloWorld() });
    const client = [...stack.topology.clients.values()][0]!;
    client.resource.addOverride('id_token_ttl', 86400);
    expect(() => app.synth()).toThrow(/A2A-TTL-OIDC-TOKEN/);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'hello-world', 'cdk.tf.json'))).toBe(false);
  });
});

/** cdktf's own toTerraform of `stack`, with the per-block `//` metadata the stack leaves out removed. */
function cdktfDocument(stack: AgentTopologyStack): unknown {
  const json = (TerraformStack.prototype.toTerraform as () => Record<string, unknown>).call(stack);
  for (const section of ['resource', 'data'] as const) {
    for (const byName of Object.values((json[section] ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const body of Object.values(byName)) {
        const comment = body['//'] as Record<string, unknown> | undefined;
        if (comment) delete comment.metadata;
        if (comment && Object.keys(comment).length === 0) delete body['//'];
      }
    }
  }
  return json;
}

test('the document is cdktf\'s own resolve of the stack, key order included, for every example and the bench topology', () => {
  const topologies = exampleAndBenchTopologies();
  for (const topology of topologies) {
    const stack = new AgentTopologyStack(Testing.app(), topology.name, { topology, checks: { enabled: false, reason: 'comparing documents' } });
    stack.addOverride('terraform.required_version', '>= 1.5');
    const ours = JSON.stringify(stack.toTerraform());
    expect(ours).toBe(JSON.stringify(cdktfDocument(stack)));
  }
});

test('the tokens the stack creates carry no creation trace; tokens made outside it keep theirs, also after a throw', () => {
  const traces = jest.spyOn(stackTrace, 'captureStackTrace');
  const stack = new AgentTopologyStack(Testing.app(), 'hello-world', { topology: helloWorld() });
  stack.toTerraform();
  expect(traces).not.toHaveBeenCalled();
  const outside = Lazy.stringValue({ produce: () => 'x' });
  expect(outside).toContain('TfToken');
  expect(traces).toHaveBeenCalledTimes(1);
  expect(() => withoutTokenTraces(() => withoutTokenTraces(() => { throw new Error('refused'); }))).toThrow('refused');
  expect(stackTrace.captureStackTrace).toBe(traces);
  Lazy.stringValue({ produce: () => 'y' });
  expect(traces).toHaveBeenCalledTimes(2);
});

test('a refused stack fails app.synth with the message cdktf\'s own synthesizer gives, every finding listed', () => {
  const refusal = (synthesizer: 'ours' | 'cdktf'): string =>
    inTempDir((outdir) => {
      const app = new App({ outdir });
      const topology = normalizeTopology(benchTopology({ agents: 12, users: 4 }));
      const stack = new AgentTopologyStack(app, topology.name, { topology });
      for (const client of stack.topology.clients.values()) client.resource.addOverride('id_token_ttl', 86400);
      if (synthesizer === 'cdktf') stack.synthesizer = new StackSynthesizer(stack);
      try {
        app.synth();
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('synth was not refused');
    });
  const [ours, theirs] = (['ours', 'cdktf'] as const).map(refusal);
  expect(ours).toBe(theirs);
  expect(ours.match(/A2A-TTL-OIDC-TOKEN/g)!.length).toBeGreaterThan(2);
});
