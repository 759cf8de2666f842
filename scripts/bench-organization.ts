/**
 * The organization bench (part of `npm run bench`): TEAMS teams of AGENTS_PER_TEAM agents, written
 * once as a topology directory (org.yaml + teams/) and once as the single topology file holding
 * the same agents, each synthesized by `vault-a2a synth`'s own function (validation, plan,
 * stacks, synth-time least-privilege checks) in a child process of its own, so that time and peak
 * memory (max RSS) are the process's alone. Reported: both, their ratios, the largest stack's
 * resources and the largest key's clients.
 *
 * Each team: 20% servers, 50% browser clients calling two servers of the same team and signing in
 * one of the team's groups, 30% headless clients calling a server of their own team and one of
 * the previous team (headless calls name no scope object, so teams depend only on the shared stack).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

export interface OrganizationBenchShape {
  readonly teams: number;
  readonly agentsPerTeam: number;
  readonly usersPerTeam: number;
}

type Agents = Record<string, unknown>;

function teamAgents(t: number, shape: OrganizationBenchShape): Agents {
  const n = shape.agentsPerTeam;
  const servers = Math.max(2, Math.floor(n * 0.2));
  const browser = Math.floor(n * 0.5);
  const headless = Math.max(0, n - servers - browser);
  const previous = (t + shape.teams - 1) % shape.teams;
  const server = (team: number, i: number) => `t${team}-server-${i % servers}`;
  const k8s = (name: string) => ({ mount: 'kubernetes', serviceAccount: name, namespace: `team-${t}`, audience: 'vault' });
  const agents: Agents = {};
  for (let i = 0; i < servers; i++) {
    agents[server(t, i)] = {
      url: `https://${server(t, i)}.example.com`,
      login: k8s(server(t, i)),
      skills: [
        { id: 'read_data', actions: ['read', 'list'] },
        { id: 'write_data', actions: ['write'], public: false },
      ],
    };
  }
  for (let i = 0; i < browser; i++) {
    agents[`t${t}-client-${i}`] = {
      login: k8s(`t${t}-client-${i}`),
      oidc: { redirectUris: [`https://t${t}-client-${i}.example.com/callback`], users: [`group:t${t}-group-${i % Math.max(1, Math.floor(shape.usersPerTeam / 10))}`] },
      calls: [
        { agent: server(t, i), grants: ['read_data:read'] },
        { agent: server(t, i + 1), grants: ['write_data:write', 'read_data:list'] },
      ],
    };
  }
  for (let i = 0; i < headless; i++) {
    agents[`t${t}-headless-${i}`] = {
      login: k8s(`t${t}-headless-${i}`),
      headless: true,
      calls: [
        { agent: server(t, i + 3), grants: ['read_data:read'] },
        { agent: server(previous, i), grants: ['read_data:list'] },
      ],
    };
  }
  return agents;
}

function shared(shape: OrganizationBenchShape): Record<string, unknown> {
  const groupsPerTeam = Math.max(1, Math.floor(shape.usersPerTeam / 10));
  const users: Record<string, unknown> = {};
  const groups: Record<string, unknown> = {};
  for (let t = 0; t < shape.teams; t++) {
    for (let g = 0; g < groupsPerTeam; g++) groups[`t${t}-group-${g}`] = {};
    for (let u = 0; u < shape.usersPerTeam; u++) users[`t${t}-user-${u}`] = { mount: 'userpass', groups: [`t${t}-group-${u % groupsPerTeam}`] };
  }
  return {
    version: 1,
    name: 'bench',
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { kubernetes: { type: 'kubernetes', path: 'kubernetes' }, userpass: { type: 'userpass', path: 'userpass' } },
    users,
    groups,
  };
}

/** Writes the directory and the single file; returns their paths. */
export function writeOrganizationBench(shape: OrganizationBenchShape, into: string): { directory: string; file: string } {
  const directory = path.join(into, 'organization');
  fs.mkdirSync(path.join(directory, 'teams'), { recursive: true });
  fs.writeFileSync(path.join(directory, 'org.yaml'), stringify(shared(shape)));
  const all: Agents = {};
  for (let t = 0; t < shape.teams; t++) {
    const agents = teamAgents(t, shape);
    Object.assign(all, agents);
    fs.writeFileSync(path.join(directory, 'teams', `team-${t}.yaml`), stringify({ agents }));
  }
  const file = path.join(into, 'single.yaml');
  fs.writeFileSync(file, stringify({ ...shared(shape), agents: all }));
  return { directory, file };
}

export interface SynthRun {
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly stacks: number;
  readonly maxStackResources: number;
  readonly maxKeyClients: number;
}

/** Child process: synthesizes `input` into a scratch directory and prints a SynthRun as JSON. */
function child(input: string): void {
  // Loaded here so the parent process stays small.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { synthTopologyFile } = require('../lib/app') as typeof import('../lib/app');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-bench-org-'));
  const start = process.hrtime.bigint();
  const result = synthTopologyFile(input, out);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!result.ok) throw new Error(result.message);
  let maxStackResources = 0;
  let maxKeyClients = 0;
  for (const name of result.stackNames) {
    const doc = JSON.parse(fs.readFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
    const resources = Object.values(doc.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
    maxStackResources = Math.max(maxStackResources, resources);
    // Per key: its allowed-client resources (each names one client or role).
    const perKey = new Map<string, number>();
    for (const body of Object.values(doc.resource?.vault_identity_oidc_key_allowed_client_id ?? {}) as { key_name: string }[]) perKey.set(body.key_name, (perKey.get(body.key_name) ?? 0) + 1);
    for (const n of perKey.values()) maxKeyClients = Math.max(maxKeyClients, n);
  }
  fs.rmSync(out, { recursive: true, force: true });
  const run: SynthRun = { ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, stacks: result.stackNames.length, maxStackResources, maxKeyClients };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

/** Runs the synth of `input` in its own node process (this file, compiled, in child mode). */
export function synthInChild(input: string): SynthRun {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', __filename, '--child', input], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`organization bench child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as SynthRun;
}

/** `npm run bench:organization`: TEAMS × AGENTS_PER_TEAM (default 20 × 500) as a directory and as one file. */
function main(): void {
  const teams = Number(process.env.BENCH_ORG_TEAMS ?? 20);
  const agentsPerTeam = Number(process.env.BENCH_ORG_AGENTS ?? 500);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-bench-org-'));
  try {
    const { directory, file } = writeOrganizationBench({ teams, agentsPerTeam, usersPerTeam: 50 }, dir);
    const org = synthInChild(directory);
    const single = synthInChild(file);
    process.stdout.write(`${JSON.stringify({ teams, agentsPerTeam, directory: org, single }, null, 2)}\n`);
    const problems = [
      ...(org.maxStackResources > 5000 ? [`a stack holds ${org.maxStackResources} resources (over 5,000)`] : []),
      ...(org.maxKeyClients > 1000 ? [`a key allows ${org.maxKeyClients} clients (over 1,000)`] : []),
    ];
    for (const p of problems) process.stderr.write(`bench: ${p}\n`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv[2] === '--child') child(process.argv[3]!);
  else main();
}
