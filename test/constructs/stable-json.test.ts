/**
 * The stack's JSON written in chunks (lib/constructs/stable-json.ts) is, byte for byte, what
 * cdktf writes with json-stable-stringify: for every example's stack, the bench topology, and
 * generated values (empty and nested objects and arrays, undefined, toJSON, odd keys), and
 * across the chunk boundary; and app.synth writes every file as cdktf's own synthesizer does.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { App, Testing } from 'cdktf';
import { StackSynthesizer } from 'cdktf/lib/synthesize/synthesizer';
import { AgentTopologyStack } from '../../lib/constructs';
import { SingleResolveSynthesizer } from '../../lib/constructs/stack';
import { stableJson, writeStableJson } from '../../lib/constructs/stable-json';
import { exampleAndBenchTopologies } from '../support/example-topologies';

// cdktf's own copy of the library, the one its synthesizer writes with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stringify = require(require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf'))] })) as (v: unknown, o: { space: number }) => string | undefined;

const library = (value: unknown): string | undefined => stringify(value, { space: 2 });

test('every example stack and the bench topology: the same text as json-stable-stringify', () => {
  const topologies = exampleAndBenchTopologies();
  for (const topology of topologies) {
    const json = new AgentTopologyStack(Testing.app(), topology.name, { topology, checks: { enabled: false, reason: 'comparing text' } }).toTerraform();
    expect(stableJson(json)).toBe(library(json));
  }
});

test('generated values: the same text, undefined and functions left out or written null as the library does', () => {
  const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(() => 1), fc.date({ noInvalidDate: true }));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 4 }),
    object: fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 }),
  })).node;
  fc.assert(
    fc.property(fc.dictionary(fc.string(), value, { maxKeys: 5 }), (v) => {
      expect(stableJson(v)).toBe(library(v));
    }),
    { numRuns: 300 },
  );
  expect(stableJson({ a: {}, b: [], c: [undefined, {}], d: { toJSON: () => ({ z: 1, y: [] }) } })).toBe(library({ a: {}, b: [], c: [undefined, {}], d: { toJSON: () => ({ z: 1, y: [] }) } }));
});

test('written to a file in chunks: the same bytes across the chunk boundary', () => {
  const big = { resource: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`r${(i * 7919) % 3000}`, { text: 'é✓'.repeat(200), n: i, list: [i, `${i}`, {}] }])) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-stable-json-'));
  try {
    const file = path.join(dir, 'cdk.tf.json');
    writeStableJson(file, big);
    const written = fs.readFileSync(file);
    expect(written.length).toBeGreaterThan(2 << 20);
    expect(written.equals(Buffer.from(library(big)!, 'utf8'))).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a cycle is refused as the library refuses it', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  expect(() => library(cyclic)).toThrow(TypeError);
  expect(() => stableJson(cyclic)).toThrow(TypeError);
});

/** Synthesizes `build`'s stack in a fresh app, with the stack's own synthesizer or cdktf's, and returns every file written. */
function synthesizedFiles(build: (app: App) => AgentTopologyStack, synthesizer: 'ours' | 'cdktf', hcl = false): Map<string, Buffer> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-synth-bytes-'));
  try {
    const app = new App({ outdir, hclOutput: hcl });
    const stack = build(app);
    if (synthesizer === 'cdktf') stack.synthesizer = new StackSynthesizer(stack, false, hcl);
    else if (hcl) stack.synthesizer = new SingleResolveSynthesizer(stack, false, true);
    app.synth();
    const files = new Map<string, Buffer>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.set(path.relative(outdir, full), fs.readFileSync(full));
      }
    };
    walk(outdir);
    return files;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test('app.synth writes the bytes cdktf\'s own synthesizer writes (stack file and manifest, annotations included), JSON and HCL', () => {
  const topologies = exampleAndBenchTopologies();
  for (const [i, topology] of topologies.entries()) {
    // One with the checks off: an info annotation in the manifest.
    const checks = i === 0 ? { checks: { enabled: false as const, reason: 'an annotation in the manifest' } } : {};
    const build = (app: App) => new AgentTopologyStack(app, topology.name, { topology, ...checks });
    for (const hcl of i < 2 ? [false, true] : [false]) {
      // From one call site: an annotation records the stack trace of its construct.
      const [ours, theirs] = (['ours', 'cdktf'] as const).map((synthesizer) => synthesizedFiles(build, synthesizer, hcl)) as [Map<string, Buffer>, Map<string, Buffer>];
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [file, bytes] of theirs) expect({ file, text: ours.get(file)!.toString('utf8') }).toEqual({ file, text: bytes.toString('utf8') });
    }
  }
});
