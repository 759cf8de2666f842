/**
 * Byte-for-byte comparison of the review outputs of two builds of the CLI, for optimizations
 * that must not change a report: `access` (Markdown and JSON), `check` (JSON), `graph` and
 * `diff`, on every example, every synthesized stack fixture under test/ and the bench topology.
 *
 *   node dist/scripts/compare-outputs.js <reference bin.js> <candidate bin.js> [--agents 1000]
 *
 * e.g. `node dist/scripts/compare-outputs.js /work/main/dist/lib/cli/bin.js dist/lib/cli/bin.js`.
 * The reference build synthesizes every input, so both builds read the same stacks. Exit 0 when
 * every output (stdout and exit code) is identical, 1 otherwise, listing each difference.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { benchTopology } from './bench-topology';

const ROOT = resolve(__dirname, '..', '..');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
}

function run(bin: string, args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CI: '1' } });
  return { status: r.status, stdout: r.stdout };
}

function files(dir: string, name: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...files(path, name));
    else if (name(path)) out.push(path);
  }
  return out;
}

function synthesize(bin: string, topology: string, out: string): string[] {
  const r = run(bin, ['synth', topology, '--out', out]);
  if (r.status !== 0) throw new Error(`compare-outputs: ${bin} synth ${topology} exited ${r.status}`);
  return files(join(out, 'stacks'), (f) => f.endsWith('cdk.tf.json'));
}

function main(argv: readonly string[]): number {
  const [reference, candidate] = argv;
  const agentsAt = argv.indexOf('--agents');
  const agents = agentsAt >= 0 ? Number(argv[agentsAt + 1]) : 1000;
  if (!reference || !candidate || !Number.isInteger(agents) || agents < 1) {
    process.stderr.write('usage: compare-outputs <reference bin.js> <candidate bin.js> [--agents N]\n');
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), 'compare-outputs-'));
  try {
    const stacks: string[] = [];
    // A topology file per example, and the organization example's directory (org.yaml and its teams).
    const topologies = [...files(join(ROOT, 'examples'), (f) => f.endsWith('/topology.yaml')), join(ROOT, 'examples', 'organization')];
    topologies.forEach((t, i) => stacks.push(...synthesize(reference, t, join(work, `example-${i}`))));
    stacks.push(...files(join(ROOT, 'test'), (f) => f.endsWith('.tf.json')));
    const bench = (n: number, name: string) => {
      const topology = join(work, `${name}.json`);
      writeFileSync(topology, JSON.stringify(benchTopology({ agents: n, users: Math.max(1, Math.round(n / 5)) })));
      return synthesize(reference, topology, join(work, name));
    };
    const big = bench(agents, 'bench');
    const [small, smallPlus] = [bench(50, 'bench-50'), bench(51, 'bench-51')];
    stacks.push(...big);

    const cases: string[][] = [];
    for (const s of stacks) cases.push(['access', s], ['access', s, '--format', 'json'], ['check', s, '--format', 'json'], ['graph', s]);
    for (let i = 0; i + 1 < stacks.length; i++) cases.push(['diff', stacks[i]!, stacks[i + 1]!], ['diff', stacks[i]!, stacks[i + 1]!, '--format', 'json']);
    cases.push(['diff', small[0]!, smallPlus[0]!], ['diff', small[0]!, smallPlus[0]!, '--format', 'json']);

    let differences = 0;
    for (const args of cases) {
      const a = run(reference, args);
      const b = run(candidate, args);
      const shown = args.map((x) => (x.startsWith(work) ? `<tmp>/${relative(work, x)}` : x.startsWith(ROOT) ? relative(ROOT, x) : x)).join(' ');
      if (a.status === b.status && a.stdout === b.stdout) {
        process.stdout.write(`same  ${shown} (exit ${a.status}, ${a.stdout.length} chars)\n`);
        continue;
      }
      differences++;
      process.stdout.write(`DIFF  ${shown}: exit ${a.status} vs ${b.status}, ${a.stdout.length} vs ${b.stdout.length} chars\n`);
    }
    process.stdout.write(`${cases.length} outputs compared, ${differences} different\n`);
    return differences === 0 ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
