/**
 * `npm run bench`: what users wait for, measured as they run it. Every step is a whole process
 * (`child_process`), started cold, with its CPU time (user + system, all its Node processes) and
 * peak resident set size taken by a probe (bench-probe.ts); the steps of one section alternate
 * within each round, so a load change on a shared machine hits them alike; medians are reported,
 * and the goals as ratios of steps measured in the same run.
 *
 * Steps (generated topologies, bench-topology.ts; `BENCH_AGENTS` = 1,000 by default):
 * - synth: `vault-a2a synth <topology.json>`, checks on (with the plan), as users run it; and the
 *   same with V8's default interrupt budget, which the binary raises (lib/cli/jit.ts), reported
 *   beside the goal over plain CDKTF;
 * - plain CDKTF: the very same resources written with @cdktf/provider-vault's typed classes
 *   (bench-plain.ts, checked to write the same configuration), `app.synth()`;
 * - cdktf synth: `node scripts/cdktf.js synth` (cdktf-cli through cdktf.json) on the same topology,
 *   and the same with an app that synthesizes one empty stack (cdktf-cli's own cost, reported
 *   beside the goal: what cdktf synth adds beyond it, over vault-a2a synth);
 * - check: `vault-a2a check <cdk.tf.json>`, and with `--topology` (every principal compared with the plan);
 * - access: `vault-a2a access <cdk.tf.json>` (Markdown, the default);
 * - diff: `vault-a2a diff` of two 5,000-agent stacks (`BENCH_DIFF_AGENTS`), against the synth of one;
 * - with `--large`: synth at 5,000, 10,000 and 20,000 agents (`BENCH_LARGE_AGENTS`) within Node's
 *   default heap, and the log-log slope of time and memory from the smallest to the largest;
 * - with `--large` or `--organization`: an organization of 20 teams of 500 agents (`BENCH_ORG_TEAMS`,
 *   `BENCH_ORG_AGENTS`; bench-organization.ts) synthesized as a directory and as the single file of
 *   the same agents, alternating (`BENCH_ORG_RUNS`, default 1): the ratios directory / file of wall
 *   time, CPU and peak RSS (goal ≤ 1), the largest stack (≤ 5,000 resources) and key (≤ 1,000 clients).
 *   `--organization-only` runs this section alone.
 *
 *   npm run bench                          # about 6 minutes on 2 shared cores
 *   npm run bench -- --large               # adds the scaling section (about 5 more minutes)
 *   npm run bench -- --organization-only   # the organization section alone (about 15 minutes)
 *   BENCH_RUNS=3 npm run bench             # rounds per section (default 5, diff section 3)
 *
 * Writes bench-out/bench.json; exits 1 when a goal is missed or a step fails.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { organizationCeilings, writeOrganizationBench } from './bench-organization';
import { benchTopology } from './bench-topology';
import { benchVerifyOnOneCore, describeVerifyBench } from './bench-verify';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const BIN = path.join(DIST, 'lib', 'cli', 'bin.js');
const PROBE = path.join(DIST, 'scripts', 'bench-probe.js');
const AGENTS = Number(process.env.BENCH_AGENTS ?? 1000);
const USERS = Number(process.env.BENCH_USERS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DIFF_AGENTS = Number(process.env.BENCH_DIFF_AGENTS ?? 5000);
const DIFF_RUNS = Number(process.env.BENCH_DIFF_RUNS ?? Math.min(RUNS, 3));
const LARGE = process.argv.includes('--large');
const LARGE_AGENTS = (process.env.BENCH_LARGE_AGENTS ?? '5000,10000,20000').split(',').map(Number);
const ORGANIZATION_ONLY = process.argv.includes('--organization-only');
const ORGANIZATION = LARGE || ORGANIZATION_ONLY || process.argv.includes('--organization');
const ORG_TEAMS = Number(process.env.BENCH_ORG_TEAMS ?? 20);
const ORG_AGENTS = Number(process.env.BENCH_ORG_AGENTS ?? 500);
const ORG_RUNS = Number(process.env.BENCH_ORG_RUNS ?? 1);

/** Goals of issue #11, as ratios of medians from this run. */
const GOALS = {
  synthOverPlain: 1.3,
  checkOverSynth: 0.2,
  accessOverSynth: 0.3,
  diffOverSynth: 1,
  diffPeakMiB: 1024,
  cdktfOverCli: 1.2,
  slope: 1.05,
  organizationOverSingle: 1,
  maxStackResources: 5000,
  maxKeyClients: 1000,
} as const;

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
  readonly processes: number;
}

interface Step {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Options for node itself, before the script. */
  readonly nodeArgs?: readonly string[];
}

interface Measured {
  readonly name: string;
  readonly runs: readonly Run[];
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let probeCount = 0;

/** Runs one step as a process (and its children), with the probe loaded into each Node process. */
function runStep(step: Step, work: string): Run {
  const probeFile = path.join(work, `probe-${++probeCount}.jsonl`);
  const env = {
    ...process.env,
    CI: '1',
    CHECKPOINT_DISABLE: '1',
    BENCH_PROBE_FILE: probeFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PROBE}`.trim(),
    ...step.env,
  };
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...(step.nodeArgs ?? []), ...step.args], { cwd: step.cwd ?? ROOT, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${step.name} failed (exit ${result.status}): node ${step.args.join(' ')}\n${result.stderr.slice(-4000)}`);
  }
  const lines = fs.existsSync(probeFile) ? fs.readFileSync(probeFile, 'utf8').trim().split('\n').filter(Boolean) : [];
  const probes = lines.map((l) => JSON.parse(l) as { userMs: number; systemMs: number; maxRssKiB: number });
  return {
    wallMs,
    cpuMs: probes.reduce((sum, p) => sum + p.userMs + p.systemMs, 0),
    peakRssMiB: Math.max(0, ...probes.map((p) => p.maxRssKiB / 1024)),
    processes: probes.length,
  };
}

/** `rounds` rounds; in each, every step runs once, the order rotating from round to round. */
function alternate(steps: readonly Step[], rounds: number, work: string): Measured[] {
  const runs = new Map<string, Run[]>(steps.map((s) => [s.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[(i + round) % steps.length]!;
      runs.get(step.name)!.push(runStep(step, work));
      progress(`round ${round + 1}/${rounds}: ${step.name}`);
    }
  }
  return steps.map((s) => summarize(s.name, runs.get(s.name)!));
}

function summarize(name: string, runs: readonly Run[]): Measured {
  return { name, runs, wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), peakRssMiB: median(runs.map((r) => r.peakRssMiB)) };
}

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

function writeTopology(work: string, name: string, agents: number, changed = false): string {
  const file = path.join(work, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(benchTopology({ agents, users: USERS, changed }), null, 2)}\n`);
  return file;
}

/**
 * cdktf-cli with an app that synthesizes one empty stack: cdktf-cli's own cost (loading its
 * bundle, checking its environment, reading the manifest), which `cdktf synth` pays whatever the
 * app. Subtracted from the cdktf synth step, it tells what the app adds.
 */
function emptyCdktfAppStep(work: string): Step {
  const dir = path.join(work, 'empty-app');
  fs.mkdirSync(dir, { recursive: true });
  const app = path.join(dir, 'main.js');
  fs.writeFileSync(app, `const { App, TerraformStack } = require(${JSON.stringify(require.resolve('cdktf'))});\nconst app = new App();\nnew TerraformStack(app, 'empty');\napp.synth();\n`);
  fs.writeFileSync(path.join(dir, 'cdktf.json'), `${JSON.stringify({ language: 'typescript', app: `node ${JSON.stringify(app)}`, sendCrashReports: 'false', terraformProviders: [] }, null, 2)}\n`);
  return { name: 'cdktf synth, an empty app (cdktf-cli alone)', args: [path.join(ROOT, 'scripts', 'cdktf.js'), 'synth', '--output', path.join(dir, 'out')], cwd: dir };
}

/** V8's own interrupt budget in this Node (`node --v8-options` gives each flag's default). */
function v8DefaultInterruptBudget(): number {
  const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
  const match = /default: --interrupt-budget=(\d+)/.exec(options);
  if (!match) throw new Error("node --v8-options does not give V8's default --interrupt-budget");
  return Number(match[1]);
}

function synthStep(name: string, topology: string, out: string): Step {
  return { name, args: [BIN, 'synth', topology, '--out', out] };
}

/** The stack's configuration without `//` comments, sorted keys: what two writers must agree on. */
function configurationOf(file: string): string {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .filter((k) => k !== '//')
              .sort()
              .map((k) => [k, strip((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(strip(JSON.parse(fs.readFileSync(file, 'utf8'))));
}

/** Bytes of `//` comments (keys and values, as written) in a cdk.tf.json, and the file's size. */
function metadataShare(file: string): { bytes: number; metadataBytes: number } {
  const text = fs.readFileSync(file, 'utf8');
  const withoutComments = JSON.stringify(JSON.parse(text, (k, v: unknown) => (k === '//' ? undefined : v)), null, 2);
  return { bytes: text.length, metadataBytes: text.length - withoutComments.length };
}

function stackFile(out: string): string {
  return path.join(out, 'stacks', 'bench', 'cdk.tf.json');
}

function line(m: Measured): string {
  return `  ${m.name.padEnd(44)} ${(m.wallMs / 1000).toFixed(2).padStart(7)} s wall ${(m.cpuMs / 1000).toFixed(2).padStart(7)} s CPU ${m.peakRssMiB.toFixed(0).padStart(6)} MiB`;
}

interface Ratio {
  readonly name: string;
  readonly wall: number;
  readonly cpu: number;
  readonly goal: number;
  readonly met: boolean;
}

function ratio(name: string, a: Measured, b: Measured, goal: number): Ratio {
  const wall = a.wallMs / b.wallMs;
  const cpu = a.cpuMs / b.cpuMs;
  // Met when both clocks agree: wall time on a loaded machine drifts, CPU time is what the work costs.
  return { name, wall, cpu, goal, met: wall <= goal && cpu <= goal };
}

interface OrganizationSection {
  readonly lines: readonly string[];
  readonly ratios: readonly Ratio[];
  readonly ceilingsMet: boolean;
  readonly report: Record<string, unknown>;
}

/**
 * Issue #12's scale goal: ORG_TEAMS × ORG_AGENTS agents as a topology directory (one stack per
 * team) against the same agents in one file (one stack), each `vault-a2a synth` with its checks,
 * alternating; the ratios of medians, and the largest stack and key of the directory's output.
 */
function organizationSection(work: string): OrganizationSection {
  const { directory, file } = writeOrganizationBench({ teams: ORG_TEAMS, agentsPerTeam: ORG_AGENTS, usersPerTeam: 50 }, work);
  const dirOut = path.join(work, 'organization-out');
  const fileOut = path.join(work, 'organization-single-out');
  const load = { before: os.loadavg() };
  const measured = alternate([synthStep(`synth directory, ${ORG_TEAMS} × ${ORG_AGENTS} agents`, directory, dirOut), synthStep(`synth one file, ${ORG_TEAMS * ORG_AGENTS} agents`, file, fileOut)], ORG_RUNS, work);
  const loadAfter = os.loadavg();
  const [org, single] = measured as [Measured, Measured];
  const ceilings = organizationCeilings(dirOut);
  const singleCeilings = organizationCeilings(fileOut);
  const memory = org.peakRssMiB / single.peakRssMiB;
  const ratios: Ratio[] = [
    ratio('organization synth / one-file synth', org, single, GOALS.organizationOverSingle),
    { name: 'organization peak RSS / one-file', wall: memory, cpu: memory, goal: GOALS.organizationOverSingle, met: memory <= GOALS.organizationOverSingle },
  ];
  const ceilingsMet = ceilings.maxStackResources <= GOALS.maxStackResources && ceilings.maxKeyClients <= GOALS.maxKeyClients;
  const lines = [
    `organization: ${ORG_TEAMS} teams × ${ORG_AGENTS} agents, ${ORG_RUNS} alternating round(s), load ${load.before.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after:`,
    ...measured.map(line),
    `  directory: ${ceilings.stacks} stacks, largest ${ceilings.maxStackResources} resources, largest key ${ceilings.maxKeyClients} clients; one file: ${singleCeilings.maxStackResources} resources, ${singleCeilings.maxKeyClients} clients on its key`,
  ];
  const goalLines = [
    `  ${ceilings.maxStackResources <= GOALS.maxStackResources ? 'met ' : 'MISS'} ${'organization: largest stack'.padEnd(36)} ${ceilings.maxStackResources} resources (≤ ${GOALS.maxStackResources})`,
    `  ${ceilings.maxKeyClients <= GOALS.maxKeyClients ? 'met ' : 'MISS'} ${'organization: largest key'.padEnd(36)} ${ceilings.maxKeyClients} clients (≤ ${GOALS.maxKeyClients})`,
  ];
  return {
    lines: [...lines, ...goalLines],
    ratios,
    ceilingsMet,
    report: { teams: ORG_TEAMS, agentsPerTeam: ORG_AGENTS, loadavg: { before: load.before, after: loadAfter }, measured, directory: ceilings, single: singleCeilings },
  };
}

/** `--organization-only`: the organization section alone, reported like the whole bench. */
function organizationOnly(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-bench-'));
  try {
    const section = organizationSection(work);
    const lines = [`vault-a2a bench (organization only): node ${process.version}, ${os.cpus().length} CPUs`, ...section.lines, 'goals (ratio of medians, wall / CPU):'];
    for (const r of section.ratios) lines.push(`  ${r.met ? 'met ' : 'MISS'} ${r.name.padEnd(36)} ${r.wall.toFixed(2)} / ${r.cpu.toFixed(2)} (≤ ${r.goal})`);
    process.stdout.write(`${lines.join('\n')}\n`);
    const outDir = path.join(process.cwd(), 'bench-out');
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'bench-organization.json'), `${JSON.stringify({ node: process.version, cpus: os.cpus().length, organization: section.report, ratios: section.ratios }, null, 2)}\n`);
    if (!section.ratios.every((r) => r.met) || !section.ceilingsMet) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-bench-'));
  const lines: string[] = [];
  const ratios: Ratio[] = [];
  const report: Record<string, unknown> = { node: process.version, cpus: os.cpus().length, loadavg: os.loadavg(), runs: RUNS, agents: AGENTS, users: USERS };
  try {
    // --- synth at AGENTS agents: ours, plain typed CDKTF, cdktf synth; check and access on ours.
    const topology = writeTopology(work, `bench-${AGENTS}`, AGENTS);
    const first = path.join(work, 'first');
    runStep(synthStep('synth', topology, first), work);
    const stack = stackFile(first);
    const plainInput = path.join(work, 'plain-input.json');
    const doc = JSON.parse(fs.readFileSync(stack, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(plainInput, JSON.stringify({ ...JSON.parse(configurationOf(stack)), '//': doc['//'] }));
    const plainOut = path.join(work, 'plain');
    runStep({ name: 'plain', args: [path.join(DIST, 'scripts', 'bench-plain.js'), plainInput, plainOut] }, work);
    if (configurationOf(stackFile(plainOut)) !== configurationOf(stack)) throw new Error('the plain-CDKTF baseline does not write the same configuration as vault-a2a synth');
    const share = { ours: metadataShare(stack), plain: metadataShare(stackFile(plainOut)) };
    const resources = Object.values((doc.resource ?? {}) as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);

    const steps: Step[] = [
      synthStep('vault-a2a synth (checks on)', topology, path.join(work, 'ours')),
      { ...synthStep("vault-a2a synth, V8's default budget", topology, path.join(work, 'ours-v8-default')), nodeArgs: [`--interrupt-budget=${v8DefaultInterruptBudget()}`] },
      { name: 'plain CDKTF, typed classes', args: [path.join(DIST, 'scripts', 'bench-plain.js'), plainInput, path.join(work, 'plain')] },
      { name: 'cdktf synth (cdktf.json app)', args: [path.join(ROOT, 'scripts', 'cdktf.js'), 'synth', '--output', path.join(work, 'cdktf')], env: { TOPOLOGY: topology } },
      emptyCdktfAppStep(work),
      { name: 'vault-a2a check', args: [BIN, 'check', stack] },
      { name: 'vault-a2a check --topology', args: [BIN, 'check', stack, '--topology', topology] },
      { name: 'vault-a2a access', args: [BIN, 'access', stack] },
    ];
    const measured = alternate(steps, RUNS, work);
    const [ours, oursV8Default, plain, cdktf, cdktfAlone, check, checkTopology, access] = measured as [Measured, Measured, Measured, Measured, Measured, Measured, Measured, Measured];
    ratios.push(
      ratio('synth / plain CDKTF (typed)', ours, plain, GOALS.synthOverPlain),
      ratio('check / synth', check, ours, GOALS.checkOverSynth),
      ratio('check --topology / synth', checkTopology, ours, GOALS.checkOverSynth),
      ratio('access / synth', access, ours, GOALS.accessOverSynth),
      ratio('cdktf synth / vault-a2a synth', cdktf, ours, GOALS.cdktfOverCli),
    );
    lines.push(
      `vault-a2a bench: ${AGENTS} agents, ${USERS} users → ${resources} resources; node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
      `${RUNS} alternating rounds, medians (wall, CPU = user + system of every Node process of the step, peak RSS of its largest process):`,
      ...measured.map(line),
      // Not goals. The binary raises V8's interrupt budget (lib/cli/jit.ts); plain CDKTF runs with
      // V8's defaults, as its users run it: synth with the defaults shows what the code alone costs.
      `  vault-a2a synth with V8's default budget, over plain CDKTF: ${(oursV8Default.wallMs / plain.wallMs).toFixed(2)} wall / ${(oursV8Default.cpuMs / plain.cpuMs).toFixed(2)} CPU`,
      // What cdktf synth costs beyond cdktf-cli's own start, which no app can change.
      `  cdktf synth minus cdktf-cli alone, over vault-a2a synth: ${((cdktf.wallMs - cdktfAlone.wallMs) / ours.wallMs).toFixed(2)} wall / ${((cdktf.cpuMs - cdktfAlone.cpuMs) / ours.cpuMs).toFixed(2)} CPU`,
      `  cdk.tf.json: ${(share.ours.bytes / 1e6).toFixed(2)} MB, of which // comments ${((100 * share.ours.metadataBytes) / share.ours.bytes).toFixed(1)}% ` +
        `(plain CDKTF: ${(share.plain.bytes / 1e6).toFixed(2)} MB, ${((100 * share.plain.metadataBytes) / share.plain.bytes).toFixed(1)}%)`,
    );
    report.synth = { resources, measured, metadata: share };

    // --- diff of two DIFF_AGENTS-agent stacks against the synth of one.
    const before = writeTopology(work, `bench-${DIFF_AGENTS}`, DIFF_AGENTS);
    const after = writeTopology(work, `bench-${DIFF_AGENTS}-changed`, DIFF_AGENTS, true);
    runStep(synthStep('synth before', before, path.join(work, 'before')), work);
    runStep(synthStep('synth after', after, path.join(work, 'after')), work);
    const diffSteps: Step[] = [
      synthStep(`vault-a2a synth, ${DIFF_AGENTS} agents`, before, path.join(work, 'before-again')),
      { name: `vault-a2a diff, ${DIFF_AGENTS} agents`, args: [BIN, 'diff', stackFile(path.join(work, 'before')), stackFile(path.join(work, 'after'))] },
    ];
    const diffMeasured = alternate(diffSteps, DIFF_RUNS, work);
    const [bigSynth, diff] = diffMeasured as [Measured, Measured];
    ratios.push(ratio(`diff / synth (${DIFF_AGENTS} agents)`, diff, bigSynth, GOALS.diffOverSynth));
    lines.push(`${DIFF_RUNS} alternating rounds at ${DIFF_AGENTS} agents (every tenth client changed):`, ...diffMeasured.map(line));
    report.diff = { agents: DIFF_AGENTS, measured: diffMeasured };
    const diffMemoryMet = diff.peakRssMiB < GOALS.diffPeakMiB;

    // --- scaling (--large): one run per size, default heap.
    let slopes: { time: number; cpu: number; memory: number; met: boolean } | undefined;
    if (LARGE) {
      const sizes = LARGE_AGENTS.map((agents) => {
        const file = writeTopology(work, `bench-large-${agents}`, agents);
        const m = summarize(`vault-a2a synth, ${agents} agents`, [runStep(synthStep(`synth ${agents}`, file, path.join(work, `large-${agents}`)), work)]);
        progress(`${m.name}: ${(m.wallMs / 1000).toFixed(1)} s`);
        return { agents, m };
      });
      const lo = sizes[0]!;
      const hi = sizes[sizes.length - 1]!;
      const k = Math.log(hi.agents / lo.agents);
      slopes = {
        time: Math.log(hi.m.wallMs / lo.m.wallMs) / k,
        cpu: Math.log(hi.m.cpuMs / lo.m.cpuMs) / k,
        memory: Math.log(hi.m.peakRssMiB / lo.m.peakRssMiB) / k,
        met: false,
      };
      slopes.met = slopes.cpu <= GOALS.slope && slopes.memory <= GOALS.slope && slopes.time <= GOALS.slope;
      lines.push(
        `scaling (one run each, Node's default heap):`,
        ...sizes.map((s) => line(s.m)),
        `  log-log slope ${lo.agents} → ${hi.agents} agents: wall ${slopes.time.toFixed(2)}, CPU ${slopes.cpu.toFixed(2)}, peak RSS ${slopes.memory.toFixed(2)} (goal ≤ ${GOALS.slope})`,
      );
      report.scaling = { sizes: sizes.map((s) => ({ agents: s.agents, ...s.m })), slopes };
    }

    let organization: OrganizationSection | undefined;
    if (ORGANIZATION) {
      organization = organizationSection(work);
      lines.push(...organization.lines.filter((l) => !l.includes('organization: largest')));
      ratios.push(...organization.ratios);
      report.organization = organization.report;
    }

    lines.push('goals (ratio of medians, wall / CPU):');
    for (const r of ratios) lines.push(`  ${r.met ? 'met ' : 'MISS'} ${r.name.padEnd(36)} ${r.wall.toFixed(2)} / ${r.cpu.toFixed(2)} (≤ ${r.goal})`);
    lines.push(`  ${diffMemoryMet ? 'met ' : 'MISS'} ${'diff peak RSS'.padEnd(36)} ${diff.peakRssMiB.toFixed(0)} MiB (< ${GOALS.diffPeakMiB})`);
    if (slopes) lines.push(`  ${slopes.met ? 'met ' : 'MISS'} ${'scaling slope (wall, CPU, memory)'.padEnd(36)} ${slopes.time.toFixed(2)}, ${slopes.cpu.toFixed(2)}, ${slopes.memory.toFixed(2)} (≤ ${GOALS.slope})`);
    else lines.push('  (scaling: run `npm run bench -- --large`)');
    if (organization) lines.push(...organization.lines.filter((l) => l.includes('organization: largest')));
    else lines.push('  (organization of 20 × 500 agents: run `npm run bench -- --organization` or `--large`)');

    // A server agent's request check (lib/verify), in its own process on one CPU: scripts/bench-verify.ts.
    const verify = benchVerifyOnOneCore();
    lines.push(describeVerifyBench(verify));
    report.ratios = ratios;
    report.verify = verify;
    process.stdout.write(`${lines.join('\n')}\n`);
    const outDir = path.join(process.cwd(), 'bench-out');
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (!ratios.every((r) => r.met) || !diffMemoryMet || (slopes && !slopes.met) || (organization && !organization.ceilingsMet)) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  if (ORGANIZATION_ONLY) organizationOnly();
  else main();
} catch (err) {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
