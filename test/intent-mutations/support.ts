/**
 * Runs `vault-a2a` in-process (the commander program of lib/cli/program.ts with captured output
 * and exit code: what bin.ts runs, without a process per call) and synthesizes each base stack
 * once per test file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../lib/cli/program';
import type { Base, Doc } from './types';

export const ROOT = path.resolve(__dirname, '..', '..');

export const TOPOLOGY: Readonly<Record<Base, string>> = {
  'hello-world': 'examples/hello-world/topology.yaml',
  headless: 'examples/headless/topology.yaml',
  expense: 'examples/expense/topology.yaml',
  delegation: 'examples/delegation/topology.yaml',
  'agent-registry': 'examples/agent-registry/topology.yaml',
  portal: 'test/intent-mutations/topologies/portal.yaml',
  machines: 'test/intent-mutations/topologies/machines.yaml',
};

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `vault-a2a <args>` in-process; an exception is reported like bin.ts does (exit 70). */
export async function cli(args: readonly string[], cwd: string = ROOT): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd };
  try {
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  } catch (err) {
    return { code: 70, stdout, stderr: `${stderr}vault-a2a: internal error: ${err instanceof Error ? err.message : String(err)}\n` };
  }
}

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
        const r = await cli(['synth', TOPOLOGY[base], '--out', out]);
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
  const r = await cli(['check', stack, '--topology', topology, '--format', 'json']);
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
  const r = await cli(['diff', before, after, '--fail-on-escalation', '--format', 'json']);
  let escalations: number | undefined;
  try {
    escalations = (JSON.parse(r.stdout) as { summary?: { escalations?: number } }).summary?.escalations;
  } catch {
    escalations = undefined;
  }
  return { code: r.code, escalations, stderr: r.stderr };
}
