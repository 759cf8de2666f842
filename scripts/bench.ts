/**
 * `npm run bench`: how long the least-privilege checks take on a 1,000-agent stack.
 *
 * Each measurement is a named async step, run once to warm up and then RUNS times; the median is
 * reported. The synth measurement belongs next to the check ones: once the L3 construct exists,
 * add a `measure('synth: A2aVaultTopology (1,000 agents)', ...)` step that builds the same
 * topology and calls `Testing.synth`, and the table shows check time against synth time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeStacks, analyzeStacksSync } from '../lib/checks/check';
import { readStack } from '../lib/checks/stack';
import { generateBenchStack } from './bench-stack';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 1000);
const USERS = Number(process.env.BENCH_USERS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly note?: string;
}

async function measure(name: string, step: () => unknown | Promise<unknown>, note?: string): Promise<Measurement> {
  await step();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await step();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]!, ...(note ? { note } : {}) };
}

async function main(): Promise<void> {
  const json = generateBenchStack({ agents: AGENTS, users: USERS });
  const text = JSON.stringify(json, null, 2);
  const stack = readStack(json);
  const resources = [...stack.blocks.values()].filter((b) => b.mode === 'resource').length;

  const [first] = analyzeStacksSync(stack);
  const findings = first!.findings.length;
  const principals = Object.keys(first!.access.principals).length;

  const results: Measurement[] = [];
  results.push(await measure('read + resolve references', () => readStack(JSON.parse(text))));
  results.push(await measure('check, async (hcl2json parse)', () => analyzeStacks(JSON.parse(text))));
  results.push(await measure('check, sync (Aspect / matchers path)', () => analyzeStacksSync(JSON.parse(text))));
  // Synth of the same topology goes here once the L3 construct exists (see the comment above).

  const lines = [
    `vault-a2a bench: ${AGENTS} agents, ${USERS} users: ${resources} resources, ${(text.length / 1024 / 1024).toFixed(1)} MiB of cdk.tf.json, ${principals} principals, ${findings} findings`,
    `node ${process.version}, ${RUNS} runs after a warm-up, median (min)`,
    ...results.map((r) => `  ${r.name.padEnd(40)} ${r.medianMs.toFixed(0).padStart(7)} ms (${r.minMs.toFixed(0)} ms)${r.note ? `  ${r.note}` : ''}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const outDir = path.join(process.cwd(), 'bench-out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'checks.json'), `${JSON.stringify({ agents: AGENTS, users: USERS, resources, principals, findings, runs: RUNS, results }, null, 2)}\n`);
  if (findings !== 0) {
    process.stderr.write('bench: the generated stack is expected to be compliant\n');
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
