/**
 * `npm run bench`: the pipeline on a generated 1,000-agent topology, measured in one run so the
 * ratios between steps are meaningful on a shared machine (absolute times drift; ratios less so).
 *
 * - validate + normalize, compile: the pure front of the pipeline;
 * - synth (ours): AgentTopologyStack → cdk.tf.json, the L2 constructs' validation included,
 *   least-privilege checks off (measured separately below);
 * - synth (plain CDKTF): the very same resources and attributes created directly as untyped
 *   `TerraformResource`s, i.e. what CDKTF itself costs for this stack;
 * - check: the least-privilege analysis of our synthesized JSON (async = `vault-a2a check`,
 *   sync = the synth-time Aspect and jest matchers), without and with the topology's plan (every
 *   principal's access compared with the plan's: `check --topology` and the Aspect of
 *   `A2aVaultTopology`; the intended facts are computed inside the measured step).
 *
 * Each step runs once to warm up, then BENCH_RUNS times; medians are reported. Then an
 * organization of BENCH_ORG_TEAMS × BENCH_ORG_AGENTS agents (default 20 × 500) against the same
 * agents in one file (`benchOrganization`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { analyzeStacks, analyzeStacksSync } from '../lib/checks/check';
import { AgentTopologyStack } from '../lib/constructs/stack';
import { compile } from '../lib/plan/compile';
import { normalizeTopology } from '../lib/topology/load';
import { synthInChild, writeOrganizationBench } from './bench-organization';
import { benchTopology } from './bench-topology';
import { benchVerifyOnOneCore, describeVerifyBench } from './bench-verify';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 1000);
const USERS = Number(process.env.BENCH_USERS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHECKS_OFF = { enabled: false, reason: 'measured separately' } as const;

interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
}

async function measure(name: string, step: () => unknown): Promise<Measurement> {
  await step();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await step();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]! };
}

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** The same resources as `json`, created directly with CDKTF (no typed bindings, no checks). */
function plainCdktfSynth(app: App, json: Json): string {
  const stack = new TerraformStack(app, 'plain');
  for (const [type, byId] of Object.entries(json.resource ?? {})) {
    for (const [id, body] of Object.entries(byId)) {
      const resource = new TerraformResource(stack, id, { terraformResourceType: type });
      for (const [attr, value] of Object.entries(body)) if (attr !== '//') resource.addOverride(attr, value);
    }
  }
  return Testing.synth(stack);
}

const ORG_TEAMS = Number(process.env.BENCH_ORG_TEAMS ?? 20);
const ORG_AGENTS = Number(process.env.BENCH_ORG_AGENTS ?? 500);

/**
 * scripts/bench-organization.ts: synth of ORG_TEAMS × ORG_AGENTS agents as a directory and as one
 * file, each once in its own process (minutes at 10,000 agents; BENCH_ORG_TEAMS=0 skips it).
 * The bar: the directory's synth takes no more time and memory than the single file's, no
 * stack holds more than 5,000 resources and no key allows more than 1,000 clients.
 */
function benchOrganization(): { lines: string[]; data: unknown; problems: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-bench-org-'));
  try {
    const shape = { teams: ORG_TEAMS, agentsPerTeam: ORG_AGENTS, usersPerTeam: 50 };
    const { directory, file } = writeOrganizationBench(shape, dir);
    const org = synthInChild(directory);
    const single = synthInChild(file);
    // The time and memory bar is the issue's, at its scale (20 × 500); fewer agents per stack pay
    // each stack's fixed cost, so smaller runs only report the ratios.
    const atScale = ORG_TEAMS * ORG_AGENTS >= 10_000;
    const problems = [
      ...(atScale && org.ms > single.ms ? [`the organization's synth took ${org.ms.toFixed(0)} ms, more than the single file's ${single.ms.toFixed(0)} ms`] : []),
      ...(atScale && org.maxRssMiB > single.maxRssMiB ? [`the organization's synth used ${org.maxRssMiB.toFixed(0)} MiB, more than the single file's ${single.maxRssMiB.toFixed(0)} MiB`] : []),
      ...(org.maxStackResources > 5000 ? [`a stack of the organization holds ${org.maxStackResources} resources (over 5,000)`] : []),
      ...(org.maxKeyClients > 1000 ? [`a key of the organization allows ${org.maxKeyClients} clients (over 1,000)`] : []),
    ];
    const lines = [
      `organization: ${ORG_TEAMS} teams × ${ORG_AGENTS} agents, synth with the least-privilege checks, one process each (max RSS):`,
      `  directory   ${org.stacks} stacks  ${org.ms.toFixed(0).padStart(8)} ms  ${org.maxRssMiB.toFixed(0).padStart(6)} MiB  largest stack ${org.maxStackResources} resources, largest key ${org.maxKeyClients} clients`,
      `  one file    ${single.stacks} stack   ${single.ms.toFixed(0).padStart(8)} ms  ${single.maxRssMiB.toFixed(0).padStart(6)} MiB  ${single.maxStackResources} resources, key ${single.maxKeyClients} clients`,
      `  ratios: time ${(org.ms / single.ms).toFixed(2)}, memory ${(org.maxRssMiB / single.maxRssMiB).toFixed(2)}`,
    ];
    return { lines, data: { teams: ORG_TEAMS, agentsPerTeam: ORG_AGENTS, directory: org, single }, problems };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const input = benchTopology({ agents: AGENTS, users: USERS });
  const topology = normalizeTopology(input);
  const ours = () => Testing.synth(new AgentTopologyStack(Testing.app(), 'bench', { topology, checks: CHECKS_OFF }));
  const text = ours();
  const json = JSON.parse(text) as Json;
  const resources = Object.values(json.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
  const plan = compile(topology);
  const findings = analyzeStacksSync(JSON.parse(text), { plan })[0]!.findings.length;

  const results = [
    await measure('validate + normalize', () => normalizeTopology(input)),
    await measure('compile (topology → plan)', () => compile(topology)),
    await measure('synth (ours: AgentTopologyStack)', ours),
    await measure('synth (plain CDKTF, same resources)', () => plainCdktfSynth(Testing.app(), json)),
    await measure('check, async (vault-a2a check)', () => analyzeStacks(JSON.parse(text))),
    await measure('check, sync (no topology)', () => analyzeStacksSync(JSON.parse(text))),
    await measure('check --topology, async (with the plan)', () => analyzeStacks(JSON.parse(text), { plan })),
    await measure('check, sync (synth-time Aspect, with the plan)', () => analyzeStacksSync(JSON.parse(text), { plan })),
  ];
  const ms = (name: string) => results.find((r) => r.name.startsWith(name))!.medianMs;
  const ratios = {
    oursOverPlainCdktf: ms('synth (ours') / ms('synth (plain'),
    checkAsyncOverOurSynth: ms('check, async') / ms('synth (ours'),
    checkSyncOverOurSynth: ms('check, sync (no') / ms('synth (ours'),
    checkTopologyOverOurSynth: ms('check --topology') / ms('synth (ours'),
    aspectWithPlanOverOurSynth: ms('check, sync (synth-time') / ms('synth (ours'),
  };
  const lines = [
    `vault-a2a bench: ${AGENTS} agents, ${USERS} users → ${resources} resources, ${(text.length / 1024 / 1024).toFixed(1)} MiB of cdk.tf.json, ${findings} findings`,
    `node ${process.version}, ${RUNS} runs after a warm-up, median (min)`,
    ...results.map((r) => `  ${r.name.padEnd(40)} ${r.medianMs.toFixed(0).padStart(7)} ms (${r.minMs.toFixed(0)} ms)`),
    `ratios (same run): our synth / plain CDKTF synth = ${ratios.oursOverPlainCdktf.toFixed(2)}; ` +
      `check / our synth = ${ratios.checkAsyncOverOurSynth.toFixed(2)} (async), ${ratios.checkSyncOverOurSynth.toFixed(2)} (sync); ` +
      `with the topology's plan: ${ratios.checkTopologyOverOurSynth.toFixed(2)} (check --topology), ${ratios.aspectWithPlanOverOurSynth.toFixed(2)} (Aspect)`,
  ];
  // A server agent's request check (lib/verify), in its own process on one CPU: scripts/bench-verify.ts.
  const verify = benchVerifyOnOneCore();
  lines.push(describeVerifyBench(verify));
  // An organization: the same agents as a topology directory (one stack per team) and as one file.
  const organization = ORG_TEAMS > 0 ? benchOrganization() : undefined;
  if (organization) lines.push(...organization.lines);
  process.stdout.write(`${lines.join('\n')}\n`);
  const outDir = path.join(process.cwd(), 'bench-out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'bench.json'),
    `${JSON.stringify({ agents: AGENTS, users: USERS, resources, findings, runs: RUNS, results, ratios, verify, ...(organization ? { organization: organization.data } : {}) }, null, 2)}\n`,
  );
  if (findings !== 0) {
    process.stderr.write('bench: the generated topology is expected to synthesize a compliant stack\n');
    process.exitCode = 1;
  }
  for (const problem of organization?.problems ?? []) {
    process.stderr.write(`bench: ${problem}\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
