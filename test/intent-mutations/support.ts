/**
 * Synthesizes each base stack once per test file and runs `check` and `diff` on edited copies,
 * with `vault-a2a` in-process (`vaultA2a` of test/cli/run.ts: the command tree bin.ts runs, with
 * captured output and exit code, without a process per call).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { vaultA2a } from '../cli/run';
import type { Base, Doc } from './types';

export const TOPOLOGY: Readonly<Record<Base, string>> = {
  'hello-world': 'examples/hello-world/topology.yaml',
  headless: 'examples/headless/topology.yaml',
  expense: 'examples/expense/topology.yaml',
  delegation: 'examples/delegation/topology.yaml',
  'agent-registry': 'examples/agent-registry/topology.yaml',
  operations: 'examples/operations/topology.yaml',
  portal: 'test/intent-mutations/topologies/portal.yaml',
  machines: 'test/intent-mutations/topologies/machines.yaml',
  'identity-provider': 'examples/identity-provider/topology.yaml',
};

export interface SynthesizedBase {
  readonly base: Base;
  /** Path of the synthesized cdk.tf.json. */
  readonly file: string;
  readonly topology: string;
  /** A fresh deep copy of the synthesized document. */
  readonly copy: () => Doc;
}

/** A scratch directory removed when the test file ends (call in a describe or at top level). */
export function scratch(prefix: string): () => string {
  let dir: string | undefined;
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));
  return () => (dir ??= fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Synthesizes `base` with `vault-a2a synth` into `dir`; cached per base for this test file. */
export function baseSynthesizer(dir: () => string): (base: Base) => Promise<SynthesizedBase> {
  const cache = new Map<Base, Promise<SynthesizedBase>>();
  return (base) => {
    let pending = cache.get(base);
    if (!pending) {
      pending = (async () => {
        const out = path.join(dir(), 'bases', base);
        const r = await vaultA2a(['synth', TOPOLOGY[base], '--out', out]);
        if (r.code !== 0) throw new Error(`synth of ${base} failed (${r.code}): ${r.stderr}`);
        const file = path.join(out, r.stdout.trim().slice(out.length + 1));
        const text = fs.readFileSync(file, 'utf8');
        return { base, file, topology: TOPOLOGY[base], copy: () => JSON.parse(text) };
      })();
      cache.set(base, pending);
    }
    return pending;
  };
}

export interface CheckOutcome {
  readonly code: number;
  /** Unsuppressed error findings as `RULE resource`. */
  readonly errors: readonly string[];
  readonly stderr: string;
}

export async function check(stack: string, topology: string): Promise<CheckOutcome> {
  const r = await vaultA2a(['check', stack, '--topology', topology, '--format', 'json']);
  let errors: string[] = [];
  if (r.stdout.trim() !== '') {
    const report = JSON.parse(r.stdout) as { findings: { rule: string; severity: string; resource: string; suppressed?: true }[] };
    errors = report.findings.filter((f) => f.severity === 'error' && !f.suppressed).map((f) => `${f.rule} ${f.resource}`);
  }
  return { code: r.code, errors, stderr: r.stderr };
}

export interface DiffOutcome {
  readonly code: number;
  readonly escalations: number | undefined;
  readonly stderr: string;
}

export async function diff(before: string, after: string): Promise<DiffOutcome> {
  const r = await vaultA2a(['diff', before, after, '--fail-on-escalation', '--format', 'json']);
  let escalations: number | undefined;
  try {
    escalations = (JSON.parse(r.stdout) as { summary?: { escalations?: number } }).summary?.escalations;
  } catch {
    escalations = undefined;
  }
  return { code: r.code, escalations, stderr: r.stderr };
}
