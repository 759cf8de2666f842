/**
 * Headless verifications per second, with cached keys: the `createVerifier` of a server agent
 * (examples/headless' claims.json, rendered for a key set served on loopback) checking a real
 * RS256 identity token, signature and claims, one request after the other.
 *
 * `npm run bench` runs this file as its own process pinned to one CPU (`taskset -c 0`, when the
 * machine has it), so WebCrypto's worker threads share that core with the event loop. It reports
 * the wall-clock rate and the rate per CPU-second of the process (all threads): on a machine
 * shared with other work the first drops with the load, the second is what one core delivers.
 * Run alone: `node dist/scripts/bench-verify.js` (BENCH_VERIFICATIONS=20000 by default).
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { renderCards } from '../lib/review/cards';
import { parseTopologyText } from '../lib/topology/load';
import { createVerifier } from '../lib/verify';

const COUNT = Number(process.env.BENCH_VERIFICATIONS ?? 20000);

export interface VerifyBenchResult {
  readonly verifications: number;
  readonly seconds: number;
  /** Wall clock: what a loaded machine gives; other processes on the core lower it. */
  readonly perSecond: number;
  /** CPU time of this process (all its threads, user + system): what one core gives it. */
  readonly cpuSeconds: number;
  readonly perCpuSecond: number;
  readonly keySetFetches: number;
  /** How the process was confined: "taskset -c 0" or "not pinned". */
  readonly pinned: string;
}

const TOPOLOGY = `version: 1
name: bench
vault: { address: "ADDRESS" }
authMounts: { kubernetes: { type: kubernetes, path: kubernetes } }
agents:
  hello-world: { url: "https://hello-world.example.com", skills: [{ id: hello_world, actions: [read] }] }
  test-client:
    login: { mount: kubernetes, serviceAccount: test-client, namespace: default }
    headless: true
    calls: [{ agent: hello-world, grants: ["hello_world:read"] }]
`;

export async function benchVerify(count = COUNT): Promise<VerifyBenchResult> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = 'bench-key';
  const jwk = { use: 'sig', kty: 'RSA', kid, alg: 'RS256', ...(await exportJWK(publicKey)) };
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const parsed = parseTopologyText(TOPOLOGY.replace('ADDRESS', address), 'bench.yaml');
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
    const claims = JSON.parse(renderCards(parsed.topology).files.find((f) => f.path === 'hello-world/claims.json')!.content);
    const aud = 'bench-client-id';
    const verifier = createVerifier({ claims, audiences: { 'test-client.hello-world': aud } });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ namespace: 'root', 'hello-world.hello_world.read': true })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(`${address}/v1/identity/oidc`)
      .setSubject('7d9bb2a1-6a0e-4c5b-9d55-2f6f0c1e8a11')
      .setAudience(aud)
      .setIssuedAt(now)
      .setExpirationTime(now + 900)
      .sign(privateKey);
    const request = { authorization: `Bearer ${token}`, skill: 'hello_world', action: 'read' };
    for (let i = 0; i < 2000; i++) {
      const v = await verifier.verify(request);
      if (!v.allowed) throw new Error(`the bench token was refused: ${v.reason}`);
    }
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      const v = await verifier.verify(request);
      if (!v.allowed) throw new Error(`the bench token was refused: ${v.reason}`);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    return {
      verifications: count,
      seconds,
      perSecond: count / seconds,
      cpuSeconds,
      perCpuSecond: count / cpuSeconds,
      keySetFetches: fetches,
      pinned: process.env.BENCH_VERIFY_PINNED ?? 'not pinned',
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Runs this file in its own process on one CPU and returns what it measured. */
export function benchVerifyOnOneCore(): VerifyBenchResult {
  const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const [command, args] = hasTaskset ? ['taskset', ['-c', '0', process.execPath, __filename]] : [process.execPath, [__filename]];
  const run = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, BENCH_VERIFY_JSON: '1', BENCH_VERIFY_PINNED: hasTaskset ? 'taskset -c 0' : 'not pinned' },
  });
  if (run.status !== 0) throw new Error(`bench-verify failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as VerifyBenchResult;
}

export function describeVerifyBench(r: VerifyBenchResult): string {
  return (
    `  ${'headless verifications (cached keys)'.padEnd(40)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(7)} /s wall clock, ` +
    `${Math.round(r.perCpuSecond).toLocaleString('en-US')} per CPU-second ` +
    `(${r.verifications} RS256 identity tokens in ${r.seconds.toFixed(2)} s using ${r.cpuSeconds.toFixed(2)} s of CPU, ${r.pinned}, ${r.keySetFetches} key-set fetch)`
  );
}

if (require.main === module) {
  benchVerify().then(
    (r) => process.stdout.write(process.env.BENCH_VERIFY_JSON ? JSON.stringify(r) : `${describeVerifyBench(r)}\n`),
    (err: unknown) => {
      process.stderr.write(`bench-verify failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
